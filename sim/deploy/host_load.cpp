#include "sim/deploy/host_load.hpp"

#include <algorithm>

namespace buslab {

namespace {

// `count` instances placed round-robin on `hosts`.
void place(std::map<std::string, int>& on_host, const std::vector<std::string>& hosts, int count) {
  for (int i = 0; i < count && !hosts.empty(); ++i) ++on_host[hosts[static_cast<size_t>(i) % hosts.size()]];
}

}  // namespace

std::map<std::string, int> processes_per_host(const Scenario& scenario) {
  std::map<std::string, int> on_host;
  for (const auto& host : scenario.platform.hosts) on_host[host.name] = 0;
  for (const auto& broker : scenario.brokers) ++on_host[broker.host];
  for (const auto& service : scenario.services) place(on_host, service.hosts, service.replicas);
  for (const auto& client : scenario.clients) place(on_host, client.hosts, client.count);
  for (const auto& publisher : scenario.publishers) place(on_host, publisher.hosts, publisher.count);
  for (const auto& consumer : scenario.consumers) place(on_host, consumer.hosts, consumer.count);
  for (const auto& member : scenario.servicegroup.members)
    if (member.service.empty()) place(on_host, member.hosts, static_cast<int>(member.hosts.size()));
  return on_host;
}

bool scale_out_may_reach(const Scenario& scenario, const std::string& host) {
  for (const auto& fault : scenario.faults) {
    if (fault.action != FaultAction::AddReplicas) continue;
    const ServiceSpec* service = scenario.find_service(fault.target);
    const std::vector<std::string>& hosts = fault.hosts.empty() && service ? service->hosts : fault.hosts;
    if (std::find(hosts.begin(), hosts.end(), host) != hosts.end()) return true;
  }
  return false;
}

std::map<std::string, ContentionFactors> host_contention(const Scenario& scenario) {
  const std::map<std::string, int> on_host = processes_per_host(scenario);
  std::map<std::string, ContentionFactors> factors;
  for (const auto& host : scenario.platform.hosts)
    factors[host.name] = contention_factors(scenario.profile.contention, on_host.at(host.name), host.cores);
  return factors;
}

}  // namespace buslab
