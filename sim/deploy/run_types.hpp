#pragma once
// What a run is asked to do and what it gives back, whichever engine runs it (sim/engine/run.hpp starts it).
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"

namespace buslab {

struct RunProgress {
  double sim_time = 0.0;   // simulated seconds so far
  double load_end = 0.0;   // when the load stops (the run then drains, up to `drain` more)
  double drain_end = 0.0;  // the latest the run can end
  uint64_t messages = 0;   // messages created so far
  double wall_seconds = 0.0;
};

// Which engine runs the models (docs/engines.md).
enum class EngineKind {
  Simgrid,   // SimGrid 3.32: flows sharing links (max-min), the scenario's network model; faithful, the default
  Queueing,  // sim/queueing: an event queue, transfers at latency + size / bandwidth without sharing; fast
};

struct RunOptions {
  EngineKind engine = EngineKind::Simgrid;
  std::string out_dir;  // where metrics.json and trace.json go; empty: nowhere
  bool record_trace = true;
  // SimGrid's own options, NAME:VALUE (sim/engine/simgrid_config.hpp), checked beforehand by check_simgrid_config;
  // refused with the queueing engine. The SimGrid engine puts BUSLAB_SIMGRID_CFG's before them.
  std::vector<std::string> simgrid_config;
  // trace.json is not written when it would be larger than this many bytes (0: no limit); the run says so on
  // stderr. Above kLargeTraceBytes (sim/output/trace_size.hpp) it warns before writing.
  double trace_limit_bytes = 0;
  // Called as simulated time advances, at most every `progress_interval` wall seconds, for a progress line. It
  // only observes: outputs are the same with it or without.
  std::function<void(const RunProgress&)> on_progress;
  double progress_interval = 0.5;
  // The width of the time series' buckets in seconds; 0: chosen from the run's length (default_bucket_width).
  double bucket = 0;
  // Write timeseries.csv and timeseries.json beside metrics.json.
  bool write_timeseries = true;
  // Reduce the series to RunResult::timeline, for the table's sparklines. The series is collected only when one of
  // the two reads it: on a large run, following every server, consumer and queue bucket by bucket costs a share of
  // the run's CPU (bench/README.md).
  bool timeline = true;
};

// A round width (1, 2 or 5 times a power of ten) giving 100 to 250 buckets until `load_end` (the end of the load
// or the last fault; the drain adds its own).
double default_bucket_width(double load_end);

// The most buckets a run may have (--bucket is refused beyond): memory goes per bucket and entity.
inline constexpr double kMaxBuckets = 100000;
// The buckets a scenario's longest possible run (load, faults and the whole drain) would take at `width`.
double buckets_at_most(const Scenario& scenario, double width);

struct RunResult {
  nlohmann::ordered_json metrics;
  nlohmann::ordered_json timeline;  // the key series over time, for the table's sparklines; null when not asked
  double wall_seconds = 0.0;        // for humans only; never written to metrics.json
  // The queueing engine's events handled (start, delivery, timer, end of work, fault); 0 on SimGrid. For
  // bench/activity_count: what a call costs that engine. Never written.
  uint64_t engine_events = 0;
  std::string output_error;  // the run went well but its outputs could not be written (none were: all or nothing)
};

// A model broke one of its own rules (a message accounted twice, conservation not holding): a bug, not bad
// input.
class RunFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace buslab
