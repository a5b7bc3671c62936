#include "sim/output/latency_json.hpp"

namespace buslab {

nlohmann::ordered_json latency_json(const LatencySummary& s) {
  return nlohmann::ordered_json{{"count", s.count}, {"mean", s.mean}, {"p50", s.p50},
                                {"p90", s.p90},     {"p99", s.p99},   {"max", s.max}};
}

}  // namespace buslab
