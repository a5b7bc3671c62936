#pragma once
// Helpers for simulation tests. SimGrid allows one Engine per process: each TEST that runs a simulation must run
// alone in its process, which ctest does (every TEST is its own ctest entry); running this binary by hand, use
// --gtest_filter to pick one simulation test at a time.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/engine/run.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace buslab::testing {

inline nlohmann::ordered_json run_json(const std::string& scenario_json, const std::string& out_dir = "",
                                       const std::string& variant = "") {
  const nlohmann::json doc = parse_scenario_json(scenario_json, "test.json");
  RunOptions options;
  options.out_dir = out_dir;
  return run_scenario(load_scenario(doc, "test.json", variant), options).metrics;
}

inline std::string temp_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("buslab-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
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
