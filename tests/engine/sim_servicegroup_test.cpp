// nova's servicegroup in whole runs, against what docs/semantics.md 3.1 and hand computation give: stamps by the
// writer's clock truncated to the second, elapsed on the reader's, a killed compute shown up until its last
// heartbeat is 60 s old, reports queued behind a busy conductor arriving late.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "tests/support/sim_support.hpp"
#include "tests/support/temp_dir.hpp"

namespace buslab {
namespace {

// A conductor on the controller, two computes reporting through it (from 0 s: reports at 5, 15, 25 ... s), a
// nova-network on compute1 writing straight to the database; compute1's clock is 40 s ahead. `conductor_method`
// is the conductor's object_action; `extra` goes at the end of the document.
std::string group(const std::string& conductor_method, const std::string& extra) {
  return R"({
    "duration": "100s", "drain": "30s",
    "platform": {"hosts": [{"name": "controller", "cores": 4}, {"name": "mq"},
                           {"name": "compute1", "clock": {"offset": "40s"}}, {"name": "compute2"}]},
    "brokers": [{"name": "mq", "host": "mq"}],
    "services": [
      {"name": "conductor", "transport": "broker:mq", "hosts": ["controller"], "executor": {"kind": "blocking"},
       "methods": {"object_action": )" +
         conductor_method + R"(}},
      {"name": "compute", "transport": "broker:mq", "replicas": 2, "hosts": ["compute1", "compute2"],
       "methods": {"build": {"service_time": "1ms"}}}],
    "clients": [{"name": "api", "host": "controller", "service": "compute", "method": "build", "mode": "cast",
                 "arrival": {"kind": "fixed", "count": 1, "interval": "1s"}}],
    "servicegroup": {"reader": "controller", "observe": ["60.5s"], "services": [
      {"binary": "nova-compute", "service": "compute"},
      {"binary": "nova-network", "hosts": ["compute1"]}]})" +
         extra + "}";
}

const nlohmann::ordered_json& row(const nlohmann::ordered_json& m, const std::string& name) {
  return testing::named(m["servicegroup"], name);
}

TEST(ServiceGroupRun, StampsComeFromTheWritersClock) {
  const auto m = testing::run_json(group(R"({"service_time": "1ms"})", ""));
  // nova-network on compute1 stamps its own clock: last at 55 s true, 95 s on compute1; read at 60.5 s.
  EXPECT_NEAR(row(m, "nova-network@compute1")["observed"]["60.5s"]["elapsed_s"].get<double>(), -34.5, 1e-9);
  EXPECT_EQ(row(m, "nova-network@compute1")["observed"]["60.5s"]["up"], 1);
  // nova-compute on the same host is stamped by the conductor's (exact) clock: 55, read at 60.5.
  EXPECT_NEAR(row(m, "nova-compute@compute1")["observed"]["60.5s"]["elapsed_s"].get<double>(), 5.5, 1e-9);
  for (const char* name : {"nova-compute@compute1", "nova-compute@compute2", "nova-network@compute1"}) {
    EXPECT_EQ(row(m, name)["reports_failed"], 0) << name;
    EXPECT_EQ(row(m, name)["reports_late"], 0) << name;
    EXPECT_EQ(row(m, name)["went_down"], 0) << name;
    EXPECT_GE(row(m, name)["reports_written"].get<int>(), 10) << name;
  }
  const auto& list = m["service_lists"][0];
  EXPECT_EQ(list["reader_now"], "2014-01-09 20:56:00.50");
  EXPECT_EQ(list["rows"][2]["updated_at"], "2014-01-09 20:56:35");  // nova-network@compute1: 20:55:00 + 95 s
  EXPECT_EQ(list["rows"][2]["state"], ":-)");
}

TEST(ServiceGroupRun, AKilledComputeIsShownUpUntilItsLastHeartbeatIsAMinuteOld) {
  const auto m = testing::run_json(
      group(R"({"service_time": "1ms"})", R"(, "faults": [{"at": "30s", "action": "kill", "target": "compute-2"}])"));
  // Last heartbeat committed just after 25 s, stored as 25; the reader says down once its clock passes 85.
  const auto& dead = row(m, "nova-compute@compute2");
  EXPECT_EQ(dead["deaths"], 1);
  EXPECT_NEAR(dead["longest_up_while_dead_s"].get<double>(), 55.0, 1e-9);
  EXPECT_EQ(dead["went_down"], 1);
  EXPECT_NEAR(dead["transitions"][1]["t_s"].get<double>(), 85.0, 1e-9);
  EXPECT_EQ(dead["up_at_end"], 0);
}

TEST(ServiceGroupRun, ReportsQueuedBehindABusyConductorAreLateAndTimeOut) {
  // One conductor worker spending 25 s on each object_action: two computes' reports wait for each other, and a
  // report call gives up after 20 s (it is still written later).
  std::string scenario = group(R"({"service_time": "1ms", "io_time": "25s"})", "");
  const std::string at = R"("servicegroup": {)";
  scenario.replace(scenario.find(at), at.size(), R"("servicegroup": {"report_timeout": "20s", )");
  const auto m = testing::run_json(scenario);
  const auto& r = row(m, "nova-compute@compute1");
  EXPECT_GT(r["reports_late"].get<int>(), 0);
  EXPECT_GT(r["reports_failed"].get<int>(), 0);
  EXPECT_GT(r["longest_report_gap_s"].get<double>(), 25.0);
}

// trace.json marks each heartbeat written on the lane of the service it reports for, valued with the stamp
// stored: nova-network on compute1 writes its own row with compute1's clock (40 s ahead), nova-compute's rows are
// written by the conductor with the controller's exact clock, carried by an object_action call. Whole seconds.
TEST(ServiceGroupRun, TheTraceMarksEachHeartbeatWithItsStamp) {
  const testing::TempDir dir("servicegroup-trace");
  const auto m = testing::run_json(group(R"({"service_time": "1ms"})", ""), dir.path());
  std::ifstream in(std::filesystem::path(dir.path()) / "trace.json");
  const auto trace = nlohmann::json::parse(in);
  std::map<int, std::string> lane_name;
  for (const auto& lane : trace["lanes"]) lane_name[lane["id"].get<int>()] = lane["name"];
  std::map<std::string, int> reports;
  for (const auto& e : trace["events"]) {
    if (e[2] != "report") continue;
    const std::string lane = lane_name[e[1].get<int>()];
    const double t = e[0], stamp = e[3];
    const uint64_t call = e[4];
    ++reports[lane];
    if (lane == "nova-network@compute1") {
      EXPECT_EQ(stamp, std::floor(t + 40.0)) << t;
      EXPECT_EQ(call, 0u);
    } else {
      EXPECT_TRUE(lane == "compute-1" || lane == "compute-2") << lane;
      EXPECT_EQ(stamp, std::floor(t)) << t;
      EXPECT_NE(call, 0u);
    }
  }
  EXPECT_EQ(reports["nova-network@compute1"], row(m, "nova-network@compute1")["reports_written"].get<int>());
  EXPECT_EQ(reports["compute-1"], row(m, "nova-compute@compute1")["reports_written"].get<int>());
  EXPECT_EQ(reports["compute-2"], row(m, "nova-compute@compute2")["reports_written"].get<int>());
}

// nova-compute creates its row as it saves it, through the conductor: created_at is on the controller's clock, so
// with compute1's clock 75 s ahead its nova-compute is up from its creation on, while its nova-network, which
// creates and stamps its own row, is down from its creation to the end (elapsed -75 s and less).
TEST(ServiceGroupRun, AComputesRowIsCreatedOnItsConductorsClock) {
  std::string scenario = group(R"({"service_time": "1ms"})", "");
  const std::string offset = R"("offset": "40s")";
  scenario.replace(scenario.find(offset), offset.size(), R"("offset": "75s")");
  const auto m = testing::run_json(scenario);
  const auto& compute = row(m, "nova-compute@compute1")["transitions"];
  ASSERT_EQ(compute.size(), 1u) << compute.dump();
  EXPECT_EQ(compute[0]["state"], "up");
  const auto& network = row(m, "nova-network@compute1")["transitions"];
  ASSERT_EQ(network.size(), 1u) << network.dump();
  EXPECT_EQ(network[0]["state"], "down");
}

}  // namespace
}  // namespace buslab
