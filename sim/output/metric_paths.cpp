#include "sim/output/metric_paths.hpp"

namespace buslab {

namespace {

using Json = nlohmann::ordered_json;

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A replicated number: {"mean", "sd", "ci95", "values"} (metrics_replicated.hpp).
bool is_summary(const Json& value) {
  return value.is_object() && value.contains("mean") && value.contains("values");
}

class Flattener {
 public:
  Flattener(std::string run, std::vector<MetricPoint>& out) : run_(std::move(run)), out_(out) {}

  // Every number under `value`, its metric path starting with `prefix` ("" at the entity's level); `time`: the
  // values are seconds because an enclosing key ended in `_s`.
  void walk(const std::string& section, const std::string& entity, const std::string& prefix, const std::string& key,
            const Json& value, bool time) const {
    const bool seconds = ends_with(key, "_s");
    const std::string name = seconds ? key.substr(0, key.size() - 2) : key;
    const std::string metric = prefix.empty() ? name : prefix + "." + name;
    if (is_summary(value)) {
      add(section, entity, metric, value, (time || seconds) && key != "count");
    } else if (value.is_number()) {
      add(section, entity, metric, value, (time || seconds) && key != "count");
    } else if (value.is_object()) {
      for (const auto& [k, v] : value.items()) walk(section, entity, metric, k, v, time || seconds);
    }
  }

  // The numbers of an entity object (a server, a queue, ...), its own keys at the top of the metric path.
  void entity(const std::string& section, const std::string& name, const Json& object) const {
    for (const auto& [k, v] : object.items()) walk(section, name, "", k, v, false);
  }

 private:
  void add(const std::string& section, const std::string& entity, const std::string& metric, const Json& value,
           bool time) const {
    MetricPoint point;
    point.run = run_;
    point.section = section;
    point.entity = entity;
    point.metric = metric;
    point.is_time = time;
    if (is_summary(value)) {
      point.value = value["mean"].get<double>();
      point.seeds = value["values"].size();
      const Json& ci = value.value("ci95", Json());
      if (ci.is_array() && ci.size() == 2) point.ci_half_width = (ci[1].get<double>() - ci[0].get<double>()) / 2.0;
    } else {
      point.value = value.get<double>();
    }
    out_.push_back(std::move(point));
  }

  std::string run_;
  std::vector<MetricPoint>& out_;
};

}  // namespace

std::string section_singular(const std::string& section) {
  if (section.empty()) return "run";
  if (section == "conservation") return section;
  return ends_with(section, "s") ? section.substr(0, section.size() - 1) : section;
}

std::string MetricPoint::path() const {
  std::string out = run + "/";
  if (!section.empty()) out += section + "/";
  if (!entity.empty()) out += entity + "/";
  return out + metric;
}

std::string MetricPoint::entity_label() const {
  if (entity.empty()) return section_singular(section);
  return section_singular(section) + " " + entity;
}

std::string run_name_of(const Json& metrics) {
  const std::string variant = metrics.value("variant", "");
  return variant.empty() ? metrics.value("scenario", "") : variant;
}

std::vector<MetricPoint> flatten_metrics(const Json& metrics) {
  std::vector<MetricPoint> out;
  const Flattener flat(run_name_of(metrics), out);
  for (const auto& [key, value] : metrics.items()) {
    if (key == "clients" && value.is_array()) {
      // A client's numbers are per method: the entity is `<client>/<service>.<method>`.
      for (const auto& client : value) {
        const std::string prefix = client.value("name", "") + "/" + client.value("service", "") + ".";
        const Json methods = client.value("methods", Json::object());
        for (const auto& [method, stats] : methods.items()) flat.entity("clients", prefix + method, stats);
      }
    } else if (value.is_array()) {
      for (const auto& item : value)
        if (item.is_object() && item.contains("name")) flat.entity(key, item["name"].get<std::string>(), item);
    } else if (key == "conservation") {
      flat.entity(key, "", value);
    } else if (key != "provenance" && key != "replications" && key != "seed") {
      flat.walk("", "", "", key, value, false);
    }
  }
  return out;
}

}  // namespace buslab
