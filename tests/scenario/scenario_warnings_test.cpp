// Warnings about what a valid scenario asks for that its author most likely did not mean: a run that would
// simulate far beyond its load.
#include <gtest/gtest.h>

#include <filesystem>

#include "sim/scenario/scenario_loader.hpp"
#include "sim/scenario/scenario_warnings.hpp"

namespace buslab {
namespace {

Scenario load(const std::string& extra) {
  const std::string text = R"({"duration": "10s", "platform": {"hosts": [{"name": "a"}]},
    "services": [{"name": "svc", "transport": "direct", "hosts": ["a"],
                  "methods": {"m": {"service_time": "1ms"}}}],
    "clients": [{"name": "c", "host": "a", "service": "svc", "method": "m", "arrival": {"kind": "poisson", "rate": 1}}])" +
                           extra + "}";
  return load_scenario(parse_scenario_json(text, "w.json"), "w.json");
}

TEST(ScenarioWarnings, AFaultFarBeyondTheLoad) {
  EXPECT_EQ(scenario_warnings(load(R"(, "faults": [{"at": "1e12s", "action": "kill", "target": "svc-1"}])")),
            std::vector<std::string>{
                "the last fault is at 1e+12 s, 1e+11 times the load's duration (10 s): the run simulates until then, "
                "and whatever repeats meanwhile (heartbeats, retries, timers) goes on all that time, which can take "
                "hours; bring the fault within the load or lengthen the load"});
}

TEST(ScenarioWarnings, ADrainFarBeyondTheLoad) {
  EXPECT_EQ(scenario_warnings(load(R"(, "drain": "1e9s")")),
            std::vector<std::string>{
                "drain is 1e+09 s: a run that does not go idle (a call waiting out a long timeout, heartbeats to a "
                "hung server) simulates until 1e+09 s, 1e+08 times the load's duration (10 s), which can take hours; a "
                "shorter drain ends it sooner"});
}

// Warned of only when both hold: ten times the load, and an hour past it (a 20-minute drain after 10 s is not).
TEST(ScenarioWarnings, NothingToSayOfOrdinaryRuns) {
  EXPECT_TRUE(scenario_warnings(load("")).empty());
  EXPECT_TRUE(scenario_warnings(load(R"(, "drain": "20min")")).empty());
  EXPECT_TRUE(scenario_warnings(load(R"(, "faults": [{"at": "90s", "action": "kill", "target": "svc-1"}])")).empty());
  for (const auto& lab : std::filesystem::directory_iterator(std::string(BUSLAB_SOURCE_DIR) + "/labs")) {
    const std::string file = lab.path().string() + "/scenario.json";
    if (!std::filesystem::exists(file)) continue;
    for (const Scenario& s : load_scenarios(read_scenario_file(file), file, {}))
      EXPECT_TRUE(scenario_warnings(s).empty()) << file << " " << s.variant;
  }
}

}  // namespace
}  // namespace buslab
