#pragma once
// One line saying what a scenario, as resolved after its variant and every override, will run: its load, its
// servers, how long. `buslab run` prints it when overrides were given, in place of the file's own description,
// whose figures ("for 10 s") describe the file as written and may no longer hold.
#include <string>

#include "sim/scenario/scenario.hpp"

namespace buslab {

// "clients api: 16 x Poisson 75/s (1,200/s in all); servers compute x4; 1000 s of load, then up to 60 s to
// drain; 2 faults".
std::string scenario_summary(const Scenario& scenario);

}  // namespace buslab
