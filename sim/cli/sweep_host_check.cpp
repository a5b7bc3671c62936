#include "sim/cli/sweep_host_check.hpp"

#include <set>

#include <fmt/format.h>

namespace buslab::cli {

double HostSharingCheck::Placement::crowding() const {
  // Replicas per host, or per core when they outnumber the cores: the larger says how crowded it is.
  const double per_host = hosts ? static_cast<double>(replicas) / static_cast<double>(hosts) : 0;
  const double per_core = cores ? static_cast<double>(replicas) / static_cast<double>(cores) : 0;
  return std::max(per_host, per_core);
}

void HostSharingCheck::add(size_t point, const Scenario& scenario) {
  // The platform.hosts entry of each host group, in file order.
  std::map<std::string, int> entry_of_group;
  std::map<std::string, const HostSpec*> host;
  for (const auto& h : scenario.platform.hosts) {
    entry_of_group.try_emplace(h.group, static_cast<int>(entry_of_group.size()));
    host[h.name] = &h;
  }
  for (size_t s = 0; s < scenario.services.size(); ++s) {
    const ServiceSpec& service = scenario.services[s];
    Placement p;
    p.point = point;
    p.replicas = service.replicas;
    std::set<std::string> used, groups;
    for (size_t r = 0; r < static_cast<size_t>(service.replicas) && !service.hosts.empty(); ++r)
      used.insert(service.hosts[r % service.hosts.size()]);
    for (const auto& name : used) {
      const auto it = host.find(name);
      if (it == host.end()) continue;
      p.cores += it->second->cores;
      groups.insert(it->second->group);
    }
    p.hosts = used.size();
    std::set<std::string> all_groups;
    for (const auto& name : service.hosts)
      if (host.count(name)) all_groups.insert(host[name]->group);
    if (all_groups.size() == 1) p.host_entry = entry_of_group.at(*all_groups.begin());
    Seen& seen = services_[service.name];
    seen.index = s;
    const bool crowded = p.replicas > static_cast<int>(p.hosts) || p.replicas > p.cores;
    (crowded ? seen.crowded : seen.spread) = true;
    if (crowded && p.crowding() > seen.worst.crowding()) seen.worst = p;
  }
}

std::vector<std::string> HostSharingCheck::warnings(const SweepDefinition& sweep) const {
  std::vector<std::string> out;
  for (const auto& [name, seen] : services_) {
    if (!seen.crowded || !seen.spread) continue;  // the same at every point: the scenario's own choice
    const Placement& p = seen.worst;
    std::string text = fmt::format(
        "buslab sweep: warning: service {}'s replicas share hosts at some points and not at others: at {}, {} "
        "replicas run on {} host{} ({} core{} in all)",
        name, sweep.point_label(p.point), p.replicas, p.hosts, p.hosts == 1 ? "" : "s", p.cores,
        p.cores == 1 ? "" : "s");
    const std::string replicas = fmt::format("services[{}].replicas", seen.index);
    bool swept = false;
    for (const auto& param : sweep.params) swept = swept || param.path == replicas;
    if (swept && p.host_entry >= 0)
      text += fmt::format(
          "; to give each replica a host of its own, link the host count: --link platform.hosts[{}].count={}",
          p.host_entry, replicas);
    out.push_back(text + " (docs/analysis.md, \"Linked parameters\")");
  }
  return out;
}

}  // namespace buslab::cli
