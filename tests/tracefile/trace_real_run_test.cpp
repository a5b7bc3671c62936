// Reads traces the simulator really writes (buslab run on the default scenario), so that the reader, the call
// paths and the exports keep up with the format as the simulator grows.
#include <gtest/gtest.h>

#include <unistd.h>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "tracefile/call_path.hpp"
#include "tracefile/chrome_export.hpp"
#include "tracefile/svg_export.hpp"
#include "tracefile/trace_reader.hpp"

namespace buslab::tracefile {
namespace {

class RealRun : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One directory per process: ctest runs each test in its own process, maybe in parallel.
    dir_ = new std::string(testing::TempDir() + "/buslab_trace_real_run_" + std::to_string(getpid()));
    std::filesystem::remove_all(*dir_);
    const std::string command = std::string(BUSLAB_BINARY) + " run --out " + *dir_ + " > /dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }
  static std::string* dir_;
};
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

}  // namespace
}  // namespace buslab::tracefile
