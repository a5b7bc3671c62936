#pragma once
// timeseries.csv and timeseries.json: a run's results over time (docs/timeseries.md), one row per bucket and
// entity, the same numbers in both. Deterministic: the same scenario and seed give the same bytes.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/accounting/time_series.hpp"
#include "sim/scenario/scenario.hpp"

namespace buslab {

inline constexpr const char* kTimeseriesSchema = "buslab-timeseries/1";

// One column of the table: the kinds of entity it applies to, and its value in a bucket (nothing: no value, e.g. a
// latency where no call completed).
struct SeriesColumn {
  std::string name;
  bool integer = false;
  unsigned kinds = 0;  // bit (1 << SeriesKind)
  std::optional<double> (*value)(const TimeSeries::Entity& entity, size_t bucket, double seconds, size_t extra);
  size_t extra = 0;  // failed_<reason>: the reason's index
  bool applies_to(SeriesKind kind) const { return (kinds >> static_cast<unsigned>(kind)) & 1u; }
};

// Every column, in order: the fixed ones (docs/timeseries.md), one `failed_<reason>` per failure reason of the run.
std::vector<SeriesColumn> series_columns(const TimeSeries& series);

void write_timeseries_csv(std::ostream& out, const TimeSeries& series);
void write_timeseries_json(std::ostream& out, const Scenario& scenario, const TimeSeries& series);

// A number as both files print it: integers as integers, others in their shortest exact form.
std::string series_number(double value, bool integer);

}  // namespace buslab
