#pragma once
// The section readers of the scenario loader, one file each (schema_*.cpp). They fill `scenario` in order:
// platform, brokers, services, clients, faults, each able to check references to the sections before it.
#include <map>
#include <string>
#include <vector>

#include "sim/json_reader.hpp"
#include "sim/scenario.hpp"

namespace buslab {

struct SchemaContext {
  Scenario& scenario;
  std::map<std::string, std::vector<std::string>> groups;  // host or group name -> host names

  // A host or group name -> its hosts; fails naming `v` otherwise.
  const std::vector<std::string>& hosts_of(const JsonValue& v) const;
  // A list of host or group names -> hosts, in order, each once.
  std::vector<std::string> hosts_of_list(const JsonValue& v) const;
};

void read_platform(SchemaContext& ctx, const JsonValue& v);
void read_brokers(SchemaContext& ctx, const JsonValue& v);
void read_services(SchemaContext& ctx, const JsonValue& v);
void read_clients(SchemaContext& ctx, const JsonValue& v);
void read_faults(SchemaContext& ctx, const JsonValue& v);

// Fails at `v` if `name` was already seen among `seen`; otherwise remembers it.
void check_unique(std::vector<std::string>& seen, const std::string& name, const JsonValue& v, const char* what);

}  // namespace buslab
