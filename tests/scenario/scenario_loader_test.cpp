// Valid scenarios: the built-in default and its variants, documented defaults, overrides.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "models/core/rng.hpp"
#include "sim/scenario/default_scenario.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/support/scenario_test_util.hpp"
#include "tests/support/temp_dir.hpp"

namespace buslab {
namespace {

using nlohmann::json;
using testing::error_of;
using testing::small_scenario;

Scenario load_default(const std::string& variant = "", const std::vector<std::string>& overrides = {}) {
  return load_scenario(parse_scenario_json(default_scenario_json(), kDefaultScenarioSource), kDefaultScenarioSource,
                       variant, overrides);
}

std::vector<std::string> host_names(const Scenario& scenario) {
  std::vector<std::string> names;
  for (const auto& host : scenario.platform.hosts) names.push_back(host.name);
  return names;
}

TEST(DefaultScenario, LoadsWithExpandedHostsAndBrokerTransport) {
  const Scenario s = load_default();
  EXPECT_EQ(s.name, "default");
  EXPECT_EQ(s.source, "<builtin default>");
  EXPECT_EQ(s.variant, "");
  EXPECT_EQ(s.seed, 1u);
  EXPECT_DOUBLE_EQ(s.duration, 10.0);
  EXPECT_DOUBLE_EQ(s.drain, 60.0);
  EXPECT_EQ(s.platform.network_model, "CM02");
  EXPECT_EQ(host_names(s), (std::vector<std::string>{"client1", "client2", "client3", "client4", "rabbit", "compute1",
                                                     "compute2", "compute3", "compute4"}));
  const HostSpec& compute3 = *s.find_host("compute3");
  EXPECT_EQ(compute3.group, "compute");
  EXPECT_EQ(compute3.cores, 4);
  EXPECT_DOUBLE_EQ(compute3.speed, 1e9);  // the default speed: one core of the default profile's machine
  EXPECT_DOUBLE_EQ(compute3.latency, 50e-6);
  EXPECT_DOUBLE_EQ(compute3.bandwidth, 1.25e9);
  EXPECT_EQ(s.find_host("rabbit")->group, "rabbit");
  EXPECT_EQ(s.find_host("rabbit")->cores, 8);

  ASSERT_EQ(s.brokers.size(), 1u);
  EXPECT_EQ(s.brokers[0].host, "rabbit");
  // No cost of its own: the profile's.
  EXPECT_FALSE(s.brokers[0].cost.publish);
  EXPECT_FALSE(s.brokers[0].cost.ack);

  ASSERT_EQ(s.services.size(), 1u);
  const ServiceSpec& compute = s.services[0];
  EXPECT_EQ(compute.transport, TransportKind::Broker);
  EXPECT_EQ(compute.broker, "rabbit");
  EXPECT_EQ(compute.topic, "compute");
  EXPECT_EQ(compute.replicas, 4);
  EXPECT_EQ(compute.hosts, (std::vector<std::string>{"compute1", "compute2", "compute3", "compute4"}));
  EXPECT_EQ(compute.executor, ExecutorKind::Threading);
  EXPECT_EQ(compute.workers, 8);
  EXPECT_EQ(compute.prefetch, 0);
  EXPECT_EQ(compute.ack, AckTiming::BeforeProcessing);
  EXPECT_EQ(compute.codec, "json");
  ASSERT_EQ(compute.methods.size(), 1u);
  EXPECT_EQ(compute.methods[0].name, "add");
  EXPECT_EQ(compute.methods[0].service_time.kind(), Distribution::Kind::Exponential);
  EXPECT_DOUBLE_EQ(compute.methods[0].service_time.mean(), 8e-3);
  EXPECT_EQ(compute.methods[0].reply_bytes.kind(), Distribution::Kind::Constant);
  EXPECT_DOUBLE_EQ(compute.methods[0].reply_bytes.mean(), 256.0);

  ASSERT_EQ(s.clients.size(), 1u);
  const ClientSpec& api = s.clients[0];
  EXPECT_EQ(api.hosts, (std::vector<std::string>{"client1", "client2", "client3", "client4"}));
  EXPECT_EQ(api.count, 16);
  EXPECT_EQ(api.service, "compute");
  EXPECT_EQ(api.method, "add");
  EXPECT_EQ(api.mode, CallMode::Call);
  EXPECT_FALSE(api.server.has_value());
  EXPECT_DOUBLE_EQ(api.timeout, 10.0);
  EXPECT_EQ(api.payload_bytes.kind(), Distribution::Kind::Empirical);
  EXPECT_NEAR(api.payload_bytes.mean(), 3218.0, 1.0);
  EXPECT_DOUBLE_EQ(api.start, 0.0);
  EXPECT_EQ(api.arrival.kind, ArrivalKind::Poisson);
  EXPECT_DOUBLE_EQ(api.arrival.rate, 75.0);
  EXPECT_EQ(api.server_choice, ServerChoice::Random);
  EXPECT_TRUE(s.faults.empty());

  ASSERT_EQ(s.variants.size(), 2u);
  EXPECT_EQ(s.variants[0].name, "direct");
  EXPECT_EQ(s.variants[1].name, "brokered");
}

TEST(DefaultScenario, VariantNamesInOrder) {
  EXPECT_EQ(variant_names(parse_scenario_json(default_scenario_json(), kDefaultScenarioSource), kDefaultScenarioSource),
            (std::vector<std::string>{"direct", "brokered"}));
  EXPECT_EQ(variant_names(small_scenario(), "x.json"), std::vector<std::string>{"direct"});
  json without = small_scenario();
  without.erase("variants");
  EXPECT_TRUE(variant_names(without, "x.json").empty());
}

TEST(DefaultScenario, DirectVariantSwitchesTransportOnly) {
  const Scenario s = load_default("direct");
  EXPECT_EQ(s.variant, "direct");
  EXPECT_EQ(s.services[0].transport, TransportKind::Direct);
  EXPECT_EQ(s.services[0].broker, "");
  EXPECT_EQ(s.services[0].replicas, 4);
  EXPECT_EQ(s.clients[0].server_choice, ServerChoice::Random);
}

TEST(DefaultScenario, BrokeredVariantUsesTheBroker) {
  const Scenario s = load_default("brokered");
  EXPECT_EQ(s.variant, "brokered");
  EXPECT_EQ(s.services[0].transport, TransportKind::Broker);
  EXPECT_EQ(s.services[0].broker, "rabbit");
}

TEST(Defaults, FilledAsDocumented) {
  json doc = json::parse(R"({
    "duration": "1s",
    "platform": {"hosts": [{"name": "h"}]},
    "services": [{"name": "s", "transport": "direct", "hosts": ["h"], "methods": {"m": {"service_time": "1ms"}}}],
    "clients": [{"name": "c", "host": "h", "service": "s", "method": "m", "arrival": {"kind": "closed"}}],
    "faults": [{"at": "0s", "action": "add_replicas", "target": "s"}]
  })");
  const Scenario s = load_scenario(doc, "labs/x/first-lab.json");
  EXPECT_EQ(s.name, "first-lab");
  EXPECT_EQ(s.source, "labs/x/first-lab.json");
  EXPECT_EQ(s.seed, 1u);
  EXPECT_DOUBLE_EQ(s.drain, 60.0);
  EXPECT_EQ(s.platform.network_model, "CM02");
  const HostSpec& h = s.platform.hosts.at(0);
  EXPECT_EQ(h.name, "h");
  EXPECT_EQ(h.group, "h");
  EXPECT_EQ(h.cores, 1);
  EXPECT_DOUBLE_EQ(h.speed, 1e9);
  EXPECT_DOUBLE_EQ(h.latency, 50e-6);
  EXPECT_DOUBLE_EQ(h.bandwidth, 1.25e9);
  EXPECT_TRUE(s.platform.links.empty());
  EXPECT_TRUE(s.brokers.empty());
  const ServiceSpec& svc = s.services.at(0);
  EXPECT_EQ(svc.topic, "s");
  EXPECT_EQ(svc.replicas, 1);
  EXPECT_EQ(svc.executor, ExecutorKind::Threading);
  EXPECT_EQ(svc.workers, 64);
  EXPECT_EQ(svc.codec, "json");
  EXPECT_DOUBLE_EQ(svc.methods.at(0).reply_bytes.mean(), 256.0);
  const ClientSpec& c = s.clients.at(0);
  EXPECT_EQ(c.count, 1);
  EXPECT_EQ(c.mode, CallMode::Call);
  EXPECT_DOUBLE_EQ(c.timeout, 60.0);
  EXPECT_DOUBLE_EQ(c.payload_bytes.mean(), 1024.0);
  EXPECT_DOUBLE_EQ(c.start, 0.0);
  EXPECT_EQ(c.arrival.kind, ArrivalKind::Closed);
  EXPECT_EQ(c.arrival.outstanding, 1);
  EXPECT_DOUBLE_EQ(c.arrival.think.mean(), 0.0);
  EXPECT_EQ(c.server_choice, ServerChoice::RoundRobin);
  const FaultSpec& f = s.faults.at(0);
  EXPECT_EQ(f.action, FaultAction::AddReplicas);
  EXPECT_EQ(f.count, 1);
  EXPECT_TRUE(f.hosts.empty());
  EXPECT_TRUE(s.variants.empty());
}

TEST(Defaults, BlockingExecutorHasOneWorker) {
  json doc = small_scenario();
  doc["services"][1]["executor"] = {{"kind", "blocking"}};
  EXPECT_EQ(load_scenario(doc, "default.json").services[1].workers, 1);
  EXPECT_EQ(load_scenario(doc, "default.json").services[1].executor, ExecutorKind::Blocking);
}

TEST(Defaults, ServerImpliesFixedChoice) {
  json doc = small_scenario();
  doc["clients"][0]["server"] = "compute-3";
  const Scenario s = load_scenario(doc, "default.json");
  EXPECT_EQ(s.clients[0].server, std::optional<std::string>("compute-3"));
  EXPECT_EQ(s.clients[0].server_choice, ServerChoice::Fixed);
}

TEST(Sections, AllFieldsRead) {
  json doc = small_scenario();
  doc["seed"] = 42;
  doc["drain"] = "2s";
  doc["platform"]["network"] = {{"latency", "1ms"}, {"bandwidth", "1Gbps"}, {"model", "LV08"}};
  doc["platform"]["hosts"][1]["bandwidth"] = "100Mbps";
  doc["brokers"][0]["cost"] = {{"publish", "50kf"}, {"ack", "1us"}};
  doc["services"][0]["prefetch"] = 10;
  doc["services"][0]["ack"] = "after";
  doc["services"][0]["codec"] = "msgpack";
  doc["services"][0]["topic"] = "compute_topic";
  doc["services"][0]["methods"]["add"]["reply_bytes"] = {{"dist", "uniform"}, {"min", 100}, {"max", "4KiB"}};
  doc["services"][1]["methods"]["ping"]["service_time"] = {{"dist", "lognormal"}, {"mean", "2ms"}, {"sigma", 0.5}};
  doc["clients"][0]["mode"] = "cast";
  doc["clients"][0]["payload"] = {{"dist", "empirical"}, {"values", {100, "1KiB"}}};
  doc["clients"][0]["start"] = "1s";
  doc["clients"][0]["count"] = 3;
  doc["clients"][0]["arrival"] = {{"kind", "fixed"}, {"count", 5}, {"interval", "10ms"}};
  doc["faults"] = json::parse(R"([
    {"at": "1s", "action": "add_replicas", "target": "compute", "count": 2, "hosts": ["compute4"]},
    {"at": "2s", "action": "kill", "target": "compute-6"},
    {"at": "3s", "action": "host_down", "target": "compute2"},
    {"at": "4s", "action": "link_down", "target": "uplink"},
    {"at": "5s", "action": "restart", "target": "rabbit"}
  ])");
  const Scenario s = load_scenario(doc, "default.json");
  EXPECT_EQ(s.seed, 42u);
  EXPECT_DOUBLE_EQ(s.drain, 2.0);
  EXPECT_EQ(s.platform.network_model, "LV08");
  EXPECT_DOUBLE_EQ(s.find_host("client2")->latency, 1e-3);
  EXPECT_DOUBLE_EQ(s.find_host("rabbit")->bandwidth, 12.5e6);
  EXPECT_DOUBLE_EQ(s.find_host("rabbit")->latency, 1e-3);
  ASSERT_EQ(s.platform.links.size(), 1u);
  EXPECT_EQ(s.platform.links[0].hosts, (std::vector<std::string>{"compute1", "compute2", "compute3", "compute4"}));
  EXPECT_DOUBLE_EQ(s.platform.links[0].bandwidth, 125e6);
  EXPECT_DOUBLE_EQ(s.brokers[0].cost.publish->flops, 50e3);
  EXPECT_DOUBLE_EQ(s.brokers[0].cost.publish->seconds, 0.0);
  EXPECT_FALSE(s.brokers[0].cost.route);
  EXPECT_DOUBLE_EQ(s.brokers[0].cost.ack->seconds, 1e-6);
  EXPECT_EQ(s.services[0].prefetch, 10);
  EXPECT_EQ(s.services[0].ack, AckTiming::AfterProcessing);
  EXPECT_EQ(s.services[0].codec, "msgpack");
  EXPECT_EQ(s.services[0].topic, "compute_topic");
  EXPECT_EQ(s.services[0].methods[0].reply_bytes.describe(), "uniform(100, 4096)");
  EXPECT_EQ(s.services[1].methods[0].service_time.describe(), "lognormal(mean=0.002, sigma=0.5)");
  EXPECT_EQ(s.clients[0].mode, CallMode::Cast);
  EXPECT_EQ(s.clients[0].payload_bytes.describe(), "empirical(2 values, mean=562)");
  EXPECT_DOUBLE_EQ(s.clients[0].start, 1.0);
  EXPECT_EQ(s.clients[0].count, 3);
  EXPECT_EQ(s.clients[0].hosts, (std::vector<std::string>{"client1", "client2"}));
  EXPECT_EQ(s.clients[0].arrival.kind, ArrivalKind::Fixed);
  EXPECT_EQ(s.clients[0].arrival.count, 5);
  EXPECT_DOUBLE_EQ(s.clients[0].arrival.interval, 10e-3);
  ASSERT_EQ(s.faults.size(), 5u);
  EXPECT_EQ(s.faults[0].count, 2);
  EXPECT_EQ(s.faults[0].hosts, (std::vector<std::string>{"compute4"}));
  EXPECT_EQ(s.faults[1].action, FaultAction::Kill);
  EXPECT_EQ(s.faults[1].target, "compute-6");
  EXPECT_EQ(s.faults[2].action, FaultAction::HostDown);
  EXPECT_EQ(s.faults[3].action, FaultAction::LinkDown);
  EXPECT_EQ(s.faults[4].action, FaultAction::Restart);
  EXPECT_EQ(s.faults[4].target, "rabbit");
}

TEST(Sections, FixedArrivalMayOutlastDuration) {
  json doc = small_scenario();
  doc["clients"][0]["arrival"] = {{"kind", "fixed"}, {"count", 1000}, {"interval", "1s"}};
  EXPECT_EQ(load_scenario(doc, "default.json").clients[0].arrival.count, 1000);
}

TEST(Sections, ClosedCastWithThinkTime) {
  json doc = small_scenario();
  doc["clients"][0]["mode"] = "cast";
  doc["clients"][0]["arrival"] = {
      {"kind", "closed"}, {"outstanding", 4}, {"think", {{"dist", "exponential"}, {"mean", "5ms"}}}};
  const Scenario s = load_scenario(doc, "default.json");
  EXPECT_EQ(s.clients[0].arrival.outstanding, 4);
  EXPECT_DOUBLE_EQ(s.clients[0].arrival.think.mean(), 5e-3);
}

TEST(Overrides, SetValuesAsJsonOrString) {
  const Scenario s =
      load_default("", {"services[0].replicas=8", "platform.network.latency=1ms",
                        "clients[0].arrival={\"kind\":\"fixed\",\"count\":3,\"interval\":\"1s\"}", "name=tuned"});
  EXPECT_EQ(s.services[0].replicas, 8);
  EXPECT_DOUBLE_EQ(s.find_host("compute1")->latency, 1e-3);
  EXPECT_EQ(s.clients[0].arrival.kind, ArrivalKind::Fixed);
  EXPECT_EQ(s.clients[0].arrival.count, 3);
  EXPECT_EQ(s.name, "tuned");
}

TEST(Overrides, CreateMissingObjects) {
  json doc = small_scenario();
  doc["platform"].erase("network");
  const Scenario s = load_scenario(doc, "default.json", "", {"platform.network.bandwidth=1Gbps"});
  EXPECT_DOUBLE_EQ(s.find_host("compute1")->bandwidth, 125e6);
}

TEST(Overrides, CommandLineAppliesAfterVariant) {
  const Scenario s = load_default("direct", {"services[0].transport=broker:rabbit"});
  EXPECT_EQ(s.variant, "direct");
  EXPECT_EQ(s.services[0].transport, TransportKind::Broker);
}

TEST(Overrides, QuotedKeysReachMethodNames) {
  json doc = small_scenario();
  doc["services"][0]["methods"] = {{"get-info", {{"service_time", "1ms"}}}, {"v1.add", {{"service_time", "1ms"}}}};
  doc["clients"][0]["method"] = "get-info";
  const Scenario s = load_scenario(
      doc, "default.json", "",
      {"services[0].methods.get-info.service_time=3ms", R"(services[0].methods["v1.add"].service_time=4ms)"});
  ASSERT_EQ(s.services[0].methods.size(), 2u);
  EXPECT_DOUBLE_EQ(s.services[0].find_method("get-info")->service_time.mean(), 3e-3);
  EXPECT_DOUBLE_EQ(s.services[0].find_method("v1.add")->service_time.mean(), 4e-3);
}

TEST(Files, ReadsAFileAndNamesTheScenarioAfterIt) {
  const testing::TempDir dir("loader");
  const std::string path = dir.file("buslab-loader-test.json");
  {
    std::ofstream out(path);
    out << small_scenario().dump(2);
  }
  const Scenario s = load_scenario(read_scenario_file(path), path);
  EXPECT_EQ(s.name, "buslab-loader-test");
  EXPECT_EQ(s.source, path);
}

TEST(Determinism, SameDocumentSameScenario) {
  const Scenario a = load_default(), b = load_default();
  Rng ra(1, "x"), rb(1, "x");
  for (int i = 0; i < 10; ++i) EXPECT_EQ(a.clients[0].payload_bytes.sample(ra), b.clients[0].payload_bytes.sample(rb));
}

}  // namespace
}  // namespace buslab
