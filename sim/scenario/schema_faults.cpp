// `faults`: kills, restarts, host and link failures, and scale-out, at set times.
#include <fmt/format.h>

#include "sim/scenario/random_faults.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/schema_table.hpp"
#include "sim/scenario/suggest.hpp"

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
      {"hang", FaultAction::Hang},
      {"resume", FaultAction::Resume},
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
  entry.expect_object(fault_table().keys());
  FaultSpec fault;
  fault.at = entry.field("at").time(JsonReader::Bound::AtLeastZero);
  const std::string action = entry.field("action").one_of(fault_table().choices("action"));
  fault.action = actions().at(action);
  const JsonReader target = entry.field("target");
  switch (fault.action) {
    case FaultAction::Kill:
    case FaultAction::Restart:
    case FaultAction::Hang:
    case FaultAction::Resume:
      fault.target = target.string();  // resolved by resolve_kill_target()
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
    fault.count = table_integer(entry, fault_table(), "count", fault.count);
    if (entry.field("hosts").present()) fault.hosts = read_host_list(entry.field("hosts"), hosts);
  } else {
    entry.field("count").forbid(R"("count" only applies to "add_replicas")");
    entry.field("hosts").forbid(R"("hosts" only applies to "add_replicas")");
  }
  return fault;
}

// Replicas `service` has when fault `i` happens: its own plus those added by add_replicas faults before it
// (earlier `at`, or the same `at` and earlier in the list).
int replicas_at(const ServiceSpec& service, const std::vector<FaultSpec>& faults, size_t i) {
  int replicas = service.replicas;
  for (size_t j = 0; j < faults.size(); ++j) {
    const bool before = faults[j].at < faults[i].at || (faults[j].at == faults[i].at && j < i);
    if (before && faults[j].action == FaultAction::AddReplicas && faults[j].target == service.name)
      replicas += faults[j].count;
  }
  return replicas;
}

// Checks that the target of kill/restart fault `i` names a broker or a replica that exists when it happens.
void resolve_kill_target(const JsonReader& entry, const std::vector<FaultSpec>& faults, size_t i,
                         const Scenario& scenario) {
  constexpr const char* kWhat = "a server replica, client instance or broker name";
  const std::string& name = faults[i].target;
  const bool servers_only = faults[i].action == FaultAction::Hang || faults[i].action == FaultAction::Resume;
  if (servers_only) {
    for (const auto& service : scenario.services) {
      const long index = replica_index(name, service);
      if (index >= 1 && index <= replicas_at(service, faults, i)) return;
    }
    std::vector<std::string> targets;
    for (const auto& service : scenario.services)
      for (auto& replica : replica_names(service, replicas_at(service, faults, i))) targets.push_back(replica);
    entry.field("target").reference(targets, "a server replica (only servers hang)");
  }
  if (scenario.find_broker(name) != nullptr) return;
  for (const auto& publisher : scenario.publishers) {
    const long index = replica_index(name, publisher.name);
    if (index >= 1 && index <= publisher.count) return;
  }
  for (const auto& consumer : scenario.consumers) {
    const long index = replica_index(name, consumer.name);
    if (index >= 1 && index <= consumer.count) return;
  }
  for (const auto& client : scenario.clients) {
    const long index = replica_index(name, client.name);
    if (index >= 1 && index <= client.count) return;
  }
  const JsonReader target = entry.field("target");
  for (const auto& service : scenario.services) {
    const long index = replica_index(name, service);
    if (index == 0) continue;
    const int replicas = replicas_at(service, faults, i);
    if (index <= replicas) return;
    target.fail(kWhat, fmt::format("service {} has replicas {} at {}", json_quoted(service.name),
                                   replica_range(service, replicas), render_found(&entry.field("at").value())));
  }
  // Not a replica name at all: list the candidates, for a hint.
  std::vector<std::string> targets;
  for (const auto& service : scenario.services)
    for (auto& replica : replica_names(service, replicas_at(service, faults, i))) targets.push_back(std::move(replica));
  for (const auto& broker : scenario.brokers) targets.push_back(broker.name);
  target.reference(targets, kWhat);
}

}  // namespace

namespace {

std::vector<FaultSpec> read_schedule(const JsonReader& faults, const Scenario& scenario, const HostDirectory& hosts,
                                     const std::string& expected) {
  std::vector<FaultSpec> out;
  if (!faults.present()) return out;
  const std::vector<JsonReader> entries = faults.items(expected, false);
  for (const auto& entry : entries) out.push_back(read_fault(entry, scenario, hosts));
  for (size_t i = 0; i < out.size(); ++i)
    if (out[i].action == FaultAction::Kill || out[i].action == FaultAction::Restart ||
        out[i].action == FaultAction::Hang || out[i].action == FaultAction::Resume)
      resolve_kill_target(entries[i], out, i, scenario);
  return out;
}

}  // namespace

void read_faults(const JsonReader& faults, Scenario& scenario, const HostDirectory& hosts) {
  if (!faults.present() || !faults.value().is_object()) {
    scenario.faults =
        read_schedule(faults, scenario, hosts, R"(a list of faults, or {"schedule": [...], "random": {...}})");
    return;
  }
  // {"schedule": [...], "random": {...}}: the faults at set times, then those a seeded nemesis draws.
  faults.expect_object(faults_table().keys());
  scenario.faults = read_schedule(faults.field("schedule"), scenario, hosts, "a list of faults");
  if (!faults.field("random").present()) return;
  RandomFaultsSpec random = read_random_faults(faults.field("random"), scenario);
  std::vector<FaultSpec> drawn = expand_random_faults(random, scenario);
  random.drawn = drawn.size();
  for (auto& fault : drawn) scenario.faults.push_back(std::move(fault));
  scenario.random_faults = random;
}

}  // namespace buslab
