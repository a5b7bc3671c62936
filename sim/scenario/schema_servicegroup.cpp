// `servicegroup`: nova's service group (DB driver): which services report their state, how, how often, and when
// a `nova-manage service list` is printed (docs/servicegroup.md).
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "sim/scenario/schema.hpp"
#include "sim/scenario/schema_table.hpp"
#include "sim/scenario/suggest.hpp"
#include "sim/scenario/wall_time.hpp"

namespace buslab {
namespace {

bool read_flag(const JsonReader& field) {
  if (!field.present()) return false;
  if (!field.value().is_boolean()) field.fail("true or false");
  return field.value().get<bool>();
}

bool has_method(const ServiceSpec& service, const std::string& method) {
  const auto names = method_names_of(service);
  return std::find(names.begin(), names.end(), method) != names.end();
}

ServiceGroupMember read_member(const JsonReader& entry, const Scenario& scenario, const HostDirectory& hosts) {
  entry.expect_object(servicegroup_member_table().keys());
  ServiceGroupMember m;
  m.binary = entry.field("binary").name();
  const JsonReader service = entry.field("service");
  const JsonReader on_hosts = entry.field("hosts");
  if (service.present()) {
    on_hosts.forbid("hosts is for processes that only report; a service's replicas report from their own hosts");
    m.service = service.reference(service_names_of(scenario.services), "a service name");
    const ServiceSpec& spec = *scenario.find_service(m.service);
    std::set<std::string> distinct(spec.hosts.begin(), spec.hosts.end());
    if (static_cast<size_t>(spec.replicas) > distinct.size())
      service.fail("a service with at most one replica per host (nova lists a service by binary and host)",
                   fmt::format("{} has {} replicas on {} host{}", json_quoted(m.service), spec.replicas,
                               distinct.size(), distinct.size() == 1 ? "" : "s"));
  } else if (on_hosts.present()) {
    m.hosts = read_host_list(on_hosts, hosts);
  } else {
    entry.fail_message(
        "expected \"service\" (an RPC service whose replicas report) or \"hosts\" (processes that only report), "
        "found neither");
  }
  const bool compute = m.binary == "nova-compute";
  const JsonReader report = entry.field("report");
  m.via_conductor = report.present() ? report.one_of(servicegroup_member_table().choices("report")) == "conductor"
                                     : compute && !m.service.empty();
  if (m.via_conductor && m.service.empty())
    report.fail("\"database\" for processes that only report (they have no RPC client; name a service to call)");
  if (entry.field("conductor").present() && !m.via_conductor)
    entry.field("conductor").forbid("conductor only applies to report \"conductor\"");
  if (m.via_conductor) {
    const JsonReader conductor = entry.field("conductor");
    if (conductor.present()) {
      m.conductor = conductor.reference(service_names_of(scenario.services), "a service name");
    } else if (scenario.find_service("conductor")) {
      m.conductor = "conductor";
    } else {
      entry.fail_message(fmt::format(
          "expected \"conductor\": the service a {} report calls (no service is named \"conductor\")", m.binary));
    }
    if (!has_method(*scenario.find_service(m.conductor), "object_action")) {
      const JsonReader where = conductor.present() ? conductor : entry.field("binary");
      where.fail(fmt::format("a conductor with an object_action method (the call a {} report makes)", m.binary),
                 fmt::format("service {} has none", json_quoted(m.conductor)));
    }
  }
  m.zone = entry.field("zone").present() ? entry.field("zone").string() : (compute ? "nova" : "internal");
  m.disabled = read_flag(entry.field("disabled"));
  m.forced_down = read_flag(entry.field("forced_down"));
  if (entry.field("join").present()) m.join = entry.field("join").time(JsonReader::Bound::AtLeastZero);
  return m;
}

// The hosts a member's processes run on, in replica (or list) order.
std::vector<std::string> member_hosts(const ServiceGroupMember& m, const Scenario& scenario) {
  if (m.service.empty()) return m.hosts;
  const ServiceSpec& spec = *scenario.find_service(m.service);
  std::vector<std::string> out;
  for (int i = 0; i < spec.replicas; ++i) out.push_back(spec.hosts[static_cast<size_t>(i) % spec.hosts.size()]);
  return out;
}

}  // namespace

ServiceGroupSpec read_servicegroup(const JsonReader& group, const Scenario& scenario, const HostDirectory& hosts) {
  ServiceGroupSpec out;
  if (!group.present()) return out;
  out.declared = true;
  group.expect_object(servicegroup_table().keys());
  if (group.field("report_interval").present())
    out.report_interval = group.field("report_interval").time(JsonReader::Bound::AboveZero);
  if (group.field("service_down_time").present())
    out.service_down_time = group.field("service_down_time").time(JsonReader::Bound::AboveZero);
  if (group.field("report_timeout").present())
    out.report_timeout = group.field("report_timeout").time(JsonReader::Bound::AboveZero);
  const JsonReader database = group.field("database");
  if (database.present()) {
    database.expect_object(servicegroup_database_table().keys());
    if (database.field("query_time").present())
      out.query_time = database.field("query_time").time(JsonReader::Bound::AtLeastZero);
    if (database.field("precision").present())
      out.precision = database.field("precision").time(JsonReader::Bound::AtLeastZero);
  }
  out.reader =
      group.field("reader").present() ? read_host(group.field("reader"), hosts) : scenario.platform.hosts.front().name;
  if (group.field("epoch").present()) {
    out.epoch = group.field("epoch").string();
    if (!parse_wall_time(out.epoch)) group.field("epoch").fail("a UTC date and time \"YYYY-MM-DD HH:MM:SS\"");
  }
  out.epoch_seconds = *parse_wall_time(out.epoch);
  if (group.field("observe").present())
    for (const auto& at : group.field("observe").items("a list of times, like [\"60s\"]", false)) {
      const double t = at.time(JsonReader::Bound::AtLeastZero);
      if (t > scenario.duration)
        at.fail(fmt::format("a time within the run's load (duration {:g} s): the run may end soon after",
                            scenario.duration));
      out.observe.push_back(t);
    }
  std::sort(out.observe.begin(), out.observe.end());
  out.observe.erase(std::unique(out.observe.begin(), out.observe.end()), out.observe.end());
  std::map<std::string, std::string> rows;  // "binary@host" -> the entry that lists it
  for (const auto& entry : group.field("services").items("a non-empty list of services", true)) {
    out.members.push_back(read_member(entry, scenario, hosts));
    for (const auto& host : member_hosts(out.members.back(), scenario)) {
      const std::string key = out.members.back().binary + "@" + host;
      const auto [it, added] = rows.emplace(key, entry.path());
      if (!added)
        entry.field("binary").fail("each binary once per host (nova lists a service by binary and host)",
                                   fmt::format("{} already puts {} on {}", it->second,
                                               json_quoted(out.members.back().binary), json_quoted(host)));
    }
  }
  return out;
}

}  // namespace buslab
