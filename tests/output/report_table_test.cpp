// The side-by-side table when runs fail: the runs that finished keep their column, the failed ones say why.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "sim/output/report_table.hpp"

namespace buslab {
namespace {

using Json = nlohmann::ordered_json;

// A finished run's metrics, as much as the table reads: one client method, two replicas, the totals.
Json metrics(uint64_t sent, uint64_t handled_1, uint64_t handled_2) {
  return Json::parse(fmt::format(R"({{
    "sim_time_s": 1.5,
    "clients": [{{"name": "api", "instances": 2, "mode": "call", "service": "compute",
      "methods": {{"add": {{"sent": {0}, "completed": {0}, "timed_out": 0, "failed": 0, "late_replies": 0,
        "retried": 0, "failures": {{}},
        "latency_s": {{"count": {0}, "mean": 0.002, "p50": 0.002, "p90": 0.003, "p99": 0.004, "max": 0.005}}}}}}}}],
    "servers": [
      {{"name": "compute-1", "service": "compute", "handled": {1}, "cpu_utilisation": 0.5, "lost_in_crash": 0}},
      {{"name": "compute-2", "service": "compute", "handled": {2}, "cpu_utilisation": 0.25, "lost_in_crash": 0}}],
    "conservation": {{"created": {3}, "consumed": {3}, "dropped": {{}}, "expired": 0, "lost": {{}},
                      "remaining": {{}}, "balanced": true}}}})",
                                 sent, handled_1, handled_2, 2 * sent));
}

std::vector<Scenario> scenarios(std::initializer_list<const char*> variants) {
  std::vector<Scenario> out;
  for (const char* v : variants) {
    Scenario s;
    s.name = "demo";
    s.seed = 7;
    s.variant = v;
    s.profile.name = "ideal";
    s.profile.origin = "built in";
    out.push_back(s);
  }
  return out;
}

VariantOutcome finished(const char* name, Json m) {
  VariantOutcome o;
  o.name = name;
  o.metrics = std::move(m);
  return o;
}

VariantOutcome failed(const char* name, const char* error) {
  VariantOutcome o;
  o.name = name;
  o.error = error;
  return o;
}

// Simulated, but its outputs could not be written.
VariantOutcome unwritten(const char* name, Json m, const char* error) {
  VariantOutcome o = finished(name, std::move(m));
  o.error = error;
  o.output_failed = true;
  return o;
}

TEST(ReportTable, WhenTheFirstRunFailsTheOthersStillShowEveryRow) {
  const std::string table = report_table(
      scenarios({"direct", "brokered"}),
      {failed("direct", "the simulation process died (signal 6)"), finished("brokered", metrics(10, 6, 4))}, false);
  EXPECT_EQ(table,
            "buslab: scenario demo, seed 7, 2 variants side by side\n"
            "costs: profile ideal (docs/profiles.md)\n"
            "\n"
            "                             direct   brokered\n"
            "client api: 2 instances calling compute.add\n"
            "  sent                       failed         10\n"
            "  completed                  failed         10\n"
            "  timed out                  failed          0\n"
            "  failed                     failed          0\n"
            "  latency mean               failed    2.00 ms\n"
            "  latency p50                failed    2.00 ms\n"
            "  latency p90                failed    3.00 ms\n"
            "  latency p99                failed    4.00 ms\n"
            "  latency max                failed    5.00 ms\n"
            "servers (requests handled, share of their host's CPU)\n"
            "  compute-1                  failed    6 (50%)\n"
            "  compute-2                  failed    4 (25%)\n"
            "  busiest / idlest           failed       1.50\n"
            "messages\n"
            "  created                    failed         20\n"
            "  consumed                   failed         20\n"
            "  dropped / expired / lost   failed  0 / 0 / 0\n"
            "  still queued or in flight  failed          0\n"
            "  all accounted for          failed        yes\n"
            "time\n"
            "  simulated                  failed    1.500 s\n"
            "\n"
            "direct: run failed: the simulation process died (signal 6)\n");
}

// A run whose outputs could not be written was simulated all the same: its column keeps its numbers.
// The header says which cost profile the times come from: once when every variant shares it, else per variant,
// with where a profile that is not built in came from and whether the scenario changed some of its figures.
TEST(ReportTable, TheCostsLineNamesTheProfileOfEachVariant) {
  const auto first_lines = [](const std::string& table) { return table.substr(0, table.find("\n\n")); };
  auto same = scenarios({"a", "b"});
  EXPECT_EQ(first_lines(report_table(same, {finished("a", metrics(2, 1, 1)), finished("b", metrics(2, 1, 1))}, false)),
            "buslab: scenario demo, seed 7, 2 variants side by side\ncosts: profile ideal (docs/profiles.md)");
  auto differ = scenarios({"a", "b"});
  differ[1].profile.name = "mine";
  differ[1].profile.origin = "profiles/mine.json";
  differ[1].profile.overridden = true;
  EXPECT_EQ(
      first_lines(report_table(differ, {finished("a", metrics(2, 1, 1)), finished("b", metrics(2, 1, 1))}, false)),
      "buslab: scenario demo, seed 7, 2 variants side by side\n"
      "costs: a: ideal; b: mine from profiles/mine.json with the scenario's own figures");
}

TEST(ReportTable, OutputFailuresAreToldApartFromFailedSimulations) {
  const std::string table =
      report_table(scenarios({"a", "b", "c"}),
                   {finished("a", metrics(3, 2, 1)),
                    unwritten("b", metrics(5, 3, 2), "out/b/trace.json: cannot write: No space left on device"),
                    failed("c", "message conservation violated")},
                   false);
  EXPECT_NE(table.find("\nb: outputs not written: out/b/trace.json: cannot write: No space left on device\n"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("\nc: run failed: message conservation violated\n"), std::string::npos) << table;
  EXPECT_NE(table.find("  sent                               3          5  failed\n"), std::string::npos) << table;
}

TEST(ReportTable, AllRunsFailedStillGivesEveryReason) {
  const std::string table =
      report_table(scenarios({"a", "b"}), {failed("a", "first reason"), failed("b", "second reason")}, false);
  EXPECT_NE(table.find("a: run failed: first reason\n"), std::string::npos) << table;
  EXPECT_NE(table.find("b: run failed: second reason\n"), std::string::npos) << table;
}

TEST(RunsVerdict, ASimulationFailureOutweighsAnOutputFailure) {
  EXPECT_EQ(verdict_of({finished("a", metrics(1, 1, 1))}), RunsVerdict::Ok);
  EXPECT_EQ(verdict_of({finished("a", metrics(1, 1, 1)), unwritten("b", metrics(1, 1, 1), "disk")}),
            RunsVerdict::OutputFailed);
  EXPECT_EQ(verdict_of({unwritten("a", metrics(1, 1, 1), "disk"), failed("b", "boom")}), RunsVerdict::SimulationFailed);
  EXPECT_EQ(verdict_of({failed("a", "boom"), unwritten("b", metrics(1, 1, 1), "disk")}), RunsVerdict::SimulationFailed);
}

// A servicegroup row gives when it was shown down: each span from a change to down to the next change to up (to a
// tenth of a second), one still open at the end as "from", the first two spans and how many more.
TEST(ReportTable, AServiceGroupRowSaysWhenItWasShownDown) {
  Json m = metrics(10, 6, 4);
  m["servicegroup"] = Json::parse(R"([
    {"name": "nova-compute@c1", "reports_sent": 9, "reports_late": 1, "reports_failed": 0, "went_down": 3,
     "deaths": 0, "transitions": [{"t_s": 0.1, "state": "up"}, {"t_s": 10, "state": "down"},
       {"t_s": 20.04, "state": "up"}, {"t_s": 30, "state": "down"}, {"t_s": 40, "state": "up"},
       {"t_s": 50, "state": "down"}]},
    {"name": "nova-compute@c2", "reports_sent": 5, "reports_late": 0, "reports_failed": 0, "went_down": 1,
     "deaths": 0, "transitions": [{"t_s": 0.1, "state": "up"}, {"t_s": 155, "state": "down"}]},
    {"name": "nova-cert@c1", "reports_sent": 9, "reports_late": 0, "reports_failed": 0, "went_down": 0,
     "deaths": 0, "transitions": [{"t_s": 0.1, "state": "up"}]}])");
  const std::string table = report_table(scenarios({"one"}), {finished("one", m)}, false);
  EXPECT_NE(table.find("9 / 1 / 0, 3 (10.0-20.0 s, 30.0-40.0 s, +1)\n"), std::string::npos) << table;
  EXPECT_NE(table.find("5 / 0 / 0, 1 (from 155.0 s)\n"), std::string::npos) << table;
  EXPECT_NE(table.find("9 / 0 / 0, 0\n"), std::string::npos) << table;
}

}  // namespace
}  // namespace buslab
