#pragma once
// What the scenario's faults mean, whichever engine applies them: their order, and what each does at its time
// (kills and restarts reach a process as a local control frame, so that it is always the one to clean its own
// state; host and link faults change the network through the engine; scale-out adds replicas).
#include <vector>

#include "models/world/world.hpp"
#include "sim/deploy/deployment.hpp"
#include "sim/deploy/process_host.hpp"
#include "sim/scenario/scenario.hpp"

namespace buslab {

// The faults in the order they apply: by time, those at the same time in file order.
std::vector<FaultSpec> fault_schedule(const Scenario& scenario);

// When the last fault happens (0 when there is none): the run does not end before it.
double last_fault_time(const Scenario& scenario);

// Applies `fault` at time `now`.
void apply_fault(const FaultSpec& fault, double now, const Scenario& scenario, World& world, Deployment& deployment,
                 NetworkFaults& network);

}  // namespace buslab
