// `buslab check` on metrics written by hand: entities by name, tolerances, regressions first, missing and extra
// entities named, --update.
#include <gtest/gtest.h>

#include "sim/output/check_results.hpp"
#include "sim/output/metrics_replicated.hpp"

namespace buslab {

namespace {

using Json = nlohmann::ordered_json;

// A run's metrics.json with one client method and the servers given, in that order.
Json metrics(const std::string& variant, double p99, std::vector<std::pair<std::string, int>> servers) {
  Json list = Json::array();
  for (const auto& [name, handled] : servers) list.push_back(Json{{"name", name}, {"handled", handled}});
  return Json{
      {"schema", "buslab-metrics/2"},
      {"scenario", "lab"},
      {"variant", variant},
      {"seed", 1},
      {"sim_time_s", 10.0},
      {"clients",
       Json::array(
           {Json{{"name", "api"},
                 {"service", "compute"},
                 {"methods",
                  {{"add",
                    {{"sent", 100}, {"failures", Json::object()}, {"latency_s", {{"count", 100}, {"p99", p99}}}}}}}}})},
      {"servers", list}};
}

std::vector<MetricPoint> flat(const std::vector<Json>& runs) {
  std::vector<MetricPoint> out;
  for (const auto& r : runs) {
    auto points = flatten_metrics(r);
    out.insert(out.end(), points.begin(), points.end());
  }
  return out;
}

}  // namespace

TEST(CheckResults, ServersAreMatchedByNameNotPosition) {
  const auto result = flat({metrics("brokered", 0.040, {{"compute-2", 20}, {"compute-1", 10}})});
  const ExpectedFile expected = ExpectedFile::parse(
      "brokered/servers/compute-1/handled: 10 +-0\nbrokered/servers/compute-2/handled: 20 +-0\n", "e");
  const CheckReport report = check_results(expected, result);
  EXPECT_EQ(report.failures(), 0u);
}

TEST(CheckResults, TwoPercentPassesThirtyPercentFailsAndComesFirst) {
  const ExpectedFile expected = ExpectedFile::parse(
      "brokered/clients/api/compute.add/sent: 100 +-0\n"
      "brokered/clients/api/compute.add/latency.p99: 40ms \xC2\xB1"
      "10%\n",
      "e");
  const auto moved_2 = flat({metrics("brokered", 0.0408, {})});
  EXPECT_EQ(check_results(expected, moved_2).failures(), 0u);
  const auto moved_30 = flat({metrics("brokered", 0.052, {})});
  const CheckReport report = check_results(expected, moved_30);
  ASSERT_EQ(report.failures(), 1u);
  EXPECT_EQ(report.rows[0].verdict, Verdict::Regression);
  EXPECT_EQ(report.rows[0].expected.path, "brokered/clients/api/compute.add/latency.p99");
  const std::string table = render_check_report(report);
  EXPECT_NE(table.find("FAIL     brokered/clients/api/compute.add/latency.p99"), std::string::npos) << table;
  EXPECT_NE(table.find("+30.0%"), std::string::npos) << table;
  // The boundary is inclusive: exactly 10% off passes, a hair more fails.
  EXPECT_EQ(check_results(expected, flat({metrics("brokered", 0.044, {})})).failures(), 0u);
  EXPECT_EQ(check_results(expected, flat({metrics("brokered", 0.04401, {})})).failures(), 1u);
}

TEST(CheckResults, AbsoluteTolerancesAndZeros) {
  const auto result = flat({metrics("v", 0.0405, {{"s1", 0}})});
  EXPECT_EQ(check_results(ExpectedFile::parse("v/clients/api/compute.add/latency.p99: 40ms +-0.5ms\n", "e"), result)
                .failures(),
            0u);
  EXPECT_EQ(check_results(ExpectedFile::parse("v/clients/api/compute.add/latency.p99: 40ms +-0.4ms\n", "e"), result)
                .failures(),
            1u);
  // A relative tolerance of an expected 0 allows nothing.
  EXPECT_EQ(check_results(ExpectedFile::parse("v/servers/s1/handled: 0 +-50%\n", "e"), result).failures(), 0u);
  EXPECT_EQ(check_results(ExpectedFile::parse("v/servers/s1/handled: 1 +-50%\n", "e"), result).failures(), 1u);
}

TEST(CheckResults, MissingAndExtraEntitiesAreNamed) {
  const auto result =
      flat({metrics("brokered", 0.04, {{"compute-1", 10}, {"compute-3", 5}}), metrics("direct", 0.04, {})});
  const ExpectedFile expected = ExpectedFile::parse(
      "brokered/servers/compute-1/handled: 10\n"
      "brokered/servers/compute-2/handled: 10\n"
      "brokered/servers/compute-1/utilisation: 0.5\n"
      "fast/servers/compute-1/handled: 10\n",
      "e");
  const CheckReport report = check_results(expected, result);
  ASSERT_EQ(report.failures(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(report.rows[i].verdict, Verdict::Missing);
  EXPECT_EQ(report.rows[0].note, "server compute-2 is not in the result");
  EXPECT_EQ(report.rows[1].note, "server compute-1 has no metric \"utilisation\"");
  EXPECT_EQ(report.rows[2].note, "the result has no run (variant) named \"fast\"");
  EXPECT_EQ(report.rows[3].verdict, Verdict::Ok);
  ASSERT_EQ(report.extra.size(), 2u);
  EXPECT_EQ(report.extra[0], "brokered: server compute-3 is in the result but not in the expected file");
  EXPECT_EQ(report.extra[1], "run \"direct\" is in the result but not in the expected file");
}

TEST(CheckResults, ConfidenceIntervalToleranceNeedsReplications) {
  const ExpectedFile expected = ExpectedFile::parse("v/clients/api/compute.add/latency.p99: 40ms +-ci\n", "e");
  const CheckReport single = check_results(expected, flat({metrics("v", 0.040, {})}));
  ASSERT_EQ(single.failures(), 1u);
  EXPECT_EQ(single.rows[0].verdict, Verdict::NoInterval);
  // Replications 38, 40, 42 ms: mean 40, sd 2, half-width t(0.975, 2) * 2 / sqrt(3) = 4.97 ms.
  const Json replicated =
      replicate_metrics({metrics("v", 0.038, {}), metrics("v", 0.040, {}), metrics("v", 0.042, {})}, {1, 2, 3});
  EXPECT_EQ(check_results(expected, flat({replicated})).failures(), 0u);
  EXPECT_EQ(check_results(ExpectedFile::parse("v/clients/api/compute.add/latency.p99: 44.9ms +-ci\n", "e"),
                          flat({replicated}))
                .failures(),
            0u);
  EXPECT_EQ(check_results(ExpectedFile::parse("v/clients/api/compute.add/latency.p99: 45.1ms +-ci\n", "e"),
                          flat({replicated}))
                .failures(),
            1u);
}

TEST(CheckResults, UpdateRefreshesKeepsTolerancesAndAddsNewEntities) {
  ExpectedFile expected = ExpectedFile::parse(
      "# mine\n"
      "b/servers/compute-1/handled: 9 +-1\n"
      "b/servers/gone/handled: 3\n",
      "e");
  const auto result = flat({metrics("b", 0.04, {{"compute-1", 10}, {"compute-2", 11}})});
  const std::vector<std::string> changes = update_expected(expected, result);
  EXPECT_EQ(expected.text(),
            "# mine\n"
            "b/servers/compute-1/handled: 10 \xC2\xB1"
            "1\n"
            "\n"
            "b/clients/api/compute.add/sent: 100 \xC2\xB1"
            "10%\n"
            "b/clients/api/compute.add/latency.p99: 40ms \xC2\xB1"
            "10%\n"
            "b/servers/compute-2/handled: 11 \xC2\xB1"
            "10%\n");
  EXPECT_EQ(changes.front(), "b/servers/compute-1/handled: 9 -> 10");
  // What --update wrote passes against the same result.
  EXPECT_EQ(check_results(ExpectedFile::parse(expected.text(), "e"), result).failures(), 0u);
}

}  // namespace buslab
