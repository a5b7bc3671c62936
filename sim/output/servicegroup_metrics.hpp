#pragma once
// metrics.json's nova servicegroup sections (docs/metrics.md), computed after the run from the services table the
// models filled and the reader's clock (models/servicegroup/liveness.hpp):
// - `servicegroup`: one entry per service row (`<binary>@<host>`): its reports sent, written, late and failed, its
//   longest gap between heartbeats, its up/down transitions as the reader saw them, how long it was still shown up
//   after each death, and at each observed instant its elapsed and state;
// - `service_lists`: a `nova-manage service list` at each observed instant, row by row.
#include <nlohmann/json.hpp>

#include "models/world/world.hpp"
#include "sim/scenario/scenario.hpp"

namespace buslab {

// The name of an observed instant in metric paths and list titles: "60s", "92.5s".
std::string observed_name(double t);

nlohmann::ordered_json servicegroup_json(const Scenario& scenario, const World& world, double end);
nlohmann::ordered_json service_lists_json(const Scenario& scenario, const World& world);

}  // namespace buslab
