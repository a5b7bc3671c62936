// SimGrid's own options through `buslab run --cfg NAME:VALUE`: they reach the engine, and a bad one is buslab's
// error (exit 2, SimGrid's reason, a hint), said before any run.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/cli_support.hpp"
#include "tests/support/temp_dir.hpp"

namespace buslab {
namespace {

using testing::run_buslab;

// One client calling one direct server across two 1 ms links: a call crosses 4 links (8 for the first, which opens
// its connection), then 1 ms of service.
constexpr const char* kOneLink = R"({
  "duration": "3s",
  "platform": {"network": {"latency": "1ms", "bandwidth": "10Gbps"},
               "hosts": [{"name": "a", "cores": 2}, {"name": "b", "cores": 2}]},
  "services": [{"name": "svc", "transport": "direct", "hosts": ["b"],
                "methods": {"m": {"service_time": {"dist": "constant", "value": "1ms"}}}}],
  "clients": [{"name": "c", "host": "a", "service": "svc", "method": "m",
               "arrival": {"kind": "poisson", "rate": 2}}]
})";

nlohmann::json latency_of(const std::string& metrics_path) {
  return nlohmann::json::parse(testing::slurp(metrics_path))["clients"][0]["methods"]["m"]["latency_s"];
}

// network/latency-factor multiplies every link latency: 3 instead of 1 adds 2 ms per link crossed.
TEST(CliSimgridConfig, AnOptionReachesTheEngine) {
  const testing::TempDir dir("cfg");
  const std::string scenario = testing::write_file(dir.path(), "s.json", kOneLink);
  ASSERT_EQ(run_buslab("run " + scenario + " --out " + dir.file("plain")).exit_code, 0);
  const auto slow = run_buslab("run " + scenario + " --cfg network/latency-factor:3 --out " + dir.file("slow"));
  ASSERT_EQ(slow.exit_code, 0) << slow.output;
  const auto plain = latency_of(dir.file("plain/s/metrics.json")), slower = latency_of(dir.file("slow/s/metrics.json"));
  EXPECT_NEAR(slower["p50"].get<double>() - plain["p50"].get<double>(), 4 * 0.002, 1e-9);
  EXPECT_NEAR(slower["max"].get<double>() - plain["max"].get<double>(), 8 * 0.002, 1e-9);
}

// BUSLAB_SIMGRID_CFG gives every run of a process its options without a --cfg (the asan test preset sets the thread
// factory there, for the labs' tesh files too); an option on the command line wins over the environment's.
TEST(CliSimgridConfig, TheEnvironmentGivesOptionsAndTheCommandLineWins) {
  const testing::TempDir dir("cfg-env");
  const std::string scenario = testing::write_file(dir.path(), "s.json", kOneLink);
  const std::string slow_env = "BUSLAB_SIMGRID_CFG='network/latency-factor:3' ";
  ASSERT_EQ(run_buslab("run " + scenario + " --out " + dir.file("plain"), "BUSLAB_SIMGRID_CFG= ").exit_code, 0);
  const auto slow = run_buslab("run " + scenario + " --out " + dir.file("slow"), slow_env);
  ASSERT_EQ(slow.exit_code, 0) << slow.output;
  const auto back =
      run_buslab("run " + scenario + " --cfg network/latency-factor:1 --out " + dir.file("back"), slow_env);
  ASSERT_EQ(back.exit_code, 0) << back.output;
  const auto plain = latency_of(dir.file("plain/s/metrics.json"));
  EXPECT_NEAR(latency_of(dir.file("slow/s/metrics.json"))["p50"].get<double>() - plain["p50"].get<double>(), 4 * 0.002,
              1e-9);
  EXPECT_EQ(latency_of(dir.file("back/s/metrics.json")), plain);
  const auto bad = run_buslab("run " + scenario, "BUSLAB_SIMGRID_CFG='contexts/factory:thread contexts/factry:raw' ");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.output,
            "buslab run: BUSLAB_SIMGRID_CFG: --cfg contexts/factry:raw: SimGrid refuses it: Bad config key: "
            "contexts/factry; did you mean contexts/factory?\n");
}

// The thread context factory (what AddressSanitizer needs) runs the same simulation.
TEST(CliSimgridConfig, TheThreadFactoryGivesTheSameRun) {
  const testing::TempDir dir("cfg");
  ASSERT_EQ(run_buslab("run --set duration=1s --no-trace --out " + dir.file("raw")).exit_code, 0);
  const auto thread =
      run_buslab("run --set duration=1s --no-trace --cfg contexts/factory:thread --out " + dir.file("thread"));
  ASSERT_EQ(thread.exit_code, 0) << thread.output;
  for (const char* variant : {"/direct/metrics.json", "/brokered/metrics.json"})
    EXPECT_TRUE(testing::slurp(dir.file("raw") + variant) == testing::slurp(dir.file("thread") + variant)) << variant;
}

TEST(CliSimgridConfig, ABadOptionIsRefusedWithSimgridsReason) {
  const struct {
    const char* option;
    const char* message;
  } cases[] = {
      {"contexts/factry:thread",
       "buslab run: --cfg contexts/factry:thread: SimGrid refuses it: Bad config key: contexts/factry; did you mean "
       "contexts/factory?\n"},
      {"contexts/stack-size:big", "buslab run: --cfg contexts/stack-size:big: SimGrid refuses it: invalid integer\n"},
      {"contexts/factory", "buslab run: --cfg contexts/factory: expected NAME:VALUE, like contexts/factory:thread\n"},
      {"contexts/nthreads:4",
       "buslab run: --cfg contexts/nthreads:4: buslab runs its actors one at a time (its models are not "
       "thread-safe); leave contexts/nthreads at 1\n"},
  };
  for (const auto& c : cases) {
    const auto out = run_buslab(std::string("run --cfg ") + c.option);
    EXPECT_EQ(out.exit_code, 2) << c.option;
    EXPECT_EQ(out.output, c.message) << c.option;
  }
  // A value SimGrid only rejects when it builds the engine (it then ends the process) is caught all the same.
  const auto factory = run_buslab("run --cfg contexts/factory:bogus");
  EXPECT_EQ(factory.exit_code, 2);
  EXPECT_EQ(factory.output.rfind("buslab run: --cfg contexts/factory:bogus: SimGrid refuses it: Invalid context "
                                 "factory specified.",
                                 0),
            0u)
      << factory.output;
}

TEST(CliSimgridConfig, HelpListsSimgridsOptions) {
  const auto out = run_buslab("run --cfg help");
  EXPECT_EQ(out.exit_code, 0);
  EXPECT_NE(out.output.find("contexts/factory: Possible values:"), std::string::npos) << out.output;
}

}  // namespace
}  // namespace buslab
