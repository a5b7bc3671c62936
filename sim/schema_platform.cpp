#include <algorithm>

#include <fmt/format.h>

#include "sim/schema_sections.hpp"

namespace buslab {

void check_unique(std::vector<std::string>& seen, const std::string& name, const JsonValue& v, const char* what) {
  if (std::find(seen.begin(), seen.end(), name) != seen.end())
    v.fail_message(fmt::format("expected a unique {} name, found \"{}\" a second time", what, name));
  seen.push_back(name);
}

const std::vector<std::string>& SchemaContext::hosts_of(const JsonValue& v) const {
  const std::string name = v.string();
  auto it = groups.find(name);
  if (it != groups.end()) return it->second;
  std::vector<std::string> known;
  for (const auto& [k, members] : groups) known.push_back(k);
  if (auto hint = closest(name, known))
    v.fail_message(fmt::format("expected a host or host group, found \"{}\"; did you mean \"{}\"?", name, *hint));
  v.fail("a host or host group declared in platform.hosts");
}

std::vector<std::string> SchemaContext::hosts_of_list(const JsonValue& v) const {
  std::vector<std::string> hosts;
  for (const JsonValue& item : v.list(1))
    for (const auto& h : hosts_of(item))
      if (std::find(hosts.begin(), hosts.end(), h) == hosts.end()) hosts.push_back(h);
  return hosts;
}

void read_platform(SchemaContext& ctx, const JsonValue& v) {
  PlatformSpec& platform = ctx.scenario.platform;
  FieldReader fields(v);
  double latency = 50e-6, bandwidth = 1.25e9;
  if (JsonValue network = fields.field("network"); network.present()) {
    FieldReader net(network);
    if (auto l = net.field("latency"); l.present()) latency = l.time(0.0);
    if (auto b = net.field("bandwidth"); b.present()) bandwidth = b.bandwidth();
    if (auto m = net.field("model"); m.present()) platform.network_model = m.choice({"CM02", "LV08"});
    net.finish();
  }

  std::vector<std::string> names;  // hosts and groups share one namespace
  for (const JsonValue& item : fields.required("hosts").list(1)) {
    FieldReader host(item);
    const JsonValue name_field = host.required("name");
    const std::string name = name_field.name();
    HostSpec spec;
    spec.group = name;
    if (auto c = host.field("cores"); c.present()) spec.cores = static_cast<int>(c.integer(1, 1024));
    if (auto s = host.field("speed"); s.present()) spec.speed = s.speed();
    spec.latency = latency;
    spec.bandwidth = bandwidth;
    if (auto l = host.field("latency"); l.present()) spec.latency = l.time(0.0);
    if (auto b = host.field("bandwidth"); b.present()) spec.bandwidth = b.bandwidth();
    int count = 0;
    if (auto n = host.field("count"); n.present()) count = static_cast<int>(n.integer(1, 100000));
    host.finish();
    check_unique(names, name, name_field, "host");
    std::vector<std::string>& members = ctx.groups[name];
    if (count == 0) {
      spec.name = name;
      platform.hosts.push_back(spec);
      members.push_back(name);
      continue;
    }
    for (int i = 1; i <= count; ++i) {
      spec.name = name + std::to_string(i);
      check_unique(names, spec.name, name_field, "host");
      platform.hosts.push_back(spec);
      members.push_back(spec.name);
      ctx.groups[spec.name] = {spec.name};
    }
  }

  if (JsonValue links = fields.field("links"); links.present()) {
    std::vector<std::string> link_names;
    for (const JsonValue& item : links.list()) {
      FieldReader link(item);
      LinkSpec spec;
      const JsonValue name_field = link.required("name");
      spec.name = name_field.name();
      check_unique(link_names, spec.name, name_field, "link");
      spec.latency = link.required("latency").time(0.0);
      spec.bandwidth = link.required("bandwidth").bandwidth();
      spec.hosts = ctx.hosts_of_list(link.required("hosts"));
      link.finish();
      platform.links.push_back(spec);
    }
  }
  fields.finish();
}

}  // namespace buslab
