#pragma once
// `buslab check RESULT EXPECTED`: compares a run's metrics with an EXPECTED file (docs/check.md) and exits 4
// when a metric moved beyond its tolerance or went missing; `--update` writes or refreshes EXPECTED instead.
// `buslab run FILE --check EXPECTED` uses the same comparison on the runs it just made.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/cli/command.hpp"

namespace buslab::cli {

Command add_check_command(CLI::App& app);

// Checks (or, with `update`, refreshes) `expected_path` against `results` (one metrics.json per run) and prints
// the table to stdout; `result_label` names the result in a new EXPECTED file's header. Returns the exit code.
int check_metrics(const std::vector<nlohmann::ordered_json>& results, const std::string& expected_path, bool update,
                  const std::string& result_label);

// The metrics.json files of RESULT: the file itself, `RESULT/metrics.json`, or each `RESULT/<run>/metrics.json`
// (runs in name order). Throws ExpectedFileError naming the path when there is none or one is not metrics.
std::vector<nlohmann::ordered_json> read_results(const std::string& result);

}  // namespace buslab::cli
