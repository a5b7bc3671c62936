#pragma once
// What `buslab sweep` runs (docs/analysis.md): the cartesian product of swept parameters (the points), times the
// scenario's variants, times the seeds, in one fixed order, so that a run has the same number, directory and
// shard wherever and however often the sweep is started. Its definition is kept in DIR/sweep.json: a resumed
// sweep or a merge checks that it is the same sweep.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace buslab::cli {

inline constexpr const char* kSweepSchema = "buslab-sweep/1";

// A command line that cannot be a sweep: exit code 1, the message says which option and why.
class SweepUsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One swept field: its path (as --set takes it) and its values, each as --set would take it (JSON, else text).
struct SweepParam {
  std::string path;
  std::vector<std::string> values;
};
// `target` takes the value `source` (a swept parameter) has at each point.
struct SweepLink {
  std::string target;
  std::string source;
};

// "services[0].replicas=1,2,4,8" (commas inside brackets, braces or quotes do not split), "PATH=1..16" or
// "PATH=10..100:10" (whole numbers from the first to the last, by a step).
SweepParam parse_sweep_param(const std::string& text);
// "platform.hosts[2].count=services[0].replicas": the source must be one of `params`, the target none of them.
SweepLink parse_sweep_link(const std::string& text, const std::vector<SweepParam>& params);

// `--shard i/n`: the i-th (1 to n) of n disjoint slices. Run r belongs to slice (r mod n) + 1.
struct Shard {
  size_t index = 1;
  size_t count = 1;
  bool has(size_t run) const { return run % count == index - 1; }
};
Shard parse_shard(const std::string& text);

struct SweepDefinition {
  std::string scenario_file;
  std::string scenario_sha256;
  std::vector<std::string> set;            // --set PATH=VALUE, applied before the parameters
  std::vector<std::string> variants;       // the run names (variants, or the scenario's name), in order
  std::vector<std::string> only_variants;  // --variant as given (empty: all)
  std::vector<SweepParam> params;
  std::vector<SweepLink> links;
  std::vector<uint64_t> seeds;
  std::string engine = "simgrid";  // --engine: a sweep's runs all run on one engine

  size_t points() const;
  size_t runs() const { return points() * variants.size() * seeds.size(); }

  // Points are numbered from 0 here and from 1 in outputs; the first parameter varies slowest.
  std::vector<std::string> point_values(size_t point) const;
  // The point's overrides, as --set takes them: each parameter, then each link.
  std::vector<std::string> point_overrides(size_t point) const;
  // "services[0].replicas=4 platform.hosts[2].count=4": the point for humans.
  std::string point_label(size_t point) const;

  struct Run {
    size_t point, variant, seed;  // indices
  };
  // Run r: points slowest, then variants, then seeds.
  Run run(size_t r) const;
  // Where run r writes, under the sweep's directory: "runs/<point from 1>/<variant>/seed-<seed>".
  std::string run_dir(size_t r) const;

  nlohmann::ordered_json to_json() const;
  // Throws std::runtime_error naming `source` when the document is not a sweep definition.
  static SweepDefinition from_json(const nlohmann::json& doc, const std::string& source);
};

}  // namespace buslab::cli
