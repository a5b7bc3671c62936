#pragma once
// Overrides: `--set PATH=VALUE` on the command line and the `set` objects of variants. Each replaces one value
// of the scenario document before validation; PATH has the syntax of error paths (`services[0].replicas`,
// `platform.network.latency`, `methods["get-info"]`).
#include <string>

#include <nlohmann/json.hpp>

namespace buslab {

struct Override {
  std::string origin;  // what to blame in messages: `--set services[0].replicas=8`, `default.json:
                       // variants[0].set["services[0].replicas"]`
  std::string path;
  nlohmann::json value;
};

// Reads a command-line `PATH=VALUE`; VALUE is JSON when it parses as JSON (`8`, `true`, `{"dist": ...}`),
// else the string itself (`2ms`).
Override parse_override(const std::string& text);

// Sets the value at `override.path` in `doc`. Missing object keys are created (validation then rejects the
// unknown ones); an index past the end of a list, or a step into a value of the wrong type, is a ScenarioError
// `<origin>: <path so far>: expected ..., found ...`.
void apply_override(nlohmann::json& doc, const Override& override);

}  // namespace buslab
