#pragma once
// The built-in default scenario: `buslab run` with no file runs it.

namespace buslab {

// Its JSON text, a valid scenario file (docs/scenario.md).
const char* default_scenario_json();
// The name used in messages about it.
inline constexpr const char* kDefaultScenarioSource = "<builtin default>";

}  // namespace buslab
