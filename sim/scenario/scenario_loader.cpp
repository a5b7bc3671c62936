// Scenario loading: variant and command-line overrides, then the top level, then each section in order.
#include "sim/scenario/scenario_loader.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/overrides.hpp"
#include "sim/scenario/profile_reader.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/schema_table.hpp"
#include "sim/scenario/suggest.hpp"

namespace buslab {
namespace {

using nlohmann::json;

JsonReader document_root(const json& doc, const std::string& source) {
  JsonReader root(doc, source);
  if (!doc.is_object()) root.fail("an object at the top level");
  return root;
}

// "labs/x/scenario.json" -> "scenario".
std::string base_name(const std::string& source) {
  std::string name = source.substr(source.find_last_of('/') == std::string::npos ? 0 : source.find_last_of('/') + 1);
  const std::string extension = ".json";
  if (name.size() > extension.size() && name.compare(name.size() - extension.size(), extension.size(), extension) == 0)
    name.resize(name.size() - extension.size());
  return name;
}

// `working` with the `set` of variant `variant` of `doc` applied; `variants` are doc's, validated. Each override
// is recorded in `applied`.
void apply_variant(json& working, const json& doc, const std::string& source, const std::vector<VariantSpec>& variants,
                   const std::string& variant, std::vector<AppliedOverride>& applied) {
  std::vector<std::string> names;
  for (const auto& v : variants) names.push_back(v.name);
  const auto found = std::find(names.begin(), names.end(), variant);
  if (found == names.end()) {
    // No variants at all: the one asked for is what is missing.
    if (names.empty())
      throw ScenarioError(
          located(source, "variants", fmt::format("expected a variant named {}, found nothing", json_quoted(variant))));
    const auto hint = closest_match(variant, names);
    throw ScenarioError(
        located(source, "variants",
                fmt::format("expected one of {}, found {}{}", quoted_list(names, names.size()), json_quoted(variant),
                            hint ? fmt::format("; did you mean {}?", json_quoted(*hint)) : "")));
  }
  const size_t index = static_cast<size_t>(found - names.begin());
  const std::string set_path = json_path_index("variants", index) + ".set";
  for (const auto& [path, value] : doc["variants"][index]["set"].items()) {
    apply_override(working, Override{source + ": " + json_path_key(set_path, path), path, value});
    applied.push_back({"variant " + variant, path, value.dump()});
  }
}

// The document without its `variants`: a variant's scenario is one of them, and copying all of them for each made
// a file of 4,000 variants take minutes and a gigabyte.
json without_variants(const json& doc) {
  json out = json::object();
  for (auto it = doc.begin(); it != doc.end(); ++it)
    if (it.key() != "variants") out[it.key()] = it.value();
  return out;
}

// Server replicas, client, publisher and consumer instances and brokers are processes with one namespace (a client
// "compute" would make "compute-1" both a client instance and a server replica).
void check_process_names(const Scenario& scenario, const std::string& source) {
  std::map<std::string, std::string> owner;  // process name -> what it is
  for (const auto& broker : scenario.brokers) owner[broker.name] = "broker " + json_quoted(broker.name);
  for (size_t i = 0; i < scenario.services.size(); ++i) {
    const ServiceSpec& service = scenario.services[i];
    for (int k = 1; k <= service.replicas; ++k) {
      const std::string replica = replica_name(service, k);
      const auto [it, added] = owner.emplace(replica, "a replica of service " + json_quoted(service.name));
      if (added) continue;
      // Only given names can collide here: "<service>-<k>" names differ as service names do from broker names.
      const bool given = static_cast<size_t>(k) <= service.replica_names.size();
      const std::string path = given ? fmt::format("{}.replica_names[{}]", json_path_index("services", i), k - 1)
                                     : json_path_index("services", i) + ".name";
      throw ScenarioError(located(source, path,
                                  fmt::format("expected a name no other process has, found {}; it is also {}",
                                              json_quoted(given ? replica : service.name), it->second)));
    }
  }
  // Client, publisher and consumer instances, in that order, against everything declared before them.
  std::vector<std::tuple<std::string, std::string, int>> groups;  // path, name, count
  for (size_t i = 0; i < scenario.clients.size(); ++i)
    groups.emplace_back(json_path_index("clients", i), scenario.clients[i].name, scenario.clients[i].count);
  for (const auto& publisher : scenario.publishers)
    groups.emplace_back(publisher.path, publisher.name, publisher.count);
  for (const auto& consumer : scenario.consumers) groups.emplace_back(consumer.path, consumer.name, consumer.count);
  for (const auto& [path, group, count] : groups) {
    for (int k = 1; k <= count; ++k) {
      const std::string instance = group + "-" + std::to_string(k);
      auto it = owner.find(instance);
      if (it != owner.end())
        throw ScenarioError(located(source, path + ".name",
                                    fmt::format("expected a name whose instances ({}-1, ...) no other process has, "
                                                "found {}: {} is also {}",
                                                group, json_quoted(group), instance, it->second)));
    }
    for (int k = 1; k <= count; ++k)
      owner.emplace(group + "-" + std::to_string(k), "an instance of " + json_quoted(group));
  }
}

// The keys of the top level, but `$schema`: an editor's pointer to the JSON Schema, read (and dropped) before.
std::vector<std::string> top_level_keys() {
  std::vector<std::string> keys = scenario_table().keys();
  keys.erase(std::find(keys.begin(), keys.end(), "$schema"));
  return keys;
}

Scenario read_scenario(const json& doc, const std::string& source) {
  const JsonReader root = document_root(doc, source);
  root.expect_object(top_level_keys());
  Scenario scenario;
  scenario.source = source;
  scenario.name = root.field("name").present() ? root.field("name").name() : base_name(source);
  if (root.field("description").present()) scenario.description = root.field("description").string();
  if (root.field("seed").present()) scenario.seed = root.field("seed").unsigned_integer();
  scenario.duration = root.field("duration").time(JsonReader::Bound::AboveZero);
  if (root.field("drain").present()) scenario.drain = root.field("drain").time(JsonReader::Bound::AtLeastZero);
  scenario.profile = read_profile(root.field("profile"));
  HostDirectory hosts;
  scenario.platform = read_platform(root.field("platform"), hosts);
  scenario.brokers = read_brokers(root.field("brokers"), hosts);
  scenario.services = read_services(root.field("services"), scenario.brokers, hosts);
  scenario.clients = read_clients(root.field("clients"), scenario.services, hosts);
  scenario.publishers = read_publishers(root.field("publishers"), scenario.brokers, hosts);
  scenario.consumers = read_consumers(root.field("consumers"), scenario.brokers, hosts);
  read_notifiers(root.field("notifiers"), scenario.brokers, hosts, scenario.publishers);
  read_listeners(root.field("listeners"), scenario.brokers, hosts, scenario.consumers);
  if (scenario.clients.empty() && scenario.publishers.empty())
    root.fail_message("expected at least one client, publisher or notifier: nothing would send a message");
  read_faults(root.field("faults"), scenario, hosts);
  scenario.servicegroup = read_servicegroup(root.field("servicegroup"), scenario, hosts);
  scenario.variants = read_variants(root.field("variants"));
  check_process_names(scenario, source);
  return scenario;
}

}  // namespace

std::vector<std::string> variant_names(const json& doc, const std::string& source) {
  std::vector<std::string> names;
  for (const auto& variant : read_variants(document_root(doc, source).field("variants"))) names.push_back(variant.name);
  return names;
}

namespace {

// `variants` are doc's, validated once for all the scenarios of a file.
Scenario load_one(const json& doc, const std::string& source, const std::vector<VariantSpec>& variants,
                  const std::string& variant, const std::vector<std::string>& overrides) {
  try {
    // `"$schema"` tells an editor which JSON Schema to check the file against (docs/buslab.schema.json); it means
    // nothing to the simulation, but it must be a string, as the schema says.
    const bool has_schema = doc.is_object() && doc.contains("$schema");
    if (has_schema) JsonReader(doc, source).field("$schema").string();
    std::vector<AppliedOverride> applied;
    Scenario scenario;
    if (variant.empty() && overrides.empty() && !has_schema) {
      scenario = read_scenario(doc, source);  // in place: a copy of a million-host document costs as much again
    } else {
      json working = variant.empty() ? doc : without_variants(doc);
      working.erase("$schema");
      if (!variant.empty()) apply_variant(working, doc, source, variants, variant, applied);
      for (const auto& text : overrides) {
        const Override o = parse_override(text);
        try {
          apply_override(working, o);
        } catch (const ScenarioError& e) {
          // The same --set applies to every variant: say which one lacks what it names.
          if (variant.empty()) throw;
          throw ScenarioError(fmt::format("{} (in variant {})", e.what(), json_quoted(variant)));
        }
        applied.push_back({"--set", o.path, o.value.dump()});
      }
      scenario = read_scenario(working, source);
    }
    scenario.variant = variant;
    scenario.provenance.file = source;
    scenario.provenance.overrides = std::move(applied);
    for (const auto& v : variants)
      if (v.name == variant) scenario.variant_description = v.description;
    return scenario;
  } catch (const json::exception& e) {
    // The readers check types before every access; reaching here is a bug, reported rather than crashing.
    throw ScenarioError(fmt::format("{}: internal error while reading the scenario: {}", source, e.what()));
  }
}

std::vector<VariantSpec> validated_variants(const json& doc, const std::string& source) {
  return read_variants(document_root(doc, source).field("variants"));
}

}  // namespace

Scenario load_scenario(const json& doc, const std::string& source, const std::string& variant,
                       const std::vector<std::string>& overrides) {
  return load_one(doc, source, validated_variants(doc, source), variant, overrides);
}

std::vector<Scenario> load_scenarios(const json& doc, const std::string& source, std::vector<std::string> which,
                                     const std::vector<std::string>& overrides) {
  const std::vector<VariantSpec> variants = validated_variants(doc, source);
  if (which.empty())
    for (const auto& v : variants) which.push_back(v.name);
  if (which.empty()) which.push_back("");
  std::vector<Scenario> scenarios;
  scenarios.reserve(which.size());
  for (const auto& variant : which) scenarios.push_back(load_one(doc, source, variants, variant, overrides));
  return scenarios;
}

}  // namespace buslab
