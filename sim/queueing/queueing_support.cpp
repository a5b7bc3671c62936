#include "sim/queueing/queueing_support.hpp"

#include <fmt/format.h>

namespace buslab {

std::vector<std::string> queueing_refusals(const Scenario& scenario, const std::vector<std::string>& simgrid_config) {
  std::vector<std::string> refusals;
  const std::string where = scenario.variant.empty() ? "" : fmt::format(" (variant {})", scenario.variant);
  for (size_t i = 0; i < scenario.platform.links.size(); ++i)
    refusals.push_back(fmt::format(
        "platform.links[{}]{}: the queueing engine does not share bandwidth, and a shared link is there to be "
        "shared; found link \"{}\" (expected none with --engine queueing: run it with --engine simgrid)",
        i, where, scenario.platform.links[i].name));
  for (size_t i = 0; i < scenario.faults.size(); ++i) {
    const FaultAction action = scenario.faults[i].action;
    if (action == FaultAction::LinkDown || action == FaultAction::LinkUp)
      refusals.push_back(fmt::format(
          "faults[{}].action{}: the queueing engine has no shared links to fail; found \"{}\" (expected kill, "
          "restart, host_down, host_up, hang, resume or add_replicas with --engine queueing)",
          i, where, fault_action_name(action)));
  }
  for (const auto& option : simgrid_config)
    refusals.push_back(fmt::format(
        "--cfg {}: SimGrid's options (TCP model, solver, contexts) do not apply to the queueing engine, which has "
        "none of them (expected no --cfg with --engine queueing)",
        option));
  return refusals;
}

}  // namespace buslab
