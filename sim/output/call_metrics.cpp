#include "sim/output/call_metrics.hpp"

#include "models/accounting/trace_log.hpp"
#include "sim/output/latency_json.hpp"

namespace buslab {

using Json = nlohmann::ordered_json;

Json methods_json(const World& world) {
  Json out = Json::array();
  for (const auto& [name, m] : world.trace.tally().by_method()) {
    out.push_back(Json{{"name", name},
                       {"service", m.service},
                       {"method", m.method},
                       {"mode", m.mode == RpcMode::Call ? "call" : "cast"},
                       {"calls", m.calls},
                       {"roots", m.roots},
                       {"ok", m.ok},
                       {"timed_out", m.timed_out},
                       {"failed", m.failed},
                       {"pending", m.pending()},
                       {"latency_s", latency_json(m.latency.summarize())},
                       {"end_to_end_s", latency_json(m.end_to_end.summarize())}});
  }
  return out;
}

}  // namespace buslab
