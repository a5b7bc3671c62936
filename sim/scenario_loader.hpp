#pragma once
// Scenario files (docs/scenario.md) to Scenario: parse, apply a variant and --set overrides, validate every field
// with a precise error (sim/json_reader.hpp), fill documented defaults.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/json_reader.hpp"
#include "sim/scenario.hpp"

namespace buslab {

// Parses JSON text; a syntax error becomes "<source>:<line>:<column>: invalid JSON: <reason>".
nlohmann::json parse_scenario_json(const std::string& text, const std::string& source);
// Reads and parses a file; a missing or unreadable file is a ScenarioError naming it.
nlohmann::json read_scenario_file(const std::string& path);
// The document's variant names, in order (validated: unique, non-empty, each with a `set` object).
std::vector<std::string> variant_names(const nlohmann::json& doc, const std::string& source);
// Applies variant `variant` ("" for none), then the overrides ("PATH=VALUE"), then validates.
Scenario load_scenario(const nlohmann::json& doc, const std::string& source, const std::string& variant = "",
                       const std::vector<std::string>& overrides = {});

}  // namespace buslab
