#include "sim/output/timeseries_writer.hpp"

#include <cstdlib>

#include <fmt/format.h>

#include "sim/output/csv_text.hpp"
#include "sim/output/provenance.hpp"

namespace buslab {

namespace {

using Json = nlohmann::ordered_json;
using Entity = TimeSeries::Entity;
using Value = std::optional<double>;

constexpr unsigned bit(SeriesKind kind) {
  return 1u << static_cast<unsigned>(kind);
}
constexpr unsigned kClient = bit(SeriesKind::Client);
constexpr unsigned kServer = bit(SeriesKind::Server);
constexpr unsigned kConsumer = bit(SeriesKind::Consumer);
constexpr unsigned kQueue = bit(SeriesKind::Queue);
constexpr unsigned kBroker = bit(SeriesKind::Broker);

// Levels are kept as floats; written as the double their shortest decimal form reads as (0.1, not
// 0.10000000149011612), the same in the CSV and the JSON.
double float_value(float f) {
  return std::strtod(fmt::format("{}", f).c_str(), nullptr);
}

const ClientBucket& calls(const Entity& e, size_t i) {
  return e.calls[i];
}
const LaneBucket& lane(const Entity& e, size_t i) {
  return e.lane[i];
}
// The latencies of a bucket: of the calls a client completed, of the messages a consumer handled.
const BucketLatency& latency(const Entity& e, size_t i) {
  return e.kind == SeriesKind::Client ? e.calls[i].latency : e.done[i];
}
Value level_mean(const Entity& e, size_t i, int slot) {
  return float_value(lane(e, i).levels[slot].mean);
}
Value level_max(const Entity& e, size_t i, int slot) {
  return float_value(lane(e, i).levels[slot].max);
}

std::vector<SeriesColumn> fixed_columns() {
  using E = const Entity&;
  return {
      {"started", true, kClient, [](E e, size_t i, double, size_t) -> Value { return calls(e, i).started; }},
      {"completed", true, kClient, [](E e, size_t i, double, size_t) -> Value { return calls(e, i).completed; }},
      {"handled", true, kServer | kConsumer, [](E e, size_t i, double, size_t) -> Value { return lane(e, i).handled; }},
      {"throughput_per_s", false, kClient | kServer | kConsumer,
       [](E e, size_t i, double seconds, size_t) -> Value {
         if (seconds <= 0) return std::nullopt;
         const double n = e.kind == SeriesKind::Client ? calls(e, i).completed : lane(e, i).handled;
         return n / seconds;
       }},
      {"latency_p50_s", false, kClient | kConsumer,
       [](E e, size_t i, double, size_t) -> Value {
         return latency(e, i).count ? Value(latency(e, i).p50) : std::nullopt;
       }},
      {"latency_p99_s", false, kClient | kConsumer,
       [](E e, size_t i, double, size_t) -> Value {
         return latency(e, i).count ? Value(latency(e, i).p99) : std::nullopt;
       }},
      {"latency_max_s", false, kClient | kConsumer,
       [](E e, size_t i, double, size_t) -> Value {
         return latency(e, i).count ? Value(latency(e, i).max) : std::nullopt;
       }},
      {"timed_out", true, kClient, [](E e, size_t i, double, size_t) -> Value { return calls(e, i).timed_out; }},
      {"failed", true, kClient, [](E e, size_t i, double, size_t) -> Value { return calls(e, i).failed; }},
  };
}

std::vector<SeriesColumn> level_columns() {
  using E = const Entity&;
  return {
      {"busy_mean", false, kServer | kConsumer, [](E e, size_t i, double, size_t) { return level_mean(e, i, 0); }},
      {"busy_max", true, kServer | kConsumer, [](E e, size_t i, double, size_t) { return level_max(e, i, 0); }},
      {"backlog_mean", false, kServer | kConsumer, [](E e, size_t i, double, size_t) { return level_mean(e, i, 1); }},
      {"backlog_max", true, kServer | kConsumer, [](E e, size_t i, double, size_t) { return level_max(e, i, 1); }},
      {"held_mean", false, kServer | kConsumer, [](E e, size_t i, double, size_t) { return level_mean(e, i, 2); }},
      {"held_max", true, kServer | kConsumer, [](E e, size_t i, double, size_t) { return level_max(e, i, 2); }},
      {"ready_mean", false, kQueue, [](E e, size_t i, double, size_t) { return level_mean(e, i, 0); }},
      {"ready_max", true, kQueue, [](E e, size_t i, double, size_t) { return level_max(e, i, 0); }},
      {"unacked_mean", false, kQueue, [](E e, size_t i, double, size_t) { return level_mean(e, i, 1); }},
      {"unacked_max", true, kQueue, [](E e, size_t i, double, size_t) { return level_max(e, i, 1); }},
      {"cpu_use", false, kBroker, [](E e, size_t i, double, size_t) { return level_mean(e, i, 0); }},
      {"ops_waiting_mean", false, kBroker, [](E e, size_t i, double, size_t) { return level_mean(e, i, 1); }},
      {"ops_waiting_max", true, kBroker, [](E e, size_t i, double, size_t) { return level_max(e, i, 1); }},
  };
}

}  // namespace

std::string series_number(double value, bool integer) {
  if (integer) return fmt::format("{}", static_cast<long long>(value));
  if (value == 0) return "0";
  return fmt::format("{}", value);
}

std::vector<SeriesColumn> series_columns(const TimeSeries& series) {
  std::vector<SeriesColumn> columns = fixed_columns();
  for (size_t r = 0; r < series.failure_reasons().size(); ++r)
    columns.push_back({"failed_" + series.failure_reasons()[r], true, kClient,
                       [](const Entity& e, size_t i, double, size_t reason) -> Value {
                         for (const auto& [index, n] : e.calls[i].failures)
                           if (index == reason) return n;
                         return 0;
                       },
                       r});
  for (auto& column : level_columns()) columns.push_back(std::move(column));
  return columns;
}

void write_timeseries_csv(std::ostream& out, const TimeSeries& series) {
  const std::vector<SeriesColumn> columns = series_columns(series);
  out << "t_start_s,t_end_s,kind,entity";
  for (const auto& c : columns) out << ',' << c.name;
  out << '\n';
  std::vector<std::string> starts, ends;
  for (size_t i = 0; i < series.buckets(); ++i) {
    starts.push_back(series_number(series.bucket_start(i), false));
    ends.push_back(series_number(series.bucket_end(i), false));
  }
  // Bucket by bucket, every entity in each: rows in time order, for tools that read a stream.
  for (size_t i = 0; i < series.buckets(); ++i) {
    const double seconds = series.bucket_end(i) - series.bucket_start(i);
    for (const Entity& e : series.entities()) {
      out << starts[i] << ',' << ends[i] << ',' << to_string(e.kind) << ',' << csv_field(e.name);
      for (const auto& c : columns) {
        out << ',';
        if (!c.applies_to(e.kind)) continue;
        if (const Value v = c.value(e, i, seconds, c.extra)) out << series_number(*v, c.integer);
      }
      out << '\n';
    }
  }
}

void write_timeseries_json(std::ostream& out, const Scenario& scenario, const TimeSeries& series) {
  const std::vector<SeriesColumn> columns = series_columns(series);
  Json root;
  root["schema"] = kTimeseriesSchema;
  root["scenario"] = scenario.name;
  root["variant"] = scenario.variant;
  root["seed"] = scenario.seed;
  root["bucket_s"] = series.bucket_width();
  root["buckets"] = series.buckets();
  root["sim_time_s"] = series.end();
  Json starts = Json::array(), ends = Json::array();
  for (size_t i = 0; i < series.buckets(); ++i) {
    starts.push_back(series.bucket_start(i));
    ends.push_back(series.bucket_end(i));
  }
  root["t_start_s"] = std::move(starts);
  root["t_end_s"] = std::move(ends);
  Json faults = Json::array();
  for (const auto& f : scenario.faults)
    faults.push_back(Json{{"at_s", f.at}, {"action", fault_action_name(f.action)}, {"target", f.target}});
  root["faults"] = std::move(faults);
  // One line per key and per entity: readable with a pager, and a line-based diff says which entity changed.
  out << "{\n";
  for (const auto& [key, value] : root.items()) out << " " << Json(key).dump() << ": " << value.dump() << ",\n";
  out << " \"entities\": [";
  bool first = true;
  for (const Entity& e : series.entities()) {
    Json values = Json::object();
    for (const auto& c : columns) {
      if (!c.applies_to(e.kind)) continue;
      Json column = Json::array();
      for (size_t i = 0; i < series.buckets(); ++i) {
        const Value v = c.value(e, i, series.bucket_end(i) - series.bucket_start(i), c.extra);
        if (!v)
          column.push_back(nullptr);
        else if (c.integer)
          column.push_back(static_cast<long long>(*v));
        else
          column.push_back(*v);
      }
      values[c.name] = std::move(column);
    }
    out << (first ? "\n  " : ",\n  ")
        << Json{{"kind", to_string(e.kind)}, {"name", e.name}, {"series", std::move(values)}}.dump();
    first = false;
  }
  out << "\n ],\n \"provenance\": " << provenance_json(scenario).dump() << "\n}\n";
}

}  // namespace buslab
