#pragma once
// Scenario files (docs/scenario.md) to the Scenario the simulator runs. Every problem is a ScenarioError whose
// message names the file, the JSON path, what was expected and what was found.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_error.hpp"

namespace buslab {

// Parses JSON text. A syntax error becomes `<source>:<line>:<column>: invalid JSON: <reason>`; a key given twice
// in one object is an error too (JSON parsers otherwise keep the last one silently).
nlohmann::json parse_scenario_json(const std::string& text, const std::string& source);

// Reads and parses the file at `path`; a missing or unreadable file is a ScenarioError naming it. Messages
// about the file use `path` as given.
nlohmann::json read_scenario_file(const std::string& path);
// The bytes of the file at `path` (for its SHA-256 in the outputs' provenance), with the same errors.
std::string read_scenario_text(const std::string& path);

// Names of the document's variants, in order (validated: unique non-empty names, `set` an object). Empty if
// there are none.
std::vector<std::string> variant_names(const nlohmann::json& doc, const std::string& source);

// Applies variant `variant` ("" = none), then the `--set` overrides ("PATH=VALUE", in order), then validates
// the result and fills in every default. A variant's scenario holds no `variants` list (it is one of them; its
// `variant_description` says which); without a variant, `variants` lists the document's.
Scenario load_scenario(const nlohmann::json& doc, const std::string& source, const std::string& variant = "",
                       const std::vector<std::string>& overrides = {});

// The scenarios of the variants named in `variants`, in that order (empty: every variant of the document, or the
// document itself when it has none), each as load_scenario gives it. Linear in the size of the document times the
// number of variants loaded, not in the square of the number of variants.
std::vector<Scenario> load_scenarios(const nlohmann::json& doc, const std::string& source,
                                     std::vector<std::string> variants, const std::vector<std::string>& overrides = {});

}  // namespace buslab
