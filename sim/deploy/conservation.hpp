#pragma once
// The end-of-run conservation check. The ledger gives every message one fate or one place; here those places
// are compared with what the processes actually hold, two independent bookkeepings that must agree.
#include <string>
#include <vector>

#include "models/world/world.hpp"
#include "sim/deploy/deployment.hpp"

namespace buslab {

// The disagreements found, each a sentence; empty when all is accounted for.
std::vector<std::string> check_conservation(const World& world, const Deployment& deployment);

}  // namespace buslab
