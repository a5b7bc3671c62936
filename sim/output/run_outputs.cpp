#include "sim/output/run_outputs.hpp"

#include <cmath>
#include <filesystem>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "sim/output/timeseries_writer.hpp"
#include "sim/output/trace_writer.hpp"
#include "tracefile/atomic_file.hpp"

namespace buslab {

namespace {

bool find_non_finite(const nlohmann::ordered_json& value, const std::string& path, std::string& found) {
  if (value.is_number_float()) {
    if (std::isfinite(value.get<double>())) return false;
    found = path;
    return true;
  }
  if (value.is_object()) {
    for (const auto& [key, member] : value.items())
      if (find_non_finite(member, path.empty() ? key : path + "." + key, found)) return true;
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i)
      if (find_non_finite(value[i], fmt::format("{}[{}]", path, i), found)) return true;
  }
  return false;
}

}  // namespace

std::string first_non_finite(const nlohmann::ordered_json& doc) {
  std::string found;
  find_non_finite(doc, "", found);
  return found;
}

void write_run_outputs(const std::string& dir, const Scenario& scenario, const nlohmann::ordered_json& metrics,
                       const TraceLog* trace, double sim_time, const TimeSeries* series) {
  // nlohmann writes NaN and infinity as null: a number turned into nothing, which no reader would notice.
  if (const std::string path = first_non_finite(metrics); !path.empty())
    throw std::runtime_error(fmt::format("metrics.json: {} is not a finite number", path));
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw tracefile::OutputError(fmt::format("{}: cannot create the directory: {}", dir, error.message()));
  tracefile::AtomicFile metrics_file(dir + "/metrics.json");
  metrics_file.write(metrics.dump(2) + "\n");
  // Every file is complete before any is put in place, the larger first: a failure leaves none of them.
  std::optional<tracefile::AtomicFile> series_csv, series_json, trace_file;
  if (series) {
    series_csv.emplace(dir + "/timeseries.csv");
    write_timeseries_csv(series_csv->stream(), *series);
    series_json.emplace(dir + "/timeseries.json");
    write_timeseries_json(series_json->stream(), scenario, *series);
  }
  if (trace) {
    trace_file.emplace(dir + "/trace.json");
    write_trace(*trace_file, scenario, *trace, sim_time, metrics.at("conservation"));
  }
  if (trace_file) trace_file->commit();
  if (series_json) series_json->commit();
  if (series_csv) series_csv->commit();
  metrics_file.commit();
}

}  // namespace buslab
