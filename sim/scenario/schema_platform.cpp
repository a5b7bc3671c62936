// `platform`: hosts (with groups stamped out by `count`), the network defaults, and extra shared links.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "sim/scenario/schema.hpp"
#include "sim/scenario/schema_table.hpp"
#include "sim/scenario/suggest.hpp"

namespace buslab {

std::string HostDirectory::declare(const std::string& name, std::vector<std::string> hosts,
                                   const std::string& declared_at) {
  const auto it = entries_.find(name);
  if (it != entries_.end()) return it->second.declared_at;
  const bool is_host = hosts.size() == 1 && hosts[0] == name;
  entries_.emplace(name, Entry{std::move(hosts), declared_at});
  names_.push_back(name);
  if (is_host) host_names_.push_back(name);
  return "";
}

const std::vector<std::string>* HostDirectory::hosts_of(const std::string& name) const {
  const auto it = entries_.find(name);
  return it == entries_.end() ? nullptr : &it->second.hosts;
}

namespace {

struct NetworkDefaults {
  double latency = 50e-6;
  double bandwidth = 1.25e9;  // 10Gbps
  std::string model = "CM02";
};

NetworkDefaults read_network(const JsonReader& network) {
  NetworkDefaults out;
  if (!network.present()) return out;
  network.expect_object(network_table().keys());
  if (network.field("latency").present()) out.latency = network.field("latency").time(JsonReader::Bound::AtLeastZero);
  if (network.field("bandwidth").present()) out.bandwidth = network.field("bandwidth").bandwidth();
  if (network.field("model").present()) out.model = network.field("model").one_of(network_table().choices("model"));
  return out;
}

ClockSpec read_clock(const JsonReader& clock) {
  ClockSpec out;
  if (!clock.present()) return out;
  clock.expect_object(clock_table().keys());
  if (clock.field("offset").present()) out.offset = clock.field("offset").signed_time();
  if (clock.field("drift_ppm").present()) {
    const JsonReader drift = clock.field("drift_ppm");
    const FieldSpec& f = clock_table().field("drift_ppm");
    if (!drift.value().is_number() || drift.value().get<double>() < *f.minimum ||
        drift.value().get<double>() > *f.maximum)
      drift.fail("a drift in ppm from -100000 to 100000 (a clock gaining 50 us a second: 50)");
    out.drift_ppm = drift.value().get<double>();
  }
  if (clock.field("ntp_interval").present())
    out.ntp_interval = clock.field("ntp_interval").time(JsonReader::Bound::AboveZero);
  return out;
}

// One entry of platform.hosts: a host, or with `count` a group of hosts `name1..nameN`.
void read_host_entry(const JsonReader& entry, const NetworkDefaults& network, std::vector<HostSpec>& out,
                     HostDirectory& directory) {
  entry.expect_object(host_table().keys());
  const JsonReader name_field = entry.field("name");
  const std::string name = name_field.name();
  HostSpec spec;
  spec.group = name;
  spec.cores = table_integer(entry, host_table(), "cores", spec.cores);
  if (entry.field("speed").present()) spec.speed = entry.field("speed").cpu_speed();
  spec.latency = network.latency;
  if (entry.field("latency").present()) spec.latency = entry.field("latency").time(JsonReader::Bound::AtLeastZero);
  spec.bandwidth = network.bandwidth;
  if (entry.field("bandwidth").present()) spec.bandwidth = entry.field("bandwidth").bandwidth();
  spec.clock = read_clock(entry.field("clock"));

  std::vector<std::string> members{name};
  if (entry.field("count").present()) {
    const int count = table_integer(entry, host_table(), "count");
    members.clear();
    for (int i = 1; i <= count; ++i) members.push_back(name + std::to_string(i));
  }
  const bool is_group = entry.field("count").present();
  if (const std::string taken = directory.declare(name, members, entry.path()); !taken.empty())
    name_field.fail("a unique host or group name", taken + " already has it");
  if (is_group) {
    for (const auto& member : members) {
      if (const std::string taken = directory.declare(member, {member}, entry.path()); !taken.empty())
        name_field.fail("a unique host or group name",
                        fmt::format("its host {} is already declared by {}", json_quoted(member), taken));
    }
  }
  for (const auto& member : members) {
    spec.name = member;
    out.push_back(spec);
  }
}

LinkSpec read_link(const JsonReader& entry, const HostDirectory& hosts) {
  entry.expect_object(link_table().keys());
  LinkSpec link;
  link.name = entry.field("name").name();
  link.latency = entry.field("latency").time(JsonReader::Bound::AtLeastZero);
  link.bandwidth = entry.field("bandwidth").bandwidth();
  link.hosts = read_host_list(entry.field("hosts"), hosts);
  return link;
}

}  // namespace

PlatformSpec read_platform(const JsonReader& platform, HostDirectory& hosts) {
  platform.expect_object(platform_table().keys());
  PlatformSpec out;
  const NetworkDefaults network = read_network(platform.field("network"));
  out.network_model = network.model;
  for (const auto& entry : platform.field("hosts").items("a non-empty list of hosts", true))
    read_host_entry(entry, network, out.hosts, hosts);

  const JsonReader links = platform.field("links");
  if (links.present()) {
    UniqueNames names("link");
    for (const auto& entry : links.items("a list of links", false)) {
      out.links.push_back(read_link(entry, hosts));
      names.claim(entry.field("name"), out.links.back().name, entry.path());
    }
  }
  return out;
}

std::vector<std::string> read_host_or_group(const JsonReader& name, const HostDirectory& hosts) {
  return *hosts.hosts_of(name.reference(hosts.names(), "a host or group name"));
}

std::vector<std::string> read_host_list(const JsonReader& list, const HostDirectory& hosts) {
  std::vector<std::string> out;
  std::map<std::string, std::string> listed_by;  // host -> the list element that brought it
  for (const auto& element : list.items("a non-empty list of host or group names, like [\"compute\"]", true)) {
    for (const auto& host : read_host_or_group(element, hosts)) {
      const auto [it, inserted] = listed_by.emplace(host, element.path());
      if (!inserted)
        element.fail("hosts not listed already", fmt::format("{} already includes {}", it->second, json_quoted(host)));
      out.push_back(host);
    }
  }
  return out;
}

std::string read_host(const JsonReader& name, const HostDirectory& hosts) {
  return name.reference(hosts.host_names(), "a host name");
}

}  // namespace buslab
