#pragma once
// Shared by the scenario loader tests: a small valid scenario to break in one place at a time, and the error
// message a document produces.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario_loader.hpp"

namespace buslab::testing {

// Valid: two services (one on a broker, one direct), a link, a fault. Every bad-input test changes one thing.
inline nlohmann::json small_scenario() {
  return nlohmann::json::parse(R"({
    "duration": "10s",
    "platform": {
      "hosts": [
        {"name": "client", "count": 2},
        {"name": "rabbit", "cores": 8},
        {"name": "compute", "count": 4, "cores": 4, "speed": "10Gf"}
      ],
      "links": [{"name": "uplink", "latency": "1ms", "bandwidth": "1Gbps", "hosts": ["compute"]}]
    },
    "brokers": [{"name": "rabbit", "host": "rabbit"}],
    "services": [
      {"name": "compute", "transport": "broker:rabbit", "replicas": 4, "hosts": ["compute"],
       "methods": {"add": {"service_time": "1ms"}}},
      {"name": "network", "transport": "direct", "hosts": ["compute1"],
       "executor": {"kind": "threading", "workers": 8},
       "methods": {"ping": {"service_time": {"dist": "exponential", "mean": "2ms"}}}}
    ],
    "clients": [
      {"name": "api", "host": "client", "service": "compute", "method": "add",
       "arrival": {"kind": "poisson", "rate": 100}}
    ],
    "faults": [{"at": "5s", "action": "kill", "target": "compute-2"}],
    "variants": [{"name": "direct", "set": {"services[0].transport": "direct"}}]
  })");
}

// The message load_scenario() gives for `doc` read as "default.json", or a note that it loaded.
inline std::string error_of(const nlohmann::json& doc, const std::string& variant = "",
                            const std::vector<std::string>& overrides = {}) {
  try {
    load_scenario(doc, "default.json", variant, overrides);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}

// The message for JSON text `text` read as "default.json", from parsing or loading.
inline std::string error_of_text(const std::string& text) {
  try {
    load_scenario(parse_scenario_json(text, "default.json"), "default.json");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace buslab::testing
