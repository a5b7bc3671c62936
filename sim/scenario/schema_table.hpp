#pragma once
// The scenario format as data: for every object of a scenario file, its keys, each with its kind of value, unit,
// default, choices and meaning. One source of truth for two readers: the validator (schema_*.cpp) takes the keys
// an object may have and the choices of an enum from here, and `buslab schema` turns the same tables into a JSON
// Schema (schema_json.hpp) for editors. docs/scenario.md says more about each field.
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/json_reader.hpp"

namespace buslab {

struct ObjectTable;

enum class ValueKind {
  String,  // any string
  Name,    // a non-empty name without "/"
  Boolean,
  Integer,           // with minimum/maximum when given
  Number,            // a JSON number, with minimum/maximum when given
  Time,              // "2ms": s, ms, us, ns, min, h
  SignedTime,        // a time that may be negative: "-37.74s"
  Size,              // an integer of bytes, or "4KiB"
  Bandwidth,         // "1Gbps", "125MBps"
  CpuSpeed,          // "10Gf"
  Work,              // "50kf", or a time on one core
  TimeDistribution,  // a time, or {"dist": ...}
  SizeDistribution,  // a size, or {"dist": ...}
  Object,            // `object`
  ObjectList,        // a list of `object`
  ObjectListOr,      // a list of `object`, or one `alternative` object (faults: a schedule, or {schedule, random})
  ObjectMap,         // names to `object` (a service's methods)
  StringList,        // a list of strings (host or group names, ...)
  StringOrList,      // a string, or a list of strings (a routing key)
  StringMap,         // names to strings (headers, binding arguments)
  AnyMap,            // names to any JSON value (a variant's overrides)
  StringOrObject,    // a string (a name), or `object`
};

struct FieldSpec {
  std::string key;
  ValueKind kind = ValueKind::String;
  std::string description;
  std::string default_text;  // as docs/scenario.md says it ("\"60s\"", "1"); empty: none
  bool required = false;
  std::vector<std::string> choices;  // an enum of strings
  std::optional<double> minimum, maximum;
  bool minimum_exclusive = false;            // the value must be above `minimum`, not at it
  const ObjectTable* object = nullptr;       // Object, ObjectList, ObjectListOr, ObjectMap
  const ObjectTable* alternative = nullptr;  // ObjectListOr
};

struct ObjectTable {
  std::string id;           // the $defs name in the JSON Schema: "client", "broker_queue"
  std::string description;  // what one such object is
  std::vector<FieldSpec> fields;

  // The keys, in order: what JsonReader::expect_object allows.
  std::vector<std::string> keys() const;
  // The field named `key` (it must exist: a typo in the code is a bug, caught by the tests).
  const FieldSpec& field(const std::string& key) const;
  // The choices of the enum field `key`.
  const std::vector<std::string>& choices(const std::string& key) const;
};

// The integer `object.key`, within the bounds its row in `table` states: the validator keeps no bounds of its own,
// so the JSON Schema (made from the same row) and `buslab validate` cannot disagree. The first fails when the field
// is absent; the second returns `absent` then.
int table_integer(const JsonReader& object, const ObjectTable& table, const std::string& key);
int table_integer(const JsonReader& object, const ObjectTable& table, const std::string& key, int absent);

// The top level of a scenario file; every other table is reachable from it.
const ObjectTable& scenario_table();

// The tables the section readers use.
const ObjectTable& network_table();
const ObjectTable& clock_table();
const ObjectTable& host_table();
const ObjectTable& link_table();
const ObjectTable& platform_table();
const ObjectTable& broker_cost_table();
const ObjectTable& broker_disk_table();
const ObjectTable& exchange_table();
const ObjectTable& queue_binding_table();
const ObjectTable& queue_table();
const ObjectTable& exchange_binding_table();
const ObjectTable& broker_table();
const ObjectTable& executor_table();
const ObjectTable& method_table();
const ObjectTable& endpoint_table();
const ObjectTable& service_table();
const ObjectTable& arrival_table();
const ObjectTable& step_table();
const ObjectTable& client_table();
const ObjectTable& publisher_table();
const ObjectTable& reject_table();
const ObjectTable& consumer_table();
const ObjectTable& notifier_table();
const ObjectTable& listener_table();
const ObjectTable& fault_table();
const ObjectTable& servicegroup_database_table();
const ObjectTable& servicegroup_member_table();
const ObjectTable& servicegroup_table();
const ObjectTable& faults_table();
const ObjectTable& random_faults_table();
const ObjectTable& variant_table();
const ObjectTable& distribution_table();
const ObjectTable& software_cost_table();
const ObjectTable& profile_client_table();
const ObjectTable& profile_server_table();
const ObjectTable& profile_broker_table();
const ObjectTable& profile_codec_table();
const ObjectTable& profile_codecs_table();
const ObjectTable& profile_stack_table();
const ObjectTable& profile_direct_table();
const ObjectTable& profile_costs_table();
const ObjectTable& profile_contention_law_table();
const ObjectTable& profile_contention_table();
const ObjectTable& profile_table();

}  // namespace buslab
