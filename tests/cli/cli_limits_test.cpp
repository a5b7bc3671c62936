// The documented maxima run: 100,000 client instances (the validator's maximum for a group). SimGrid's default
// actor stacks (8 MiB behind a guard page, two memory mappings each) abort past about 30,000 actors under Linux's
// default vm.max_map_count; buslab then gives each actor a 32 KiB stack without a guard (sim/engine/simgrid_config).
// About 10 s and 3.6 GB.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/cli_support.hpp"
#include "tests/support/temp_dir.hpp"

namespace buslab {
namespace {

constexpr const char* kHundredThousandClients = R"({
  "duration": "1s", "drain": "1s",
  "platform": {"hosts": [{"name": "c", "cores": 64}, {"name": "s", "cores": 64}]},
  "services": [{"name": "svc", "transport": "direct", "hosts": ["s"], "replicas": 4,
                "methods": {"m": {"service_time": "100us"}}}],
  "clients": [{"name": "c", "host": "c", "service": "svc", "method": "m", "count": 100000,
               "arrival": {"kind": "poisson", "rate": 0.1}}]
})";

TEST(Limits, AHundredThousandClientsRun) {
  const testing::TempDir dir("limits");
  const std::string scenario = testing::write_file(dir.path(), "s.json", kHundredThousandClients);
  // The factory named: SimGrid's default, raw, whatever BUSLAB_SIMGRID_CFG says (the asan preset chooses threads,
  // and the thread factory makes one system thread per actor: 100,000 are past the kernel's pid_max).
  const auto run =
      testing::run_buslab("run " + scenario + " --cfg contexts/factory:raw --no-trace --out " + dir.file("out"));
  ASSERT_EQ(run.exit_code, 0) << run.output.substr(0, 2000);
  const auto metrics = nlohmann::json::parse(testing::slurp(dir.file("out/s/metrics.json")));
  const auto& client = metrics["clients"][0];
  EXPECT_EQ(client["instances"], 100000);
  const auto& m = client["methods"]["m"];
  // 100,000 Poisson streams of 0.1 calls/s for 1 s: 10,000 calls expected, standard deviation 100.
  const auto sent = m["sent"].get<uint64_t>();
  EXPECT_GT(sent, 9500u);
  EXPECT_LT(sent, 10500u);
  EXPECT_EQ(m["completed"].get<uint64_t>(), sent);
  uint64_t handled = 0;
  for (const auto& server : metrics["servers"]) handled += server["handled"].get<uint64_t>();
  EXPECT_EQ(handled, sent);
}

}  // namespace
}  // namespace buslab
