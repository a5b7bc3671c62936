#pragma once
// Cost profiles (docs/profiles.md): reading a profile file, and a scenario's `profile` field, which names one
// (a built-in profile of data/profiles/, or a file) and may override its costs field by field.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/cost_profile.hpp"
#include "sim/scenario/json_reader.hpp"

namespace buslab {

// The profile scenarios run with when they name none: the shipped measured one.
const char* default_profile_name();
// The profiles a scenario may name: those built in from data/profiles/ and "uncalibrated", sorted.
std::vector<std::string> builtin_profile_names();

// A profile file's content, checked: errors name `origin` (its path, or "profile <name>") and the JSON path.
CostProfile parse_profile(const nlohmann::json& doc, const std::string& origin);
// The built-in profile `name`; throws ScenarioError if there is none.
CostProfile builtin_profile(const std::string& name);

// The scenario's `profile` (absent: the default): a name or a path (relative to the scenario file), or an object
// {"name", "jitter", "costs"} whose `costs` override the named profile's, field by field.
CostProfile read_profile(const JsonReader& profile);

}  // namespace buslab
