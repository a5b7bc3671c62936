// `faults`: kills, restarts, host and link failures, and scale-out, at set times.
#include <fmt/format.h>

#include "sim/schema.hpp"
#include "sim/suggest.hpp"

namespace buslab {
namespace {

const std::map<std::string, FaultAction>& actions() {
  static const std::map<std::string, FaultAction> by_name = {
      {"kill", FaultAction::Kill},
      {"restart", FaultAction::Restart},
      {"host_down", FaultAction::HostDown},
      {"host_up", FaultAction::HostUp},
      {"link_down", FaultAction::LinkDown},
      {"link_up", FaultAction::LinkUp},
      {"add_replicas", FaultAction::AddReplicas},
  };
  return by_name;
}

std::vector<std::string> names_of(const std::vector<LinkSpec>& links) {
  std::vector<std::string> names;
  for (const auto& link : links) names.push_back(link.name);
  return names;
}

std::vector<std::string> names_of(const std::vector<ServiceSpec>& services) {
  std::vector<std::string> names;
  for (const auto& service : services) names.push_back(service.name);
  return names;
}

// Everything but the target of a kill or restart, which may be a replica added by another fault.
FaultSpec read_fault(const JsonReader& entry, const Scenario& scenario, const HostDirectory& hosts) {
  entry.expect_object({"at", "action", "target", "count", "hosts"});
  FaultSpec fault;
  fault.at = entry.field("at").time(JsonReader::Bound::AtLeastZero);
  const std::string action =
      entry.field("action").one_of({"kill", "restart", "host_down", "host_up", "link_down", "link_up", "add_replicas"});
  fault.action = actions().at(action);
  const JsonReader target = entry.field("target");
  switch (fault.action) {
    case FaultAction::Kill:
    case FaultAction::Restart:
      fault.target = target.string();  // resolved by resolve_kill_targets()
      break;
    case FaultAction::HostDown:
    case FaultAction::HostUp:
      fault.target = read_host(target, hosts);
      break;
    case FaultAction::LinkDown:
    case FaultAction::LinkUp:
      fault.target = target.reference(names_of(scenario.platform.links), "a link name from platform.links");
      break;
    case FaultAction::AddReplicas:
      fault.target = target.reference(names_of(scenario.services), "a service name");
      break;
  }
  if (fault.action == FaultAction::AddReplicas) {
    if (entry.field("count").present()) fault.count = entry.field("count").integer(1, kMaxInstances);
    if (entry.field("hosts").present()) fault.hosts = read_host_list(entry.field("hosts"), hosts);
  } else {
    entry.field("count").forbid(R"("count" only applies to "add_replicas")");
    entry.field("hosts").forbid(R"("hosts" only applies to "add_replicas")");
  }
  return fault;
}

// Checks each kill/restart target names a broker or a replica that exists by then: the service's own replicas
// plus those added by add_replicas faults before it (earlier `at`, or same `at` and earlier in the list).
void resolve_kill_targets(const std::vector<JsonReader>& entries, const std::vector<FaultSpec>& faults,
                          const Scenario& scenario) {
  for (size_t i = 0; i < faults.size(); ++i) {
    if (faults[i].action != FaultAction::Kill && faults[i].action != FaultAction::Restart) continue;
    std::vector<std::string> targets;
    for (const auto& service : scenario.services) {
      int replicas = service.replicas;
      for (size_t j = 0; j < faults.size(); ++j) {
        const bool before = faults[j].at < faults[i].at || (faults[j].at == faults[i].at && j < i);
        if (faults[j].action == FaultAction::AddReplicas && faults[j].target == service.name && before)
          replicas += faults[j].count;
      }
      for (auto& name : replica_names(service.name, replicas)) targets.push_back(std::move(name));
    }
    for (const auto& broker : scenario.brokers) targets.push_back(broker.name);
    entries[i].field("target").reference(targets, "a server replica or broker name");
  }
}

}  // namespace

std::vector<FaultSpec> read_faults(const JsonReader& faults, const Scenario& scenario, const HostDirectory& hosts) {
  std::vector<FaultSpec> out;
  if (!faults.present()) return out;
  const std::vector<JsonReader> entries = faults.items("a list of faults", false);
  for (const auto& entry : entries) out.push_back(read_fault(entry, scenario, hosts));
  resolve_kill_targets(entries, out, scenario);
  return out;
}

}  // namespace buslab
