#pragma once
// What the queueing engine cannot honour, refused before any run starts rather than simulated wrongly: shared
// links (their point is contention, which it does not model), link faults (there are no shared links to fail) and
// SimGrid's own options (--cfg: TCP model, solver, contexts; it has none of them). docs/engines.md lists what it
// models and what it leaves out.
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace buslab {

// One sentence per refusal, naming the JSON path (or the option), what it found and what to do instead; empty when
// the queueing engine can run the scenario.
std::vector<std::string> queueing_refusals(const Scenario& scenario, const std::vector<std::string>& simgrid_config);

}  // namespace buslab
