#include "sim/output/call_metrics.hpp"

#include "models/accounting/trace_log.hpp"

namespace buslab {

namespace {

using Json = nlohmann::ordered_json;

Json summary_json(const LatencySummary& s) {
  return Json{{"count", s.count}, {"mean", s.mean}, {"p50", s.p50}, {"p90", s.p90}, {"p99", s.p99}, {"max", s.max}};
}

}  // namespace

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
                       {"latency_s", summary_json(m.latency.summarize())},
                       {"end_to_end_s", summary_json(m.end_to_end.summarize())}});
  }
  return out;
}

}  // namespace buslab
