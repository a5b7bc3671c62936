#pragma once
// What one run leaves in its output directory: metrics.json and, when recorded, trace.json. Both are written under
// temporary names and put in place together at the end, so a failure (disk full, a file size limit) leaves
// neither half-written.
#include <string>

#include <nlohmann/json.hpp>

#include "models/accounting/time_series.hpp"
#include "models/accounting/trace_log.hpp"
#include "sim/scenario/scenario.hpp"

namespace buslab {

// Creates `dir` when missing. Throws tracefile::OutputError when a file cannot be written, std::runtime_error
// when a value is not a finite number (metrics.json would hold null where a number belongs).
// `series`, when given, is written as timeseries.csv and timeseries.json.
void write_run_outputs(const std::string& dir, const Scenario& scenario, const nlohmann::ordered_json& metrics,
                       const TraceLog* trace, double sim_time, const TimeSeries* series = nullptr);

// The JSON path of the first number in `doc` that is not finite ("servers[2].utilisation"), or "" when all are.
std::string first_non_finite(const nlohmann::ordered_json& doc);

}  // namespace buslab
