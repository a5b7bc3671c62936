#include "models/core/contention.hpp"

#include <algorithm>
#include <cmath>

namespace buslab {

double contention_factor(const Contention& model, const ContentionLaw& law, int processes, int cores) {
  const double load = static_cast<double>(processes) / static_cast<double>(std::max(1, cores));
  const double excess = std::min(load, model.max_processes_per_core) - model.reference_processes_per_core;
  if (excess <= 0.0 || law.coefficient <= 0.0) return 1.0;
  return 1.0 + law.coefficient * std::pow(excess, law.exponent);
}

ContentionFactors contention_factors(const Contention& model, int processes, int cores) {
  return {contention_factor(model, model.call, processes, cores),
          contention_factor(model, model.cast, processes, cores)};
}

CostOp cost_op_of(const Message& message) {
  if (message.rpc.call == 0) return CostOp::Cast;  // not RPC: a notification or a raw AMQP publish
  if (message.kind == MsgKind::Reply) return CostOp::Call;
  return message.rpc.mode == RpcMode::Call ? CostOp::Call : CostOp::Cast;
}

}  // namespace buslab
