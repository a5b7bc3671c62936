// Memory is bounded by what is in flight (issue 15 point 3): an hour of simulated steady load holds its resident
// memory flat once started. A test of growth, not of absolute size: the resident set at two thirds of the run is
// compared with the one at a third, per call made in between. What a run keeps per call by design is a latency
// sample (8 bytes, for exact percentiles) and the ledger's 3-byte entry for each of the call's two messages
// (docs/metrics.md, "Memory"); anything else kept per call (a call's record, a cancelled timeout left in its
// process's timer heap until its date) shows here.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/sim_support.hpp"

namespace buslab {

namespace {

// This process's resident set (VmRSS in /proc/self/status), in bytes.
double resident_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) * 1024.0;
  throw std::runtime_error("no VmRSS in /proc/self/status");
}

// One hour of steady load through a broker: 4 clients making 5 calls per second each (Poisson) to a 10 ms method
// on two servers, timeouts of 60 s cancelled by every reply: about 72,000 calls.
const char* kSteadyHour = R"({"duration": "3600s", "drain": "10s",
  "platform": {"hosts": [{"name": "api", "cores": 4}, {"name": "mq", "cores": 4}, {"name": "node", "count": 2, "cores": 4}]},
  "brokers": [{"name": "mq", "host": "mq"}],
  "services": [{"name": "svc", "transport": "broker:mq", "replicas": 2, "hosts": ["node"],
                "methods": {"m": {"service_time": "10ms"}}}],
  "clients": [{"name": "c", "host": "api", "count": 4, "service": "svc", "method": "m", "timeout": "60s",
               "arrival": {"kind": "poisson", "rate": 5}}]})";

}  // namespace

TEST(Memory, AnHourOfSteadyLoadHoldsItsResidentMemoryFlat) {
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer keeps freed blocks in a quarantine (up to 256 MB) before reusing them, so resident memory grows
  // under steady load without a leak; in that build LeakSanitizer checks for leaks instead.
  GTEST_SKIP() << "resident memory under AddressSanitizer includes its quarantine of freed blocks";
#endif
  const Scenario scenario = load_scenario(parse_scenario_json(kSteadyHour, "test.json"), "test.json", "");
  const std::string result = testing::in_child_process([&] {
    double rss[2] = {0, 0};
    uint64_t messages[2] = {0, 0};
    RunOptions options;  // no --out: nothing is written, the trace is not recorded
    options.progress_interval = 0;
    options.on_progress = [&](const RunProgress& p) {
      for (int i = 0; i < 2; ++i)
        if (rss[i] == 0 && p.sim_time >= p.load_end * (i + 1) / 3.0) {
          rss[i] = resident_bytes();
          messages[i] = p.messages;
        }
    };
    const RunResult run = run_scenario(scenario, options);
    std::ostringstream out;
    out << rss[0] << ' ' << rss[1] << ' ' << messages[0] << ' ' << messages[1] << ' '
        << run.metrics["conservation"]["created"].get<uint64_t>();
    return out.str();
  });
  std::istringstream in(result);
  double rss_third = 0, rss_two_thirds = 0;
  uint64_t messages_third = 0, messages_two_thirds = 0, created = 0;
  in >> rss_third >> rss_two_thirds >> messages_third >> messages_two_thirds >> created;
  ASSERT_GT(rss_third, 0) << "the progress hook never reached a third of the run";
  ASSERT_GT(rss_two_thirds, 0) << "the progress hook never reached two thirds of the run";
  // The load is steady: a third of the run made a third of the messages (two per call).
  EXPECT_NEAR(static_cast<double>(messages_two_thirds - messages_third), created / 3.0, created * 0.02);
  const double calls = (messages_two_thirds - messages_third) / 2.0;
  const double growth_per_call = (rss_two_thirds - rss_third) / calls;
  // 8 + 2 x 3 bytes per call by design; 48 leaves room for the allocator (a vector doubling, pages touched).
  EXPECT_LT(growth_per_call, 48.0) << "resident memory grew " << (rss_two_thirds - rss_third) / 1e6 << " MB over "
                                   << calls << " calls (from " << rss_third / 1e6 << " MB at a third of the run)";
}

}  // namespace buslab
