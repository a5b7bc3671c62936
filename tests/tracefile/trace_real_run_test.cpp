// Reads traces the simulator really writes (buslab run on the default scenario), so that the reader, the call
// paths and the exports keep up with the format as the simulator grows.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "tests/support/temp_dir.hpp"
#include "tracefile/call_path.hpp"
#include "tracefile/chrome_export.hpp"
#include "tracefile/svg_export.hpp"
#include "tracefile/trace_reader.hpp"

namespace buslab::tracefile {
namespace {

class RealRun : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Two seconds of the default load are over 2,000 calls per variant: every kind of hop, at a fraction of the
    // full run's time (this runs once per test process).
    temp_ = new testing::TempDir("real-run");
    dir_ = new std::string(temp_->file("out"));
    const std::string command = std::string(BUSLAB_BINARY) + " run --set duration=2s --out " + *dir_ + " > /dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  static void TearDownTestSuite() {
    delete dir_;
    delete temp_;
  }
  static testing::TempDir* temp_;
  static std::string* dir_;
};
testing::TempDir* RealRun::temp_ = nullptr;
std::string* RealRun::dir_ = nullptr;

TEST_F(RealRun, EveryBrokeredCallCanBeFollowedEndToEnd) {
  const Trace trace = read_trace(*dir_ + "/brokered/trace.json");
  const TraceIndex index(trace);
  ASSERT_GT(trace.calls.size(), 1000u);
  size_t ok = 0;
  for (size_t row = 0; row < trace.calls.size(); ++row) {
    const CallPath path = trace_call(trace, index, trace.calls.call[row]);
    double sum = 0;
    for (const auto& s : path.segments) sum += s.duration();
    ASSERT_NEAR(sum, path.total(), 1e-9) << "call " << path.call;
    if (trace.outcomes.name(trace.calls.outcome[row]) != "ok") continue;
    ++ok;
    bool queue_wait = false, service = false;
    for (const auto& s : path.segments) {
      queue_wait = queue_wait || s.phase == Phase::QueueWait;
      service = service || s.phase == Phase::Service;
    }
    ASSERT_TRUE(queue_wait && service) << "call " << path.call;
    ASSERT_NEAR(path.total(), trace.calls.t_end[row] - trace.calls.t_start[row], 1e-9) << "call " << path.call;
  }
  EXPECT_GT(ok, 1000u);
}

TEST_F(RealRun, DirectCallsHaveNoQueue) {
  const Trace trace = read_trace(*dir_ + "/direct/trace.json");
  const TraceIndex index(trace);
  const CallPath path = trace_call(trace, index, trace.calls.call[trace.calls.size() / 2]);
  ASSERT_FALSE(path.segments.empty());
  for (const auto& s : path.segments) EXPECT_NE(s.phase, Phase::QueueWait);
}

TEST_F(RealRun, ExportsOfARealRun) {
  const Trace trace = read_trace(*dir_ + "/brokered/trace.json");
  const TraceIndex index(trace);
  std::ostringstream chrome;
  write_chrome_trace(trace, index, chrome);
  const auto doc = nlohmann::json::parse(chrome.str());
  size_t flows = 0;
  for (const auto& e : doc["traceEvents"]) flows += e["ph"] == "s";
  size_t arrived = 0;
  for (size_t i = 0; i < trace.hops.size(); ++i) arrived += trace.hops.arrived(i);
  EXPECT_EQ(flows, arrived);
  SvgOptions options;
  options.t0 = 1.0;
  options.t1 = 1.005;
  std::ostringstream svg;
  EXPECT_GT(write_svg(trace, index, options, svg), 0u);
}

// Lab 04's transient variant: the broker dies holding 102 transient messages. The trace's own records (a "lost"
// event on the broker's lane, a "done" per message the worker finished) must agree with the counters metrics.json
// keeps separately, and its copy of the ledger with metrics.json's.
TEST(RealRunAmqp, CrashLossesAndConsumerWorkAgreeWithTheMetrics) {
  const testing::TempDir temp("real-run-amqp");
  const std::string dir = temp.file("out");
  const std::string command = std::string(BUSLAB_BINARY) + " run " + BUSLAB_SOURCE_DIR +
                              "/labs/04-broker-crash/scenario.json --variant transient --out " + dir + " > /dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const Trace trace = read_trace(dir + "/transient/trace.json");
  const auto metrics = nlohmann::json::parse(std::ifstream(dir + "/transient/metrics.json"));

  double lost_at_broker = 0, done = 0, latency_sum = 0;
  for (size_t i = 0; i < trace.events.size(); ++i) {
    const auto& lane = trace.lanes[static_cast<size_t>(trace.events.lane[i])];
    if (trace.event_type(i) == EventType::Lost && lane.kind == LaneKind::Broker)
      lost_at_broker += trace.events.value[i];
    if (trace.event_type(i) == EventType::Done) ++done, latency_sum += trace.events.value[i];
  }
  const auto& broker = metrics["brokers"][0];
  const auto& consumer = metrics["consumers"][0];
  EXPECT_EQ(lost_at_broker, broker["lost_in_crash"].get<double>());
  EXPECT_EQ(lost_at_broker, 102);
  EXPECT_EQ(done, consumer["handled"].get<double>());
  EXPECT_NEAR(latency_sum / done, consumer["latency_s"]["mean"].get<double>(), 1e-9);
  for (const auto& [key, value] : trace.conservation) {
    const auto dot = key.find('.');
    const auto& expected = dot == std::string::npos ? metrics["conservation"][key]
                                                    : metrics["conservation"][key.substr(0, dot)][key.substr(dot + 1)];
    EXPECT_EQ(value, expected.get<double>()) << key;
  }
  EXPECT_EQ(trace.conservation.size(), 1u + 1 + 10 + 1 + 3 + 9);  // created, consumed, 10 reasons, expired, ...
}

}  // namespace
}  // namespace buslab::tracefile
