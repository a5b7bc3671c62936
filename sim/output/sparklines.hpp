#pragma once
// The run's key series over time in a few text lines (`buslab run --sparklines`): calls completed per second,
// latency p99, errors, messages ready in queues, requests waiting in executors and busy workers, one line per
// variant, all on one time axis and one scale per series, so that variants compare at a glance.
//
// Each run reduces its time series (timeseries.csv) to a timeline: a few dozen slots of equal width, small
// enough to travel with its metrics from a forked run (VariantOutcome::timeline).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/accounting/time_series.hpp"
#include "sim/output/variant_outcome.hpp"

namespace buslab {

// At most this many slots cover the load (until `load_end`); the drain after it adds as many as it needs.
inline constexpr size_t kTimelineSlots = 50;

// {"slot_s": width, "series": {"completed_per_s": [...], "latency_p99_s": [... or null], "errors": [...],
//  "ready": [...], "backlog": [...], "busy": [...]}}, one value per slot.
nlohmann::ordered_json timeline_json(const TimeSeries& series, double load_end);

// The timelines of replications: each slot's mean over the runs that reached it (the worst p99: its max).
nlohmann::ordered_json average_timelines(const std::vector<nlohmann::ordered_json>& timelines);

// The text block; "" when no run has a timeline.
std::string sparklines_text(const std::vector<VariantOutcome>& runs, size_t max_marks = 72);

// One mark per value, from ▁ (above 0) to █ (`top`); a blank for 0 or no value.
std::string sparkline(const std::vector<double>& values, double top);

}  // namespace buslab
