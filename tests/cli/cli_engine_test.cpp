// `--engine queueing` from the command line: it runs and writes the same outputs; what it cannot honour is refused
// before any run (exit 2) naming the file, the JSON path, what it found and what to do; a bad engine name is a
// usage error.
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "tests/support/cli_support.hpp"
#include "tests/support/temp_dir.hpp"

namespace buslab {
namespace {

using testing::run_buslab;

constexpr const char* kWan = R"({
  "duration": "1s",
  "platform": {"hosts": [{"name": "a"}, {"name": "b"}],
               "links": [{"name": "wan", "latency": "10ms", "bandwidth": "1Gbps", "hosts": ["b"]}]},
  "services": [{"name": "svc", "transport": "direct", "hosts": ["b"], "methods": {"m": {"service_time": "1ms"}}}],
  "clients": [{"name": "c", "host": "a", "service": "svc", "method": "m", "arrival": {"kind": "poisson", "rate": 5}}],
  "faults": [{"at": "0.5s", "action": "link_down", "target": "wan"}]
})";

TEST(CliEngine, TheQueueingEngineWritesTheSameOutputs) {
  const testing::TempDir dir("engine");
  const auto r = run_buslab("run " + std::string(BUSLAB_SOURCE_DIR) +
                            "/labs/01-direct-vs-broker/scenario.json --engine queueing --variant brokered --out " +
                            dir.file("out"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* file : {"metrics.json", "trace.json", "timeseries.csv", "timeseries.json"})
    EXPECT_TRUE(std::filesystem::exists(dir.file(std::string("out/brokered/") + file))) << file;
  const auto metrics = nlohmann::json::parse(testing::slurp(dir.file("out/brokered/metrics.json")));
  EXPECT_TRUE(metrics["conservation"]["balanced"].get<bool>());
  EXPECT_GT(metrics["clients"][0]["methods"].begin().value()["completed"].get<int>(), 0);
}

TEST(CliEngine, SharedLinksAndLinkFaultsAreRefusedBeforeAnyRun) {
  const testing::TempDir dir("engine-refused");
  const std::string scenario = testing::write_file(dir.path(), "wan.json", kWan);
  const auto r = run_buslab("run " + scenario + " --engine queueing --out " + dir.file("out"));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("wan.json: platform.links[0]: the queueing engine does not share bandwidth"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("found link \"wan\""), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("faults[0].action: the queueing engine has no shared links to fail; found \"link_down\""),
            std::string::npos)
      << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir.file("out/wan/metrics.json")));
  // The same scenario runs on SimGrid.
  EXPECT_EQ(run_buslab("run " + scenario + " --no-timing").exit_code, 0);
}

TEST(CliEngine, SimgridOptionsAreRefusedWithTheQueueingEngine) {
  const auto r = run_buslab("run --engine queueing --cfg contexts/stack-size:64");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("--cfg contexts/stack-size:64: SimGrid's options"), std::string::npos) << r.output;
}

TEST(CliEngine, AnUnknownEngineIsAUsageError) {
  const auto r = run_buslab("run --engine ns3");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("--engine"), std::string::npos) << r.output;
}

TEST(CliEngine, ASweepRunsOnTheQueueingEngine) {
  const testing::TempDir dir("engine-sweep");
  const auto r = run_buslab("sweep --engine queueing --param clients[0].arrival.rate=20,40 --out " + dir.file("s"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(testing::slurp(dir.file("s/sweep.json")).find("\"engine\": \"queueing\""), std::string::npos);
}

}  // namespace
}  // namespace buslab
