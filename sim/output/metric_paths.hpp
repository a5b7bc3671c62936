#pragma once
// metrics.json as a flat list of named numbers, for `buslab check` and its EXPECTED files (docs/check.md).
// Each number gets a path that names its run (variant), its entity by name (never by position in a list) and
// its metric: `brokered/clients/api/compute.add/latency.p99`, `direct/servers/compute-2/handled`,
// `brokered/queues/rabbit/compute/max_depth`, `brokered/conservation/lost.network`, `brokered/sim_time`.
// A key ending in `_s` holds seconds: the path drops the suffix and the value is a time. Works on one run's
// metrics and on replications (where every number is a summary: its mean, and the 95% confidence interval).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace buslab {

struct MetricPoint {
  std::string run;      // the variant, or the scenario's name when it has none
  std::string section;  // "clients", "servers", ..., "conservation", or "" for the top level
  std::string entity;   // "api/compute.add", "compute-2", "rabbit/compute"; "" for conservation and the top level
  std::string metric;   // "latency.p99", "handled", "dropped.unroutable"
  double value = 0.0;   // the run's value, or the replications' mean
  bool is_time = false;
  std::optional<double> ci_half_width;  // replications only: half the width of the mean's 95% confidence interval
  size_t seeds = 1;

  std::string path() const;
  // "client api/compute.add", "server compute-2", "queue rabbit/compute": for messages about a whole entity.
  std::string entity_label() const;
};

// The name a run goes by in metric paths and output directories: its variant, or its scenario's name.
std::string run_name_of(const nlohmann::ordered_json& metrics);

// Every number of one run's metrics.json (or a replicated one), in document order. Strings and booleans are
// left out: names identify entities, and flags such as `drained` are not tolerances' business.
std::vector<MetricPoint> flatten_metrics(const nlohmann::ordered_json& metrics);

// The singular used in entity labels: "clients" -> "client".
std::string section_singular(const std::string& section);

}  // namespace buslab
