#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tracefile/chrome_export.hpp"
#include "tracefile/trace_reader.hpp"
#include "tests/support/sample_trace.hpp"

namespace buslab::tracefile {
namespace {

class ChromeExport : public testing::Test {
 protected:
  void SetUp() override {
    std::ostringstream out;
    write_chrome_trace(trace, index, out);
    text = out.str();
    doc = nlohmann::json::parse(text);  // throws, failing the test, if the output is not JSON
  }
  std::vector<nlohmann::json> events(const std::string& ph) const {
    std::vector<nlohmann::json> out;
    for (const auto& e : doc["traceEvents"])
      if (e["ph"] == ph) out.push_back(e);
    return out;
  }
  Trace trace = parse_trace(testdata::sample_trace_json(), "t.json");
  TraceIndex index{trace};
  std::string text;
  nlohmann::json doc;
};

TEST_F(ChromeExport, LanesAreNamedThreadsOfHostProcesses) {
  std::map<int, std::string> threads;
  for (const auto& e : events("M"))
    if (e["name"] == "thread_name" && e["tid"].get<int>() <= 10) threads[e["tid"].get<int>()] = e["args"]["name"];
  ASSERT_EQ(threads.size(), 10u);
  EXPECT_EQ(threads[6], "rabbit/q/compute (queue)");
  int processes = 0;
  for (const auto& e : events("M")) processes += e["name"] == "process_name";
  EXPECT_EQ(processes, 3);
}

TEST_F(ChromeExport, EveryArrivedHopIsAFlowFromSenderToReceiver) {
  const auto starts = events("s");
  const auto finishes = events("f");
  ASSERT_EQ(starts.size(), 11u);  // 12 hops, one never arrived
  ASSERT_EQ(finishes.size(), 11u);
  // The first delivery: queue (lane 5, tid 6) at 500 us to server (lane 9, tid 10) at 600 us.
  const auto& s = starts[2];
  const auto& f = finishes[2];
  EXPECT_EQ(s["id"], f["id"]);
  EXPECT_EQ(s["name"], "delivery");
  EXPECT_EQ(s["tid"], 6);
  EXPECT_EQ(f["tid"], 10);
  EXPECT_DOUBLE_EQ(s["ts"].get<double>(), 500.0);
  EXPECT_DOUBLE_EQ(f["ts"].get<double>(), 600.0);
  EXPECT_EQ(f["bp"], "e");
  // Each flow end has a slice on its thread at its time to bind to.
  for (const auto& end : finishes) {
    bool bound = false;
    for (const auto& x : events("X"))
      bound = bound || (x["tid"] == end["tid"] && x["ts"] == end["ts"] && x["pid"] == end["pid"]);
    EXPECT_TRUE(bound) << end.dump();
  }
}

TEST_F(ChromeExport, ServiceAndCallsAreSlicesFaultsAreInstants) {
  int service = 0, calls = 0;
  for (const auto& x : events("X")) {
    if (x["cat"] == "worker") {
      ++service;
      EXPECT_DOUBLE_EQ(x["dur"].get<double>(), 5000.0);
    }
    calls += x["cat"] == "calls";
  }
  EXPECT_EQ(service, 1);
  EXPECT_EQ(calls, 2);
  int kills = 0;
  for (const auto& i : events("i")) kills += i["name"] == "kill";
  EXPECT_EQ(kills, 1);
  EXPECT_FALSE(events("C").empty());  // queue depth and busy counters
}

TEST_F(ChromeExport, OutputIsByteIdenticalForTheSameTrace) {
  std::ostringstream again;
  write_chrome_trace(trace, index, again);
  EXPECT_EQ(again.str(), text);
}

}  // namespace
}  // namespace buslab::tracefile
