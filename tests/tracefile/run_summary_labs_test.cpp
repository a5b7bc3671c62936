// The visualizer's run summary, computed from a trace's records (calls, hops, events), against metrics.json, which
// the simulator's counters write independently, for every variant of every lab; and every latency it shows, in
// the words the `buslab run` table prints. A number on screen that the CLI does not give fails here.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/temp_dir.hpp"
#include "tracefile/run_summary.hpp"
#include "tracefile/time_format.hpp"
#include "tracefile/trace_reader.hpp"

namespace buslab::tracefile {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::vector<std::string> lab_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(std::string(BUSLAB_SOURCE_DIR) + "/labs"))
    if (fs::exists(entry.path() / "scenario.json")) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string slurp(FILE* pipe) {
  std::string text;
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, n);
  return text;
}

void expect_latency(const LatencyStats& got, const Json& want, const std::string& what) {
  ASSERT_EQ(got.count, want["count"].get<size_t>()) << what;
  if (!got.count) return;
  for (const auto& [name, value] : {std::pair{"p50", got.p50}, {"p90", got.p90}, {"p99", got.p99}, {"max", got.max}})
    EXPECT_NEAR(value, want[name].get<double>(), 1e-9) << what << " " << name;
  EXPECT_NEAR(got.mean, want["mean"].get<double>(), 1e-9) << what << " mean";
}

const Json* find_named(const Json& list, const std::string& name) {
  for (const auto& item : list)
    if (item["name"] == name) return &item;
  return nullptr;
}

// Every entity metrics.json reports is in the summary with the same numbers, and the summary has no other.
void compare(const RunSummary& s, const Json& m, const std::string& run) {
  size_t methods = 0;
  for (const auto& client : m["clients"]) {
    for (const auto& [method, want] : client["methods"].items()) {
      ++methods;
      const std::string what = run + ": client " + client["name"].get<std::string>() + " " + method;
      const auto it = std::find_if(s.clients.begin(), s.clients.end(),
                                   [&](const auto& c) { return c.group == client["name"] && c.method == method; });
      ASSERT_NE(it, s.clients.end()) << what;
      EXPECT_EQ(it->instances, client["instances"].get<size_t>()) << what;
      EXPECT_EQ(it->sent, want["sent"].get<size_t>()) << what;
      EXPECT_EQ(it->completed, want["completed"].get<size_t>()) << what;
      EXPECT_EQ(it->timed_out, want["timed_out"].get<size_t>()) << what;
      EXPECT_EQ(it->failed, want["failed"].get<size_t>()) << what;
      EXPECT_EQ(it->late_replies, want["late_replies"].get<size_t>()) << what;
      Json failures = Json::object();
      for (const auto& [reason, n] : it->failures) failures[reason] = n;
      EXPECT_EQ(failures, want["failures"]) << what;
      expect_latency(it->latency, want["latency_s"], what);
    }
  }
  EXPECT_EQ(s.clients.size(), methods) << run;
  ASSERT_EQ(s.servers.size(), m["servers"].size()) << run;
  for (const auto& server : s.servers) {
    const Json* want = find_named(m["servers"], server.name);
    ASSERT_TRUE(want) << run << ": server " << server.name;
    EXPECT_EQ(server.handled, (*want)["handled"].get<size_t>()) << run << ": server " << server.name;
    EXPECT_EQ(server.lost_in_crash, (*want)["lost_in_crash"].get<size_t>()) << run << ": server " << server.name;
  }
  ASSERT_EQ(s.publishers.size(), m["publishers"].size()) << run;
  for (const auto& p : s.publishers) {
    const Json* want = find_named(m["publishers"], p.group);
    ASSERT_TRUE(want) << run << ": publisher " << p.group;
    EXPECT_EQ(p.instances, (*want)["instances"].get<size_t>()) << run << ": publisher " << p.group;
    EXPECT_EQ(p.published, (*want)["published"].get<size_t>()) << run << ": publisher " << p.group;
    EXPECT_EQ(p.confirmed, (*want)["confirmed"].get<size_t>()) << run << ": publisher " << p.group;
    EXPECT_EQ(p.nacked, (*want)["nacked"].get<size_t>()) << run << ": publisher " << p.group;
    EXPECT_EQ(p.returned, (*want)["returned"].get<size_t>()) << run << ": publisher " << p.group;
  }
  ASSERT_EQ(s.consumers.size(), m["consumers"].size()) << run;
  for (const auto& c : s.consumers) {
    const Json* want = find_named(m["consumers"], c.name);
    const std::string what = run + ": consumer " + c.name;
    ASSERT_TRUE(want) << what;
    EXPECT_EQ(c.queue, (*want)["queue"]) << what;
    EXPECT_EQ(c.handled, (*want)["handled"].get<size_t>()) << what;
    EXPECT_EQ(c.redelivered, (*want)["redelivered"].get<size_t>()) << what;
    EXPECT_EQ(c.lost_in_crash, (*want)["lost_in_crash"].get<size_t>()) << what;
    expect_latency(c.latency, (*want)["latency_s"], what);
  }
  for (const auto& want : m["queues"]) {
    const std::string what = run + ": queue " + want["name"].get<std::string>();
    const auto it =
        std::find_if(s.queues.begin(), s.queues.end(), [&](const auto& q) { return q.name == want["name"]; });
    ASSERT_NE(it, s.queues.end()) << what;
    EXPECT_EQ(it->routed, want["published"].get<size_t>()) << what;
    EXPECT_EQ(it->delivered, want["delivered"].get<size_t>()) << what;
    EXPECT_EQ(it->redelivered, want["redelivered"].get<size_t>()) << what;
    EXPECT_EQ(it->max_depth, want["max_depth"].get<double>()) << what;
  }
  for (const auto& [key, value] : s.conservation) {
    const size_t dot = key.find('.');
    const Json& want =
        dot == std::string::npos ? m["conservation"][key] : m["conservation"][key.substr(0, dot)][key.substr(dot + 1)];
    EXPECT_EQ(value, want.get<double>()) << run << ": ledger " << key;
  }
  EXPECT_FALSE(s.conservation.empty()) << run;
}

class LabSummary : public ::testing::TestWithParam<std::string> {};

TEST_P(LabSummary, AgreesWithMetricsAndTheTable) {
  const std::string lab = GetParam();
  const buslab::testing::TempDir temp("summary-" + lab);
  const std::string dir = temp.file("out");
  const std::string command = std::string(BUSLAB_BINARY) + " run " + BUSLAB_SOURCE_DIR + "/labs/" + lab +
                              "/scenario.json --no-timing --out " + dir + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_TRUE(pipe);
  const std::string table = slurp(pipe);
  ASSERT_EQ(pclose(pipe), 0) << table;
  std::vector<fs::path> runs;
  if (fs::exists(fs::path(dir) / "trace.json")) runs.push_back(dir);
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_directory()) runs.push_back(entry.path());
  ASSERT_FALSE(runs.empty());
  for (const fs::path& run : runs) {
    const Trace trace = read_trace((run / "trace.json").string());
    const TraceIndex index(trace);
    const RunSummary s = summarize(trace, index);
    const Json metrics = Json::parse(std::ifstream(run / "metrics.json"));
    compare(s, metrics, lab + "/" + run.filename().string());
    // What the viewer prints for latencies is what the table prints.
    for (const auto& c : s.clients) {
      if (!c.latency.count) continue;
      for (double v : {c.latency.p50, c.latency.p99})
        EXPECT_NE(table.find(format_metric_seconds(v)), std::string::npos) << format_metric_seconds(v);
    }
    if (!std::isnan(s.worst_consumer_p50)) {
      EXPECT_NE(table.find(format_metric_seconds(s.worst_consumer_p50)), std::string::npos);
      EXPECT_NE(table.find(format_metric_seconds(s.worst_consumer_p99)), std::string::npos);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(EveryLab, LabSummary, ::testing::ValuesIn(lab_names()), [](const auto& info) {
  std::string name = info.param;
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
});

}  // namespace
}  // namespace buslab::tracefile
