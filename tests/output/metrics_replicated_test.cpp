// Replications merged into one metrics.json: numbers become summaries, entities are matched by name, what a
// seed's run lacks counts as 0, identities stay as they are.
#include <gtest/gtest.h>

#include "sim/output/metrics_replicated.hpp"

namespace buslab {

TEST(MetricsReplicated, SummarisesEachNumberAcrossSeeds) {
  using Json = nlohmann::ordered_json;
  const Json a = Json::parse(R"({"schema": "buslab-metrics/2", "scenario": "s", "variant": "v", "seed": 1,
    "drained": true, "servers": [{"name": "x", "host": "h", "handled": 10}, {"name": "y", "host": "h", "handled": 1}],
    "failures": {"timeout": 2}, "provenance": {"buslab": "b", "seed": 1}})");
  const Json b = Json::parse(R"({"schema": "buslab-metrics/2", "scenario": "s", "variant": "v", "seed": 2,
    "drained": false, "servers": [{"name": "y", "host": "h", "handled": 3}, {"name": "x", "host": "h", "handled": 14}],
    "failures": {}, "provenance": {"buslab": "b", "seed": 2}})");
  const Json m = replicate_metrics({a, b}, {1, 2});
  EXPECT_EQ(m["seeds"], Json::array({1, 2}));
  EXPECT_FALSE(m.contains("seed"));
  EXPECT_EQ(m["variant"], "v");
  EXPECT_EQ(m["drained"], Json::parse(R"({"all": false, "values": [true, false]})"));
  const Json& x = m["servers"][0];
  EXPECT_EQ(x["name"], "x");
  EXPECT_EQ(x["host"], "h");
  EXPECT_EQ(x["handled"]["values"], Json::array({10, 14}));
  EXPECT_DOUBLE_EQ(x["handled"]["mean"].get<double>(), 12.0);
  // sd of {10, 14} = 2.828427; half-width t(0.975, 1) * sd / sqrt(2) = 12.7062 * 2 = 25.4124.
  EXPECT_NEAR(x["handled"]["sd"].get<double>(), 2.828427, 1e-6);
  EXPECT_NEAR(x["handled"]["ci95"][1].get<double>() - 12.0, 25.4124, 1e-3);
  EXPECT_EQ(m["servers"][1]["handled"]["values"], Json::array({1, 3}));
  // A failure reason seen in one seed only counts 0 in the other.
  EXPECT_EQ(m["failures"]["timeout"]["values"], Json::array({2, 0}));
  EXPECT_EQ(m["provenance"], Json::parse(R"({"buslab": "b", "seeds": [1, 2]})"));
}

}  // namespace buslab
