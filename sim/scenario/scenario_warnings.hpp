#pragma once
// What a valid scenario asks for that its author most likely did not mean, said on stderr before a run or by
// `validate` (never an error: the scenario runs as written).
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace buslab {

// A run simulates until max(duration, last fault) + drain at most; when that is far beyond the load (more than
// kFarFactor times `duration` and more than kFarSeconds past it), whatever repeats meanwhile (heartbeats, retries,
// timers) goes on for all that simulated time, which can take hours of wall time without a word.
inline constexpr double kFarFactor = 10.0;
inline constexpr double kFarSeconds = 3600.0;

// One sentence each, without the file name.
std::vector<std::string> scenario_warnings(const Scenario& scenario);

}  // namespace buslab
