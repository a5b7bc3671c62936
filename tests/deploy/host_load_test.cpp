// Which processes count towards a host's contention (sim/deploy/host_load.hpp): every broker, server replica and
// client instance deployed there, round-robin over a group's hosts, whether it runs at a given instant or not; and
// the factors the measured profile gives them.
#include <gtest/gtest.h>

#include "sim/deploy/host_load.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace buslab {
namespace {

Scenario two_hosts(const std::string& profile) {
  const nlohmann::json doc = nlohmann::json::parse(R"({
    "duration": "1s", "profile": )" + profile + R"(,
    "platform": {"hosts": [{"name": "a", "cores": 2}, {"name": "b"}, {"name": "idle", "cores": 4}]},
    "brokers": [{"name": "mq", "host": "a"}],
    "services": [{"name": "svc", "transport": "broker:mq", "hosts": ["a", "b"], "replicas": 3, "start": "5s",
                  "methods": {"m": {"service_time": "1ms"}}}],
    "clients": [{"name": "c", "host": "b", "count": 2, "service": "svc", "method": "m",
                 "arrival": {"kind": "closed", "outstanding": 1}}]
  })");
  return load_scenario(doc, "host-load.json");
}

TEST(HostLoad, CountsEveryProcessDeployedOnAHost) {
  const auto on_host = processes_per_host(two_hosts(R"("ideal")"));
  // a: the broker and replicas 1 and 3 (they start later, and count all the same); b: replica 2 and 2 clients.
  EXPECT_EQ(on_host, (std::map<std::string, int>{{"a", 3}, {"b", 3}, {"idle", 0}}));
}

TEST(HostLoad, TheMeasuredProfileChargesOnlyHostsAboveItsReferenceLoad) {
  const Scenario s = two_hosts(R"("oslo14-rabbitmq310-epyc2600")");
  const Contention& law = s.profile.contention;
  EXPECT_EQ(law.reference_processes_per_core, 1.5);  // the recording's 1 caller, server and broker on 2 cores
  EXPECT_EQ(law.max_processes_per_core, 9.0);        // 16 callers
  const auto factors = host_contention(s);
  EXPECT_EQ(factors.at("a").call, 1.0);  // 3 processes on 2 cores: the reference load
  EXPECT_EQ(factors.at("idle").cast, 1.0);
  // 3 on 1 core: the recording's 4-caller load, where calls cost 1.418 times more and casts 1.063 (its figures,
  // data/profiles/..., contention.<op>.measured); the fitted laws pass within 0.1% of them.
  EXPECT_NEAR(factors.at("b").call, 1.418, 1.418e-3);
  EXPECT_NEAR(factors.at("b").cast, 1.063, 1.063e-3);
}

TEST(HostLoad, TheIdealProfileHasNoContention) {
  const auto factors = host_contention(two_hosts(R"("ideal")"));
  EXPECT_EQ(factors.at("b").call, 1.0);
  EXPECT_EQ(factors.at("b").cast, 1.0);
}

}  // namespace
}  // namespace buslab
