#pragma once
// A seeded nemesis (`faults.random`, docs/scenario.md): kills, restarts, host and link outages, hangs and broker
// crashes at random instants of a window, some at the very same instant, expanded into concrete faults when the
// scenario is loaded. The same spec, scenario and seed always give the same faults; the run only sees those, and
// the table's header prints them.
#include <string>
#include <vector>

#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/scenario.hpp"

namespace buslab {

// Reads `faults.random` of `scenario` (its processes, hosts, links and brokers already read), with the usual
// errors: each count within its bounds, restarts at most kills, a window and an outage length of two ordered
// times, and nothing asked for that the scenario does not have (a hang without a server...).
RandomFaultsSpec read_random_faults(const JsonReader& random, const Scenario& scenario);

// The faults `spec` stands for in `scenario`, in time order (same-instant faults in the order they were drawn).
std::vector<FaultSpec> expand_random_faults(const RandomFaultsSpec& spec, const Scenario& scenario);

// "1.25s kill svc-2", as a scenario file would say it.
std::string describe_fault(const FaultSpec& fault);

}  // namespace buslab
