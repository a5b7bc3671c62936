// Metric paths: entities by name, `_s` keys as times without the suffix, queue names with their broker.
#include <gtest/gtest.h>

#include "sim/output/metric_paths.hpp"

namespace buslab {

TEST(MetricPaths, NamesEveryNumberByRunEntityAndMetric) {
  const auto metrics = nlohmann::ordered_json::parse(R"({
    "schema": "buslab-metrics/2", "scenario": "lab", "variant": "", "seed": 3, "sim_time_s": 10.5,
    "drained": true,
    "clients": [{"name": "api", "instances": 2, "service": "compute", "methods": {"add": {
      "sent": 7, "failures": {"NoSuchMethod": 1}, "latency_s": {"count": 6, "p99": 0.02}}}}],
    "servers": [{"name": "compute-1", "host": "h1", "handled": 5, "busy_time_s": 1.5}],
    "queues": [{"name": "rabbit/compute", "broker": "rabbit", "max_depth": 4}],
    "conservation": {"created": 14, "lost": {"network": 2}},
    "provenance": {"seed": 3}
  })");
  std::vector<std::string> paths;
  std::vector<bool> times;
  for (const auto& p : flatten_metrics(metrics)) {
    paths.push_back(p.path());
    times.push_back(p.is_time);
  }
  const std::vector<std::string> expected = {
      "lab/sim_time",
      "lab/clients/api/compute.add/sent",
      "lab/clients/api/compute.add/failures.NoSuchMethod",
      "lab/clients/api/compute.add/latency.count",
      "lab/clients/api/compute.add/latency.p99",
      "lab/servers/compute-1/handled",
      "lab/servers/compute-1/busy_time",
      "lab/queues/rabbit/compute/max_depth",
      "lab/conservation/created",
      "lab/conservation/lost.network",
  };
  EXPECT_EQ(paths, expected);
  EXPECT_EQ(times, (std::vector<bool>{true, false, false, false, true, false, true, false, false, false}));
}

TEST(MetricPaths, ReplicatedNumbersGiveTheirMeanAndInterval) {
  const auto metrics = nlohmann::ordered_json::parse(R"({
    "schema": "buslab-metrics/2", "scenario": "lab", "variant": "brokered", "seeds": [1, 2],
    "servers": [{"name": "s", "handled": {"mean": 10, "sd": 1, "ci95": [8, 12], "values": [9, 11]}}]
  })");
  const auto points = flatten_metrics(metrics);
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(points[0].path(), "brokered/servers/s/handled");
  EXPECT_EQ(points[0].value, 10.0);
  EXPECT_EQ(points[0].ci_half_width, 2.0);
  EXPECT_EQ(points[0].seeds, 2u);
}

}  // namespace buslab
