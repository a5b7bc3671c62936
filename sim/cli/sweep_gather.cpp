#include "sim/cli/sweep_gather.hpp"

#include <filesystem>
#include <fstream>

#include "sim/output/sweep_results.hpp"
#include "sim/scenario/overrides.hpp"
#include "tracefile/atomic_file.hpp"

namespace buslab::cli {

namespace {

using Json = nlohmann::ordered_json;

// Whether `overrides` (a run's provenance) applied `text` (PATH=VALUE) last among those of its path.
bool applied_last(const Json& overrides, const std::string& text) {
  const Override expected = parse_override(text);
  const Json* last = nullptr;
  for (const auto& o : overrides)
    if (o.value("path", "") == expected.path) last = &o;
  return last && last->contains("value") && (*last)["value"] == Json::parse(expected.value.dump());
}

}  // namespace

bool is_sweep_run(const Json& metrics, const SweepDefinition& sweep, size_t r, const std::string& build) {
  if (!metrics.is_object() || !metrics.contains("provenance")) return false;
  const SweepDefinition::Run run = sweep.run(r);
  const Json& p = metrics["provenance"];
  const std::string variant = metrics.value("variant", "");
  const std::string name = variant.empty() ? metrics.value("scenario", "") : variant;
  if (name != sweep.variants[run.variant] || p.value("seed", Json()) != Json(sweep.seeds[run.seed]) ||
      p.value("scenario_sha256", "") != sweep.scenario_sha256)
    return false;
  if (!build.empty() && p.value("buslab", "") != build) return false;
  const Json overrides = p.value("overrides", Json::array());
  for (const auto& text : sweep.set)
    if (!applied_last(overrides, text)) return false;
  for (const auto& text : sweep.point_overrides(run.point))
    if (!applied_last(overrides, text)) return false;
  return true;
}

Json read_sweep_run(const std::string& dir, const SweepDefinition& sweep, size_t r, const std::string& build) {
  const std::string path = dir + "/" + sweep.run_dir(r) + "/metrics.json";
  std::ifstream in(path);
  if (!in) return nullptr;
  Json metrics = Json::parse(in, nullptr, false);
  if (metrics.is_discarded() || !is_sweep_run(metrics, sweep, r, build)) return nullptr;
  return metrics;
}

GatherReport gather_sweep(const SweepDefinition& sweep, const std::vector<std::string>& dirs,
                          const std::string& out_dir) {
  GatherReport report;
  report.runs = sweep.runs();
  std::filesystem::create_directories(out_dir);
  tracefile::AtomicFile results(out_dir + "/results.csv"), summary(out_dir + "/summary.csv");
  std::vector<std::string> params;
  for (const auto& p : sweep.params) params.push_back(p.path);
  SweepResultsWriter writer(results.stream(), summary.stream(), params);
  for (size_t r = 0; r < sweep.runs(); ++r) {
    Json metrics;
    for (const auto& dir : dirs)
      if ((metrics = read_sweep_run(dir, sweep, r)).is_object()) break;
    if (!metrics.is_object()) {
      report.missing.push_back(r);
      continue;
    }
    report.builds.insert(metrics["provenance"].value("buslab", ""));
    const SweepDefinition::Run run = sweep.run(r);
    writer.add(run.point + 1, sweep.point_values(run.point), sweep.variants[run.variant], sweep.seeds[run.seed],
               metrics);
  }
  writer.finish();
  report.result_rows = writer.result_rows();
  results.commit();
  summary.commit();
  return report;
}

}  // namespace buslab::cli
