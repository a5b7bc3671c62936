#pragma once
// `--set PATH=VALUE` and a variant's `set` entries: change one field of the scenario's JSON before it is
// validated. PATH uses the error paths' syntax (services[0].replicas, platform.network.latency).
#include <string>

#include <nlohmann/json.hpp>

namespace buslab {

// Sets `value` at `path`, creating missing object keys on the way (validation then rejects unknown ones).
// Errors throw ScenarioError starting with `where` (e.g. "--set services[5].replicas=8").
void set_at_path(nlohmann::json& doc, const std::string& path, const nlohmann::json& value, const std::string& where);

// "PATH=VALUE": VALUE is JSON when it parses as JSON, else a string ("2ms").
void apply_assignment(nlohmann::json& doc, const std::string& assignment);

}  // namespace buslab
