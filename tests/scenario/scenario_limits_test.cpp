// Loading stays linear in the size of the input: a million-entry list, thousands of variants. Quadratic loading
// took minutes for 640,000 hosts and a gigabyte for 4,000 variants; here it takes seconds, and ctest's timeout
// (300 s) fails a regression long before a quadratic loader would finish.
#include <gtest/gtest.h>

#include <string>

#include <fmt/format.h>

#include "sim/scenario/scenario_loader.hpp"

namespace buslab {
namespace {

// One client calling one server, with `extra` spliced into the top level and `hosts` more hosts.
std::string scenario_text(size_t hosts, const std::string& extra) {
  std::string text = R"({"duration": "1s", "platform": {"hosts": [{"name": "a", "cores": 2})";
  text.reserve(hosts * 20 + 1000);
  for (size_t i = 0; i < hosts; ++i) text += fmt::format(R"(, {{"name": "h{}"}})", i);
  text += R"(]}, "services": [{"name": "svc", "transport": "direct", "hosts": ["a"],
                "methods": {"m": {"service_time": "1ms"}}}],
  "clients": [{"name": "c", "host": "a", "service": "svc", "method": "m", "arrival": {"kind": "poisson", "rate": 1}}])";
  return text + extra + "}";
}

TEST(ScenarioLimits, AMillionHostListLoads) {
  const nlohmann::json doc = parse_scenario_json(scenario_text(1000000, ""), "big.json");
  const std::vector<Scenario> scenarios = load_scenarios(doc, "big.json", {});
  ASSERT_EQ(scenarios.size(), 1u);
  ASSERT_EQ(scenarios[0].platform.hosts.size(), 1000001u);
  EXPECT_EQ(scenarios[0].platform.hosts.back().name, "h999999");
}

// The duplicate-key check still holds at that size, and names the place.
TEST(ScenarioLimits, AKeyGivenTwiceDeepInAMillionHostListIsNamed) {
  std::string text = scenario_text(1000000, "");
  const std::string last = R"({"name": "h999999"})";
  text.replace(text.find(last), last.size(), R"({"name": "h999999", "name": "again"})");
  try {
    parse_scenario_json(text, "big.json");
    FAIL() << "parsed";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(std::string(e.what()),
              R"(big.json: platform.hosts[1000000]: expected each key once, found "name" twice)");
  }
}

// Each variant's scenario applies its own overrides and carries no copy of the others.
TEST(ScenarioLimits, FourThousandVariantsLoadEachWithItsOwnOverrides) {
  std::string variants = R"(, "variants": [)";
  for (int i = 0; i < 4000; ++i)
    variants +=
        fmt::format(R"({}{{"name": "v{}", "description": "rate {}", "set": {{"clients[0].arrival.rate": {}}}}})",
                    i ? ", " : "", i, i + 1, i + 1);
  variants += "]";
  const nlohmann::json doc = parse_scenario_json(scenario_text(0, variants), "many.json");
  const std::vector<Scenario> scenarios = load_scenarios(doc, "many.json", {});
  ASSERT_EQ(scenarios.size(), 4000u);
  for (size_t i = 0; i < scenarios.size(); i += 997) {
    EXPECT_EQ(scenarios[i].variant, fmt::format("v{}", i));
    EXPECT_EQ(scenarios[i].variant_description, fmt::format("rate {}", i + 1));
    EXPECT_DOUBLE_EQ(scenarios[i].clients[0].arrival.rate, static_cast<double>(i + 1));
    EXPECT_TRUE(scenarios[i].variants.empty());
  }
  // Loading one by name gives the same scenario.
  EXPECT_DOUBLE_EQ(load_scenarios(doc, "many.json", {"v3999"}).at(0).clients[0].arrival.rate, 4000.0);
}

}  // namespace
}  // namespace buslab
