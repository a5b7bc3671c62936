#include <gtest/gtest.h>

#include <cctype>
#include <functional>

#include "sim/default_scenario.hpp"
#include "sim/scenario_loader.hpp"

namespace buslab {

namespace {

// A small valid scenario the bad inputs below are made from, one change each.
const char* kBase = R"({
  "duration": "5s",
  "platform": {
    "hosts": [
      {"name": "api", "cores": 2, "speed": "2Gf"},
      {"name": "rabbit"},
      {"name": "compute", "count": 2}
    ],
    "links": [{"name": "rack", "latency": "1ms", "bandwidth": "1Gbps", "hosts": ["compute"]}]
  },
  "brokers": [{"name": "rabbit", "host": "rabbit"}],
  "services": [{
    "name": "compute", "transport": "broker:rabbit", "replicas": 2, "hosts": ["compute"],
    "executor": {"kind": "threading", "workers": 4},
    "methods": {"add": {"service_time": "5ms"}}
  }],
  "clients": [{
    "name": "api", "host": "api", "service": "compute", "method": "add",
    "arrival": {"kind": "poisson", "rate": 10}
  }]
})";

nlohmann::json base() {
  return nlohmann::json::parse(kBase);
}

std::string error_of(const std::function<void(nlohmann::json&)>& change, const std::vector<std::string>& sets = {}) {
  nlohmann::json doc = base();
  change(doc);
  try {
    load_scenario(doc, "t.json", "", sets);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST(ScenarioLoader, LoadsTheBaseWithDocumentedDefaults) {
  const Scenario s = load_scenario(base(), "labs/t.json");
  EXPECT_EQ(s.name, "t");
  EXPECT_EQ(s.seed, 1u);
  EXPECT_DOUBLE_EQ(s.duration, 5.0);
  EXPECT_DOUBLE_EQ(s.drain, 60.0);
  ASSERT_EQ(s.platform.hosts.size(), 4u);
  EXPECT_EQ(s.platform.hosts[2].name, "compute1");
  EXPECT_EQ(s.platform.hosts[2].group, "compute");
  EXPECT_EQ(s.platform.hosts[1].cores, 1);
  EXPECT_DOUBLE_EQ(s.platform.hosts[1].speed, 1e9);
  EXPECT_DOUBLE_EQ(s.platform.hosts[0].latency, 50e-6);
  EXPECT_DOUBLE_EQ(s.platform.hosts[0].bandwidth, 1.25e9);
  EXPECT_EQ(s.platform.links[0].hosts, (std::vector<std::string>{"compute1", "compute2"}));
  EXPECT_DOUBLE_EQ(s.brokers[0].cost.publish.seconds, 10e-6);
  const ServiceSpec& svc = s.services[0];
  EXPECT_EQ(svc.transport, TransportKind::Broker);
  EXPECT_EQ(svc.broker, "rabbit");
  EXPECT_EQ(svc.topic, "compute");
  EXPECT_EQ(svc.workers, 4);
  EXPECT_EQ(svc.prefetch, 0);
  EXPECT_EQ(svc.ack, AckTiming::BeforeProcessing);
  EXPECT_EQ(svc.codec, "json");
  EXPECT_DOUBLE_EQ(svc.methods[0].service_time.mean(), 5e-3);
  EXPECT_DOUBLE_EQ(svc.methods[0].reply_bytes.mean(), 256.0);
  const ClientSpec& c = s.clients[0];
  EXPECT_EQ(c.count, 1);
  EXPECT_EQ(c.mode, RpcMode::Call);
  EXPECT_DOUBLE_EQ(c.timeout, 60.0);
  EXPECT_DOUBLE_EQ(c.payload_bytes.mean(), 1024.0);
  EXPECT_EQ(c.arrival.kind, ArrivalKind::Poisson);
  EXPECT_EQ(c.server_choice, ServerChoice::RoundRobin);
}

TEST(ScenarioLoader, BlockingExecutorDefaultsToOneWorker) {
  nlohmann::json doc = base();
  doc["services"][0]["executor"] = {{"kind", "blocking"}};
  EXPECT_EQ(load_scenario(doc, "t.json").services[0].workers, 1);
}

TEST(ScenarioLoader, TheDefaultScenarioAndEachVariantLoad) {
  const nlohmann::json doc = parse_scenario_json(default_scenario_json(), kDefaultScenarioSource);
  const auto variants = variant_names(doc, kDefaultScenarioSource);
  ASSERT_EQ(variants, (std::vector<std::string>{"direct", "brokered"}));
  const Scenario direct = load_scenario(doc, kDefaultScenarioSource, "direct");
  const Scenario brokered = load_scenario(doc, kDefaultScenarioSource, "brokered");
  EXPECT_EQ(direct.services[0].transport, TransportKind::Direct);
  EXPECT_EQ(brokered.services[0].transport, TransportKind::Broker);
  EXPECT_EQ(direct.variant, "direct");
  EXPECT_EQ(direct.clients[0].count, 16);
  EXPECT_EQ(direct.services[0].hosts, (std::vector<std::string>{"compute1", "compute2", "compute3", "compute4"}));
  EXPECT_EQ(direct.clients[0].payload_bytes.kind(), Distribution::Kind::Empirical);
}

TEST(ScenarioLoader, OverridesChangeFieldsBeforeValidation) {
  const Scenario s =
      load_scenario(base(), "t.json", "",
                    {"services[0].replicas=8", "platform.network.latency=2ms", "clients[0].mode=cast",
                     R"(services[0].methods.add.service_time={"dist":"uniform","min":"1ms","max":"3ms"})"});
  EXPECT_EQ(s.services[0].replicas, 8);
  EXPECT_DOUBLE_EQ(s.platform.hosts[0].latency, 2e-3);
  EXPECT_EQ(s.clients[0].mode, RpcMode::Cast);
  EXPECT_DOUBLE_EQ(s.services[0].methods[0].service_time.mean(), 2e-3);
}

TEST(ScenarioLoader, DistributionsOfEveryKind) {
  nlohmann::json doc = base();
  auto& methods = doc["services"][0]["methods"];
  methods["a"] = {{"service_time", {{"dist", "exponential"}, {"mean", "10ms"}}}};
  methods["b"] = {{"service_time", {{"dist", "lognormal"}, {"mean", "10ms"}, {"sigma", 0.5}}}};
  methods["c"] = {{"service_time", {{"dist", "empirical"}, {"values", {"1ms", "3ms"}}}},
                  {"reply_bytes", {{"dist", "empirical"}, {"data", "nova-message-lengths"}}}};
  const Scenario s = load_scenario(doc, "t.json");
  const auto& svc = s.services[0];
  EXPECT_EQ(svc.find_method("a")->service_time.kind(), Distribution::Kind::Exponential);
  EXPECT_EQ(svc.find_method("b")->service_time.kind(), Distribution::Kind::Lognormal);
  EXPECT_DOUBLE_EQ(svc.find_method("c")->service_time.mean(), 2e-3);
  EXPECT_NEAR(svc.find_method("c")->reply_bytes.mean(), 3218, 1);
}

struct BadInput {
  const char* what;
  std::function<void(nlohmann::json&)> change;
  std::string message;
  std::vector<std::string> sets = {};
};

class BadScenario : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadScenario, IsRejectedWithAPreciseMessage) {
  const BadInput& bad = GetParam();
  EXPECT_EQ(error_of(bad.change, bad.sets), bad.message);
}

// clang-format off
INSTANTIATE_TEST_SUITE_P(Inputs, BadScenario, ::testing::Values(
  BadInput{"negative workers", [](auto& d) { d["services"][0]["executor"]["workers"] = -3; },
           "t.json: services[0].executor.workers: expected an integer from 1 to 100000, found -3"},
  BadInput{"unknown key with hint", [](auto& d) { d["clients"][0]["arival"] = d["clients"][0]["arrival"]; d["clients"][0].erase("arrival"); },
           "t.json: clients[0].arival: unknown key; did you mean \"arrival\"?"},
  BadInput{"missing arrival kind", [](auto& d) { d["clients"][0]["arrival"].erase("kind"); },
           "t.json: clients[0].arrival.kind: expected one of \"fixed\", \"poisson\" or \"closed\", found nothing"},
  BadInput{"typo in a key", [](auto& d) { d["clients"][0]["timeuot"] = "1s"; },
           "t.json: clients[0].timeuot: unknown key; did you mean \"timeout\"?"},
  BadInput{"unknown key far from any", [](auto& d) { d["platform"]["colour"] = "red"; },
           "t.json: platform.colour: unknown key; expected one of \"hosts\", \"links\" or \"network\""},
  BadInput{"deep unknown key", [](auto& d) { d["services"][0]["executor"]["worker"] = 3; },
           "t.json: services[0].executor.worker: unknown key; did you mean \"workers\"?"},
  BadInput{"time without unit", [](auto& d) { d["duration"] = 5; },
           "t.json: duration: expected a time with a unit, like \"2ms\", found 5"},
  BadInput{"zero duration", [](auto& d) { d["duration"] = "0s"; },
           "t.json: duration: expected a time > 0, found \"0s\""},
  BadInput{"bad time unit", [](auto& d) { d["clients"][0]["timeout"] = "10 parsecs"; },
           "t.json: clients[0].timeout: expected a time with a unit, like \"2ms\", found \"10 parsecs\""},
  BadInput{"bandwidth given as speed", [](auto& d) { d["platform"]["network"] = {{"bandwidth", "10Gf"}}; },
           "t.json: platform.network.bandwidth: expected a bandwidth with a unit, like \"1Gbps\" or \"125MBps\", found \"10Gf\""},
  BadInput{"enum typo with hint", [](auto& d) { d["services"][0]["executor"]["kind"] = "threads"; },
           "t.json: services[0].executor.kind: expected one of \"blocking\", \"threading\" or \"eventlet\", found \"threads\"; did you mean \"threading\"?"},
  BadInput{"dist typo", [](auto& d) { d["services"][0]["methods"]["add"]["service_time"] = {{"dist", "expo"}, {"mean", "1ms"}}; },
           "t.json: services[0].methods.add.service_time.dist: expected one of \"constant\", \"exponential\", \"uniform\", \"lognormal\" or \"empirical\", found \"expo\"; did you mean \"exponential\"?"},
  BadInput{"uniform max below min", [](auto& d) { d["services"][0]["methods"]["add"]["service_time"] = {{"dist", "uniform"}, {"min", "5ms"}, {"max", "2ms"}}; },
           "t.json: services[0].methods.add.service_time.max: expected a time >= min, found \"2ms\""},
  BadInput{"lognormal without sigma", [](auto& d) { d["services"][0]["methods"]["add"]["service_time"] = {{"dist", "lognormal"}, {"mean", "5ms"}}; },
           "t.json: services[0].methods.add.service_time.sigma: expected a number > 0, found nothing"},
  BadInput{"missing required section", [](auto& d) { d.erase("clients"); },
           "t.json: clients: expected a list of at least 1 item, found nothing"},
  BadInput{"empty services", [](auto& d) { d["services"] = nlohmann::json::array(); },
           "t.json: services: expected a list of at least 1 item, found []"},
  BadInput{"unknown broker in transport", [](auto& d) { d["services"][0]["transport"] = "broker:rabit"; },
           "t.json: services[0].transport: expected one of \"direct\" or \"broker:rabbit\", found \"broker:rabit\"; did you mean \"broker:rabbit\"?"},
  BadInput{"unknown service", [](auto& d) { d["clients"][0]["service"] = "network"; },
           "t.json: clients[0].service: expected one of \"compute\", found \"network\""},
  BadInput{"unknown method", [](auto& d) { d["clients"][0]["method"] = "ad"; },
           "t.json: clients[0].method: expected one of \"add\", found \"ad\"; did you mean \"add\"?"},
  BadInput{"unknown host", [](auto& d) { d["brokers"][0]["host"] = "rabit"; },
           "t.json: brokers[0].host: expected a host or host group, found \"rabit\"; did you mean \"rabbit\"?"},
  BadInput{"broker on a group", [](auto& d) { d["brokers"][0]["host"] = "compute"; },
           "t.json: brokers[0].host: expected a single host (not a group), found \"compute\""},
  BadInput{"unknown replica", [](auto& d) { d["clients"][0]["server"] = "compute-3"; },
           "t.json: clients[0].server: expected one of \"compute-1\" or \"compute-2\", found \"compute-3\"; did you mean \"compute-1\"?"},
  BadInput{"duplicate service", [](auto& d) { d["services"].push_back(d["services"][0]); },
           "t.json: services[1].name: expected a unique service name, found \"compute\" a second time"},
  BadInput{"host stamped over another", [](auto& d) { d["platform"]["hosts"].push_back({{"name", "compute1"}}); },
           "t.json: platform.hosts[3].name: expected a unique host name, found \"compute1\" a second time"},
  BadInput{"blocking with workers", [](auto& d) { d["services"][0]["executor"] = {{"kind", "blocking"}, {"workers", 4}}; },
           "t.json: services[0].executor.workers: expected 1 (a blocking executor runs one request at a time), found 4"},
  BadInput{"prefetch on a direct service", [](auto& d) { d["services"][0]["transport"] = "direct"; d["services"][0]["prefetch"] = 1; },
           "t.json: services[0].prefetch: prefetch only applies to a service behind a broker (transport \"broker:<name>\")"},
  BadInput{"fixed choice without server", [](auto& d) { d["clients"][0]["server_choice"] = "fixed"; },
           "t.json: clients[0].server_choice: server_choice \"fixed\" needs a \"server\" (a replica name, like \"compute-1\")"},
  BadInput{"closed loop cast without think", [](auto& d) { d["clients"][0]["mode"] = "cast"; d["clients"][0]["arrival"] = {{"kind", "closed"}}; },
           "t.json: clients[0].arrival: a closed loop of casts needs a \"think\" time > 0: a cast does not wait for a reply, so nothing else would pace it"},
  BadInput{"fault on an unknown process", [](auto& d) { d["faults"] = {{{"at", "1s"}, {"action", "kill"}, {"target", "compute-9"}}}; },
           "t.json: faults[0].target: expected a process, found \"compute-9\"; did you mean \"compute-1\"?"},
  BadInput{"link fault without links", [](auto& d) { d["platform"].erase("links"); d["faults"] = {{{"at", "1s"}, {"action", "link_down"}, {"target", "rack"}}}; },
           "t.json: faults[0].target: no links to cut: declare them in platform.links"},
  BadInput{"count on a kill", [](auto& d) { d["faults"] = {{{"at", "1s"}, {"action", "kill"}, {"target", "compute-1"}, {"count", 2}}}; },
           "t.json: faults[0].count: unknown key; expected one of \"action\", \"at\" or \"target\""},
  BadInput{"integer given as string", [](auto& d) { d["services"][0]["replicas"] = "4"; },
           "t.json: services[0].replicas: expected an integer from 1 to 100000, found \"4\""},
  BadInput{"fractional count", [](auto& d) { d["clients"][0]["count"] = 2.5; },
           "t.json: clients[0].count: expected an integer from 1 to 1000000, found 2.5"},
  BadInput{"huge seed", [](auto& d) { d["seed"] = nlohmann::json::parse("18446744073709551615"); },
           "t.json: seed: expected an integer from 0 to 9223372036854775807, found 18446744073709551615"},
  BadInput{"name with a slash", [](auto& d) { d["brokers"][0]["name"] = "a/b"; },
           "t.json: brokers[0].name: expected a non-empty name without \"/\", found \"a/b\""},
  BadInput{"size with bad unit", [](auto& d) { d["clients"][0]["payload"] = "2kb"; },
           "t.json: clients[0].payload: expected a size in bytes, like 2450 or \"4KiB\", found \"2kb\""},
  BadInput{"work without unit", [](auto& d) { d["brokers"][0]["cost"] = {{"ack", 5}}; },
           "t.json: brokers[0].cost.ack: expected an amount of CPU work, like \"50kf\" or \"20us\", found 5"},
  BadInput{"override past the end", [](auto&) {},
           "--set services[5].replicas=8: services[5]: expected an index < 1, found 5", {"services[5].replicas=8"}},
  BadInput{"override into a number", [](auto&) {},
           "--set duration.x=1: duration: expected an object, found \"5s\"", {"duration.x=1"}},
  BadInput{"override without a value", [](auto&) {},
           "--set: expected PATH=VALUE, like services[0].replicas=8, found \"replicas\"", {"replicas"}},
  BadInput{"override with a bad path", [](auto&) {},
           "--set services[x].replicas=1: path: expected a path like services[0].replicas, found \"services[x].replicas\"", {"services[x].replicas=1"}},
  BadInput{"override with an invalid value", [](auto&) {},
           "t.json: services[0].replicas: expected an integer from 1 to 100000, found 0", {"services[0].replicas=0"}},
  BadInput{"variant without a set", [](auto& d) { d["variants"] = {{{"name", "a"}}}; },
           "t.json: variants[0].set: expected an object of PATH: VALUE overrides, found nothing"},
  BadInput{"duplicate variants", [](auto& d) { d["variants"] = {{{"name", "a"}, {"set", nlohmann::json::object()}}, {{"name", "a"}, {"set", nlohmann::json::object()}}}; },
           "t.json: variants[1].name: expected a unique variant name, found \"a\" a second time"}
), [](const ::testing::TestParamInfo<BadInput>& info) {
  std::string name = info.param.what;
  for (char& c : name) if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
});
// clang-format on

TEST(ScenarioLoader, AVariantsBadSetNamesTheVariant) {
  nlohmann::json doc = base();
  doc["variants"] = {{{"name", "v"}, {"set", {{"services[3].replicas", 2}}}}};
  try {
    load_scenario(doc, "t.json", "v");
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_STREQ(e.what(),
                 "t.json: variants[0].set[\"services[3].replicas\"]: services[3]: expected an index < 1, found 3");
  }
}

TEST(ScenarioLoader, UnknownVariantIsAnError) {
  nlohmann::json doc = base();
  doc["variants"] = {{{"name", "direct"}, {"set", nlohmann::json::object()}}};
  EXPECT_THROW(load_scenario(doc, "t.json", "brokered"), ScenarioError);
}

TEST(ScenarioLoader, InvalidJsonGivesLineAndColumn) {
  try {
    parse_scenario_json("{\n  \"duration\": \"5s\",\n  \"seed\": ,\n}", "bad.json");
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("bad.json:3:11: invalid JSON: ", 0), 0u) << e.what();
  }
}

TEST(ScenarioLoader, MissingFileIsNamed) {
  try {
    read_scenario_file("/nonexistent/x.json");
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_STREQ(e.what(), "/nonexistent/x.json: cannot open the scenario file");
  }
}

}  // namespace buslab

namespace buslab {

namespace {

// Every path to a value in `doc`, in JSON-pointer form.
void collect_pointers(const nlohmann::json& doc, const std::string& at, std::vector<std::string>& out) {
  out.push_back(at);
  if (doc.is_object())
    for (const auto& [k, v] : doc.items()) collect_pointers(v, at + "/" + k, out);
  if (doc.is_array())
    for (size_t i = 0; i < doc.size(); ++i) collect_pointers(doc[i], at + "/" + std::to_string(i), out);
}

}  // namespace

// Whatever single value of the default scenario is replaced by whatever JSON, loading ends in a scenario or a
// ScenarioError: never another exception, never a crash.
TEST(ScenarioLoader, AnyOneBadValueGivesAScenarioErrorNotACrash) {
  const nlohmann::json doc = parse_scenario_json(default_scenario_json(), "d.json");
  std::vector<std::string> pointers;
  collect_pointers(doc, "", pointers);
  const std::vector<nlohmann::json> replacements = {nullptr,
                                                    -1,
                                                    0,
                                                    1.5,
                                                    "",
                                                    "x",
                                                    "1ms",
                                                    nlohmann::json::array(),
                                                    nlohmann::json::object(),
                                                    true,
                                                    nlohmann::json::parse("1e308"),
                                                    nlohmann::json::parse("18446744073709551615"),
                                                    {{"dist", "uniform"}}};
  size_t errors = 0, loaded = 0;
  for (const auto& pointer : pointers) {
    if (pointer.empty()) continue;
    for (const auto& value : replacements) {
      nlohmann::json changed = doc;
      changed[nlohmann::json::json_pointer(pointer)] = value;
      for (const std::string variant : {"direct", "brokered"}) {
        try {
          load_scenario(changed, "d.json", variant);
          ++loaded;
        } catch (const ScenarioError& e) {
          ++errors;
          EXPECT_EQ(std::string(e.what()).rfind("d.json: ", 0), 0u) << e.what();
        } catch (const std::exception& e) {
          ADD_FAILURE() << pointer << " = " << value.dump() << ": " << e.what();
        }
      }
    }
  }
  EXPECT_GT(errors, 500u);
  EXPECT_GT(loaded, 10u);
}

}  // namespace buslab
