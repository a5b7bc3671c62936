#pragma once
// Helpers for simulation tests. SimGrid allows one Engine per process: run_json runs each simulation in a forked
// child process (tests/support/child_process.hpp), so a test binary may run any number of them, one after the
// other, whether ctest runs it one TEST per process or a developer runs it whole by hand.
#include <string>

#include <nlohmann/json.hpp>

#include "sim/engine/run.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/support/child_process.hpp"

namespace buslab::testing {

// Loads `scenario_json` (named "test.json" in errors; a ScenarioError comes from here, in this process) and runs
// it in a child process; returns its metrics. A RunFailure of the run is rethrown as a RunFailure; a crash of the
// child is a ChildFailure naming the signal.
inline nlohmann::ordered_json run_json(const std::string& scenario_json, const std::string& out_dir = "",
                                       const std::string& variant = "", EngineKind engine = EngineKind::Simgrid) {
  const nlohmann::json doc = parse_scenario_json(scenario_json, "test.json");
  const Scenario scenario = load_scenario(doc, "test.json", variant);
  RunOptions options;
  options.out_dir = out_dir;
  options.engine = engine;
  const std::string result = in_child_process([&] {
    try {
      return "metrics\n" + run_scenario(scenario, options).metrics.dump();
    } catch (const RunFailure& e) {
      return std::string("run failure\n") + e.what();
    }
  });
  const size_t line = result.find('\n');
  if (result.compare(0, line, "run failure") == 0) throw RunFailure(result.substr(line + 1));
  return nlohmann::ordered_json::parse(result.substr(line + 1));
}

inline const nlohmann::ordered_json& client_method(const nlohmann::ordered_json& m, const std::string& client,
                                                   const std::string& method) {
  for (const auto& c : m["clients"])
    if (c["name"] == client) return c["methods"][method];
  throw std::runtime_error("no client " + client);
}

inline const nlohmann::ordered_json& named(const nlohmann::ordered_json& list, const std::string& name) {
  for (const auto& item : list)
    if (item["name"] == name) return item;
  throw std::runtime_error("nothing named " + name);
}

inline uint64_t sum_of(const nlohmann::ordered_json& object) {
  uint64_t total = 0;
  for (const auto& [k, v] : object.items()) total += v.get<uint64_t>();
  return total;
}

}  // namespace buslab::testing
