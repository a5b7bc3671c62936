#pragma once
// metrics.json's `methods` (docs/metrics.md): every method called in the run, clients' calls and those servers made
// while handling others, each apart, with the end-to-end time of root calls' whole trees (call lineage,
// models/accounting/call_lineage.hpp). Written when the run made nested calls.
#include <nlohmann/json.hpp>

#include "models/world/world.hpp"

namespace buslab {

nlohmann::ordered_json methods_json(const World& world);

}  // namespace buslab
