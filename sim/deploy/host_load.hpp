#pragma once
// How many processes a scenario deploys on each host, and the contention factors that gives them
// (models/core/contention.hpp, docs/profiles.md `contention`). What counts: every process the scenario places on
// the host at its start, running or not at a given instant: each broker, each server replica (also of a service
// that starts later), each client, publisher and consumer instance, each servicegroup reporter. Replicas added
// during the run (`add_replicas`) are not counted; they take their host's factors as deployed. Static per
// deployment, so that a run's costs do not depend on the order processes die or restart in.
#include <map>
#include <string>

#include "models/core/contention.hpp"
#include "sim/scenario/scenario.hpp"

namespace buslab {

std::map<std::string, int> processes_per_host(const Scenario& scenario);

// Whether a scale-out (add_replicas) may add a replica to `host` during the run, by name or through its service's
// hosts.
bool scale_out_may_reach(const Scenario& scenario, const std::string& host);

// Every host's factors under the scenario's profile.
std::map<std::string, ContentionFactors> host_contention(const Scenario& scenario);

}  // namespace buslab
