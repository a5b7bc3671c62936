#include "sim/output/metrics_replicated.hpp"

#include <map>
#include <string>

#include "sim/output/replication_stats.hpp"

namespace buslab {

namespace {

using Json = nlohmann::ordered_json;

Json merge(const std::vector<const Json*>& values);

Json summary_of(const std::vector<const Json*>& values) {
  std::vector<double> numbers;
  Json list = Json::array();
  for (const Json* v : values) {
    const double x = v && v->is_number() ? v->get<double>() : 0.0;
    numbers.push_back(x);
    if (v && v->is_number())
      list.push_back(*v);
    else
      list.push_back(0);
  }
  const ReplicationSummary s = summarize_replications(numbers);
  return Json{{"mean", s.mean}, {"sd", s.sd}, {"ci95", Json::array({s.ci_low, s.ci_high})}, {"values", list}};
}

Json flags_of(const std::vector<const Json*>& values) {
  bool all = true;
  Json list = Json::array();
  for (const Json* v : values) {
    const bool b = v && v->is_boolean() && v->get<bool>();
    all = all && b;
    list.push_back(b);
  }
  return Json{{"all", all}, {"values", list}};
}

bool is_named_list(const Json& value) {
  if (!value.is_array()) return false;
  for (const auto& item : value)
    if (!item.is_object() || !item.contains("name") || !item["name"].is_string()) return false;
  return true;
}

Json merge_objects(const std::vector<const Json*>& values) {
  std::vector<std::string> keys;
  std::map<std::string, bool> known;
  for (const Json* v : values)
    if (v && v->is_object())
      for (const auto& [key, ignored] : v->items()) {
        (void)ignored;
        if (!known[key]) keys.push_back(key);
        known[key] = true;
      }
  Json out = Json::object();
  for (const auto& key : keys) {
    std::vector<const Json*> children;
    for (const Json* v : values) children.push_back(v && v->is_object() && v->contains(key) ? &v->at(key) : nullptr);
    out[key] = merge(children);
  }
  return out;
}

Json merge_named_lists(const std::vector<const Json*>& values) {
  std::vector<std::string> names;
  std::map<std::string, bool> known;
  for (const Json* v : values)
    if (v)
      for (const auto& item : *v) {
        const std::string name = item["name"];
        if (!known[name]) names.push_back(name);
        known[name] = true;
      }
  Json out = Json::array();
  for (const auto& name : names) {
    std::vector<const Json*> items;
    for (const Json* v : values) {
      const Json* found = nullptr;
      if (v)
        for (const auto& item : *v)
          if (item["name"] == name) found = &item;
      items.push_back(found);
    }
    out.push_back(merge_objects(items));
  }
  return out;
}

Json merge(const std::vector<const Json*>& values) {
  const Json* first = nullptr;
  for (const Json* v : values)
    if (v && !first) first = v;
  if (!first) return Json();
  if (first->is_number()) return summary_of(values);
  if (first->is_boolean()) return flags_of(values);
  if (first->is_object()) return merge_objects(values);
  if (is_named_list(*first)) return merge_named_lists(values);
  return *first;  // names and other identities: the same in every seed's run
}

}  // namespace

bool is_replicated_number(const Json& value) {
  return value.is_object() && value.contains("mean") && value.contains("values");
}

Json replicate_metrics(const std::vector<Json>& runs, const std::vector<uint64_t>& seeds) {
  Json out = Json::object();
  if (runs.empty()) return out;
  std::vector<const Json*> all;
  for (const auto& run : runs) all.push_back(&run);
  for (const auto& [key, value] : runs.front().items()) {
    if (key == "seed") {
      out["seeds"] = seeds;
      continue;
    }
    if (key == "schema" || key == "scenario" || key == "variant") {
      out[key] = value;
      continue;
    }
    if (key == "provenance") {
      out[key] = value;
      out[key].erase("seed");
      out[key]["seeds"] = seeds;
      continue;
    }
    std::vector<const Json*> children;
    for (const Json* run : all) children.push_back(run->contains(key) ? &run->at(key) : nullptr);
    out[key] = merge(children);
  }
  return out;
}

}  // namespace buslab
