#include <algorithm>

#include <fmt/format.h>

#include "sim/schema_sections.hpp"

namespace buslab {

namespace {

// Every process name a kill or restart may target: server replicas and brokers.
std::vector<std::string> process_names(const Scenario& scenario) {
  std::vector<std::string> names;
  for (const auto& s : scenario.services)
    for (int i = 1; i <= s.replicas; ++i) names.push_back(replica_name(s.name, i));
  for (const auto& b : scenario.brokers) names.push_back(b.name);
  for (const auto& c : scenario.clients)
    for (int i = 1; i <= c.count; ++i) names.push_back(c.name + "-" + std::to_string(i));
  return names;
}

}  // namespace

void read_faults(SchemaContext& ctx, const JsonValue& v) {
  const Scenario& scenario = ctx.scenario;
  for (const JsonValue& item : v.list()) {
    FieldReader fields(item);
    FaultSpec spec;
    spec.at = fields.required("at").time(0.0);
    const std::string action = fields.required("action").choice(
        {"kill", "restart", "host_down", "host_up", "link_down", "link_up", "add_replicas"});
    const JsonValue target = fields.required("target");
    if (action == "kill" || action == "restart") {
      spec.action = action == "kill" ? FaultAction::Kill : FaultAction::Restart;
      const std::vector<std::string> names = process_names(scenario);
      spec.target = target.string();
      if (std::find(names.begin(), names.end(), spec.target) == names.end()) {
        if (auto hint = closest(spec.target, names))
          target.fail_message(
              fmt::format("expected a process, found \"{}\"; did you mean \"{}\"?", spec.target, *hint));
        target.fail("a server replica (like \"" + names.front() + "\"), a client instance or a broker");
      }
    } else if (action == "host_down" || action == "host_up") {
      spec.action = action == "host_down" ? FaultAction::HostDown : FaultAction::HostUp;
      std::vector<std::string> hosts;
      for (const auto& h : scenario.platform.hosts) hosts.push_back(h.name);
      spec.target = target.choice(hosts);
    } else if (action == "link_down" || action == "link_up") {
      spec.action = action == "link_down" ? FaultAction::LinkDown : FaultAction::LinkUp;
      std::vector<std::string> links;
      for (const auto& l : scenario.platform.links) links.push_back(l.name);
      if (links.empty()) target.fail_message("no links to cut: declare them in platform.links");
      spec.target = target.choice(links);
    } else {
      spec.action = FaultAction::AddReplicas;
      std::vector<std::string> services;
      for (const auto& s : scenario.services) services.push_back(s.name);
      spec.target = target.choice(services);
      if (auto c = fields.field("count"); c.present()) spec.count = static_cast<int>(c.integer(1, 100000));
      if (auto h = fields.field("hosts"); h.present()) spec.hosts = ctx.hosts_of_list(h);
    }
    fields.finish();
    ctx.scenario.faults.push_back(spec);
  }
}

}  // namespace buslab
