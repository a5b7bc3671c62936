// timeseries.csv against metrics.json of the same run, for labs that exercise every kind of entity: the buckets
// add up to the run's totals (nothing lost at a boundary, the last bucket closed), the busy workers integrate to
// the servers' busy time (two independent accountings: levels reported as they change, against each request's
// start and end), and the worst bucket's latency is the run's. Written without a trace, and deterministic.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "sim/scenario/scenario_loader.hpp"
#include "tests/support/cli_support.hpp"
#include "tests/support/csv_table.hpp"
#include "tests/support/sim_support.hpp"
#include "tests/support/temp_dir.hpp"

namespace buslab {

namespace {

using Json = nlohmann::ordered_json;

// Runs a lab's variant in a child process without a trace, writing its outputs to `dir`. Returns "ok" and whether
// the run gave a timeline ("ok timeline", "ok null"), or the error.
std::string run_lab(const std::string& lab, const std::string& variant, const std::string& dir,
                    RunOptions options = {}) {
  const std::string file = std::string(BUSLAB_SOURCE_DIR) + "/labs/" + lab + "/scenario.json";
  const Scenario scenario = load_scenario(parse_scenario_json(testing::slurp(file), file), file, variant);
  options.out_dir = dir;
  options.record_trace = false;
  return testing::in_child_process([&] {
    try {
      const RunResult run = run_scenario(scenario, options);
      return std::string(run.timeline.is_null() ? "ok null" : "ok timeline");
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
  });
}

// Sums of a column by entity, and maxima.
struct Totals {
  std::map<std::string, double> sum, max;
};

Totals totals(const testing::CsvTable& csv, const std::string& kind, const std::string& column, bool per_second) {
  Totals t;
  for (size_t i = 0; i < csv.rows.size(); ++i) {
    const auto& row = csv.rows[i];
    if (row.at("kind") != kind || row.at(column).empty()) continue;
    const double v = csv.number(i, column);
    const double width = csv.number(i, "t_end_s") - csv.number(i, "t_start_s");
    t.sum[row.at("entity")] += per_second ? v * width : v;
    auto [it, added] = t.max.try_emplace(row.at("entity"), v);
    if (!added) it->second = std::max(it->second, v);
  }
  return t;
}

// What expect_series_match_metrics compared, so that each test can say the run had what it is about.
struct Compared {
  size_t client_methods = 0;
  size_t servers = 0;
  size_t servers_that_went_down = 0;  // up less than the whole run
  size_t consumers = 0;
  double timed_out_or_failed = 0;  // calls, over every client method
};

void expect_series_match_metrics(const std::string& lab, const std::string& variant, Compared& compared) {
  SCOPED_TRACE(lab + " " + variant);
  testing::TempDir dir("timeseries");
  ASSERT_EQ(run_lab(lab, variant, dir.path()), "ok timeline");
  ASSERT_FALSE(std::filesystem::exists(dir.file("trace.json")));
  const Json m = Json::parse(testing::slurp(dir.file("metrics.json")));
  const testing::CsvTable csv = testing::read_csv(dir.file("timeseries.csv"));

  // Clients: per group and method, and "*" for all.
  double all_sent = 0, all_completed = 0;
  const auto started = totals(csv, "client", "started", false);
  const auto completed = totals(csv, "client", "completed", false);
  const auto timed_out = totals(csv, "client", "timed_out", false);
  const auto failed = totals(csv, "client", "failed", false);
  const auto worst = totals(csv, "client", "latency_max_s", false);
  for (const auto& client : m["clients"])
    for (const auto& [method, s] : client["methods"].items()) {
      const std::string entity =
          client["name"].get<std::string>() + "/" + client["service"].get<std::string>() + "." + method;
      EXPECT_EQ(started.sum.at(entity), s["sent"].get<double>()) << entity;
      EXPECT_EQ(completed.sum.at(entity), s["completed"].get<double>()) << entity;
      EXPECT_EQ(timed_out.sum.at(entity), s["timed_out"].get<double>()) << entity;
      EXPECT_EQ(failed.sum.at(entity), s["failed"].get<double>()) << entity;
      for (const auto& [reason, n] : s["failures"].items())
        EXPECT_EQ(totals(csv, "client", "failed_" + reason, false).sum.at(entity), n.get<double>()) << reason;
      if (s["latency_s"]["count"].get<uint64_t>() > 0) {
        EXPECT_EQ(worst.max.at(entity), s["latency_s"]["max"].get<double>()) << entity;
      }
      ++compared.client_methods;
      compared.timed_out_or_failed += s["timed_out"].get<double>() + s["failed"].get<double>();
      all_sent += s["sent"].get<double>();
      all_completed += s["completed"].get<double>();
    }
  if (!m["clients"].empty()) {
    EXPECT_EQ(started.sum.at("*"), all_sent);
    EXPECT_EQ(completed.sum.at("*"), all_completed);
  }

  // Servers: requests handled; busy workers integrated over time against busy worker-seconds.
  const auto handled = totals(csv, "server", "handled", false);
  const auto busy = totals(csv, "server", "busy_mean", true);
  for (const auto& server : m["servers"]) {
    const std::string name = server["name"];
    ++compared.servers;
    EXPECT_EQ(handled.sum.at(name), server["handled"].get<double>()) << name;
    const double busy_time = server["busy_time_s"].get<double>();
    // A crash takes the requests in service with it: their busy time never ends in metrics.json. A server up
    // the whole run never crashed.
    if (server["up_time_s"].get<double>() == m["sim_time_s"].get<double>()) {
      EXPECT_NEAR(busy.sum.at(name), busy_time, 1e-5 * busy_time + 1e-6) << name;
    } else {
      ++compared.servers_that_went_down;
      EXPECT_GE(busy.sum.at(name), busy_time * (1 - 1e-5)) << name;
    }
  }
  // Consumers: messages handled.
  const auto consumed = totals(csv, "consumer", "handled", false);
  for (const auto& consumer : m["consumers"]) {
    ++compared.consumers;
    EXPECT_EQ(consumed.sum.at(consumer["name"]), consumer["handled"].get<double>()) << consumer["name"];
  }
  // Queues: the deepest bucket is the deepest the queue ever was.
  const auto ready = totals(csv, "queue", "ready_max", false);
  for (const auto& queue : m["queues"]) {
    const double deepest = queue["max_depth"].get<double>();
    if (deepest == 0) continue;
    EXPECT_EQ(ready.max.at(queue["name"]), deepest) << queue["name"];
  }
  // 100 to 250 buckets over the load, and the last bucket ends with the run.
  const double load_end = m["load_end_s"].get<double>();
  size_t over_load = 0;
  std::set<double> starts;
  for (size_t i = 0; i < csv.rows.size(); ++i)
    if (starts.insert(csv.number(i, "t_start_s")).second && csv.number(i, "t_start_s") < load_end) ++over_load;
  EXPECT_GE(over_load, 100u);
  EXPECT_LE(over_load, 250u);
  EXPECT_DOUBLE_EQ(csv.number(csv.rows.size() - 1, "t_end_s"), m["sim_time_s"].get<double>());
}

}  // namespace

TEST(TimeSeriesRun, DirectAndBrokeredAddUpToTheirMetrics) {
  for (const char* variant : {"direct", "brokered"}) {
    Compared compared;
    expect_series_match_metrics("01-direct-vs-broker", variant, compared);
    EXPECT_GT(compared.client_methods, 0u) << variant;
    EXPECT_GT(compared.servers, 0u) << variant;
  }
}

TEST(TimeSeriesRun, CrashesAndTimeoutsAddUp) {
  Compared killed;
  expect_series_match_metrics("03-ack-timing", "ack-after", killed);
  EXPECT_GT(killed.servers_that_went_down, 0u);
  for (const char* variant : {"direct", "brokered"}) {
    Compared outage;
    expect_series_match_metrics("07-buffering", variant, outage);
    EXPECT_GT(outage.servers_that_went_down + outage.timed_out_or_failed, 0u) << variant;
  }
}

TEST(TimeSeriesRun, ScaleOutAddsUp) {
  Compared compared;
  expect_series_match_metrics("08-scale-out", "brokered-prefetch-1", compared);
  EXPECT_GT(compared.servers, 1u);  // the replicas added part-way are compared too
}

TEST(TimeSeriesRun, ConsumersAddUp) {
  Compared compared;
  expect_series_match_metrics("12-notifications", "pools", compared);
  EXPECT_GT(compared.consumers, 0u);
}

TEST(TimeSeriesRun, SameScenarioAndSeedSameBytes) {
  testing::TempDir a("ts-a"), b("ts-b");
  ASSERT_EQ(run_lab("08-scale-out", "brokered", a.path()), "ok timeline");
  ASSERT_EQ(run_lab("08-scale-out", "brokered", b.path()), "ok timeline");
  EXPECT_EQ(testing::slurp(a.file("timeseries.csv")), testing::slurp(b.file("timeseries.csv")));
  EXPECT_EQ(testing::slurp(a.file("timeseries.json")), testing::slurp(b.file("timeseries.json")));
}

// Without timeseries files and without a timeline (`--no-timeseries`, no `--sparklines`) nothing reads the series,
// so it is not collected: no timeline comes back, no series file is written, and metrics.json is the same, byte for
// byte, as a run's that collects and writes it (lab 08: a fault, servers added part-way, queues and consumers).
TEST(TimeSeriesRun, ARunThatNeitherWritesNorShowsTheSeriesComputesTheSameMetrics) {
  testing::TempDir with("ts-with"), without("ts-without"), timeline_only("ts-timeline");
  ASSERT_EQ(run_lab("08-scale-out", "brokered", with.path()), "ok timeline");
  RunOptions skip;
  skip.write_timeseries = false;
  skip.timeline = false;
  ASSERT_EQ(run_lab("08-scale-out", "brokered", without.path(), skip), "ok null");
  EXPECT_FALSE(std::filesystem::exists(without.file("timeseries.csv")));
  EXPECT_FALSE(std::filesystem::exists(without.file("timeseries.json")));
  EXPECT_EQ(testing::slurp(with.file("metrics.json")), testing::slurp(without.file("metrics.json")));
  // The timeline alone still collects it (`--no-timeseries --sparklines`).
  RunOptions timeline;
  timeline.write_timeseries = false;
  ASSERT_EQ(run_lab("08-scale-out", "brokered", timeline_only.path(), timeline), "ok timeline");
  EXPECT_FALSE(std::filesystem::exists(timeline_only.file("timeseries.csv")));
}

// The JSON holds the CSV's numbers: every cell of the CSV is the JSON's value at that entity, column and bucket.
TEST(TimeSeriesRun, TheJsonHoldsTheCsvNumbers) {
  testing::TempDir dir("ts-json");
  ASSERT_EQ(run_lab("08-scale-out", "brokered", dir.path()), "ok timeline");
  const testing::CsvTable csv = testing::read_csv(dir.file("timeseries.csv"));
  const Json doc = Json::parse(testing::slurp(dir.file("timeseries.json")));
  EXPECT_EQ(doc["schema"], "buslab-timeseries/1");
  ASSERT_EQ(doc["faults"].size(), 1u);
  EXPECT_EQ(doc["faults"][0]["action"], "add_replicas");
  std::map<std::string, const Json*> entities;
  for (const auto& e : doc["entities"]) entities[e["name"].get<std::string>()] = &e;
  const size_t buckets = doc["buckets"].get<size_t>();
  ASSERT_EQ(csv.rows.size(), buckets * entities.size());
  for (size_t i = 0; i < csv.rows.size(); ++i) {
    const auto& row = csv.rows[i];
    const Json& e = *entities.at(row.at("entity"));
    ASSERT_EQ(e["kind"], row.at("kind"));
    const size_t bucket = i / entities.size();
    EXPECT_EQ(doc["t_start_s"][bucket].get<double>(), csv.number(i, "t_start_s"));
    for (size_t c = 4; c < csv.header.size(); ++c) {
      const std::string& column = csv.header[c];
      const std::string& cell = row.at(column);
      if (!e["series"].contains(column)) {
        EXPECT_EQ(cell, "") << column;
        continue;
      }
      const Json& v = e["series"][column][bucket];
      if (v.is_null()) {
        EXPECT_EQ(cell, "") << column;
      } else {
        EXPECT_EQ(v.get<double>(), std::stod(cell)) << row.at("entity") << " " << column << " bucket " << bucket;
      }
    }
  }
}

}  // namespace buslab
