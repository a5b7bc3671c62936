#include "sim/cli/check_command.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "sim/cli/exit_codes.hpp"
#include "sim/output/check_results.hpp"
#include "sim/output/expected_file.hpp"
#include "tracefile/atomic_file.hpp"

namespace buslab::cli {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

struct CheckOptions {
  std::string result;
  std::string expected;
  bool update = false;
};

Json read_metrics_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ExpectedFileError(fmt::format("{}: cannot read the result", path.string()));
  Json metrics = Json::parse(in, nullptr, false);
  if (metrics.is_discarded() || !metrics.is_object() || metrics.value("schema", "").rfind("buslab-metrics/", 0) != 0)
    throw ExpectedFileError(fmt::format("{}: expected a buslab metrics.json, found something else", path.string()));
  return metrics;
}

std::string new_file_header(const std::string& result_label) {
  return fmt::format(
      "# Expected results for `buslab check` (docs/check.md), written by `buslab check --update` from {}.\n"
      "# One metric a line: PATH: VALUE [TOLERANCE]; tolerances: \xC2\xB1"
      "10% (relative), \xC2\xB1"
      "2ms or \xC2\xB1"
      "3 (absolute),\n"
      "# \xC2\xB1"
      "ci (within the 95% confidence interval of replications). Edit values, tolerances and comments freely:\n"
      "# --update keeps them and refreshes the values.\n",
      result_label);
}

int run(const CheckOptions& o) {
  return check_metrics(read_results(o.result), o.expected, o.update, o.result);
}

}  // namespace

std::vector<Json> read_results(const std::string& result) {
  std::error_code ec;
  const fs::path root(result);
  if (fs::is_regular_file(root, ec)) return {read_metrics_file(root)};
  if (!fs::is_directory(root, ec))
    throw ExpectedFileError(
        fmt::format("{}: no such file or directory (expected a metrics.json or a --out directory)", result));
  if (fs::is_regular_file(root / "metrics.json", ec)) return {read_metrics_file(root / "metrics.json")};
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(root, ec))
    if (entry.is_directory() && fs::is_regular_file(entry.path() / "metrics.json"))
      files.push_back(entry.path() / "metrics.json");
  if (files.empty())
    throw ExpectedFileError(fmt::format("{}: expected metrics.json or <run>/metrics.json in it, found none", result));
  std::sort(files.begin(), files.end());
  std::vector<Json> out;
  for (const auto& f : files) out.push_back(read_metrics_file(f));
  return out;
}

int check_metrics(const std::vector<Json>& results, const std::string& expected_path, bool update,
                  const std::string& result_label) {
  std::vector<MetricPoint> points;
  for (const auto& metrics : results) {
    auto run = flatten_metrics(metrics);
    points.insert(points.end(), run.begin(), run.end());
  }
  if (update) {
    std::error_code ec;
    const bool exists = fs::exists(expected_path, ec);
    ExpectedFile file =
        exists ? ExpectedFile::read(expected_path) : ExpectedFile::parse(new_file_header(result_label), expected_path);
    const std::vector<std::string> changes = update_expected(file, points);
    tracefile::write_file_atomically(expected_path, file.text());  // OutputError: exit code 5
    std::cout << fmt::format("{}: {} ({} change{})\n", expected_path, exists ? "updated" : "written", changes.size(),
                             changes.size() == 1 ? "" : "s");
    for (const auto& line : changes) std::cout << "  " << line << "\n";
    return kExitOk;
  }
  const CheckReport report = check_results(ExpectedFile::read(expected_path), points);
  std::cout << render_check_report(report);
  return report.failures() > 0 ? kExitCheckFailed : kExitOk;
}

Command add_check_command(CLI::App& app) {
  auto o = std::make_shared<CheckOptions>();
  auto* cmd = app.add_subcommand(
      "check", "Compare a run's metrics with expected values and tolerances (exit 4 when one moved beyond them)");
  cmd->add_option("result", o->result, "A metrics.json, or a directory written by `buslab run --out`")->required();
  cmd->add_option("expected", o->expected, "The expected values and tolerances (docs/check.md)")->required();
  cmd->add_flag("--update", o->update,
                "Write EXPECTED from the result, or refresh its values, keeping its tolerances (new entries: \xC2\xB1"
                "10%)");
  cmd->footer(
      "\nExit codes: 0 every metric within its tolerance, 2 unreadable RESULT or EXPECTED, "
      "4 a metric moved beyond its tolerance or is missing.");
  return {cmd, [o] { return run(*o); }};
}

}  // namespace buslab::cli
