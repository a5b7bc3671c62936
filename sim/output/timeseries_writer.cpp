#include "sim/output/timeseries_writer.hpp"

#include <charconv>
#include <cmath>
#include <iterator>

#include <fmt/compile.h>
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
// 0.10000000149011612), the same in the CSV and the JSON. Most levels are small whole numbers (0 and 1 workers
// busy), which are that double already: they skip the text.
double float_value(float f) {
  if (std::fabs(f) < 16777216.0f && f == std::trunc(f)) return static_cast<double>(f);
  char text[32];
  const auto end = fmt::format_to(text, FMT_COMPILE("{}"), f);
  double value = 0;
  std::from_chars(text, end, value);
  return value;
}

// Text built in memory and written to the stream in large pieces: a file of millions of short fields costs
// nothing per character that way.
struct ChunkedText {
  explicit ChunkedText(std::ostream& stream) : out(stream) { buffer.reserve(kChunk + 4096); }
  ~ChunkedText() { flush(); }
  ChunkedText(const ChunkedText&) = delete;
  ChunkedText& operator=(const ChunkedText&) = delete;
  void flush_when_full() {
    if (buffer.size() >= kChunk) flush();
  }
  void flush() {
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    buffer.clear();
  }
  static constexpr size_t kChunk = 1 << 16;
  std::ostream& out;
  std::string buffer;
};

void append_series_number(std::string& text, double value, bool integer) {
  if (integer)
    fmt::format_to(std::back_inserter(text), FMT_COMPILE("{}"), static_cast<long long>(value));
  else if (value == 0)
    text += '0';
  else
    fmt::format_to(std::back_inserter(text), FMT_COMPILE("{}"), value);
}

// A number as nlohmann::json writes it (the serializer's own conversion): the JSON is written without building
// its document, with the same bytes.
void append_json_number(std::string& text, double value, bool integer) {
  if (integer) {
    fmt::format_to(std::back_inserter(text), FMT_COMPILE("{}"), static_cast<long long>(value));
    return;
  }
  if (!std::isfinite(value)) {
    text += "null";
    return;
  }
  char digits[64];
  char* end = nlohmann::detail::to_chars(digits, digits + sizeof digits, value);
  text.append(digits, static_cast<size_t>(end - digits));
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

// One entity of timeseries.json, as nlohmann::json would dump {"kind", "name", "series": {column: [values]}}.
void append_entity_json(std::string& text, const TimeSeries& series, const std::vector<SeriesColumn>& columns,
                        const Entity& e) {
  ((text += "{\"kind\":\"") += to_string(e.kind)) += "\",\"name\":";
  (text += Json(e.name).dump()) += ",\"series\":{";
  bool first_column = true;
  for (const auto& c : columns) {
    if (!c.applies_to(e.kind)) continue;
    if (!first_column) text += ',';
    first_column = false;
    (text += Json(c.name).dump()) += ":[";
    for (size_t i = 0; i < series.buckets(); ++i) {
      if (i > 0) text += ',';
      if (const Value v = c.value(e, i, series.bucket_end(i) - series.bucket_start(i), c.extra))
        append_json_number(text, *v, c.integer);
      else
        text += "null";
    }
    text += ']';
  }
  text += "}}";
}

}  // namespace

std::string series_number(double value, bool integer) {
  std::string text;
  append_series_number(text, value, integer);
  return text;
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
  ChunkedText text(out);
  text.buffer += "t_start_s,t_end_s,kind,entity";
  for (const auto& c : columns) (text.buffer += ',') += c.name;
  text.buffer += '\n';
  // What starts each row, computed once: "<t_start>,<t_end>," per bucket, "<kind>,<entity>" per entity.
  std::vector<std::string> bounds, heads;
  for (size_t i = 0; i < series.buckets(); ++i) {
    std::string b;
    append_series_number(b, series.bucket_start(i), false);
    b += ',';
    append_series_number(b, series.bucket_end(i), false);
    bounds.push_back(std::move(b) + ',');
  }
  for (const Entity& e : series.entities()) heads.push_back(std::string(to_string(e.kind)) + ',' + csv_field(e.name));
  // Bucket by bucket, every entity in each: rows in time order, for tools that read a stream.
  for (size_t i = 0; i < series.buckets(); ++i) {
    const double seconds = series.bucket_end(i) - series.bucket_start(i);
    for (size_t k = 0; k < series.entities().size(); ++k) {
      const Entity& e = series.entities()[k];
      (text.buffer += bounds[i]) += heads[k];
      for (const auto& c : columns) {
        text.buffer += ',';
        if (!c.applies_to(e.kind)) continue;
        if (const Value v = c.value(e, i, seconds, c.extra)) append_series_number(text.buffer, *v, c.integer);
      }
      text.buffer += '\n';
      text.flush_when_full();
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
  ChunkedText text(out);
  bool first = true;
  for (const Entity& e : series.entities()) {
    text.buffer += first ? "\n  " : ",\n  ";
    append_entity_json(text.buffer, series, columns, e);
    text.flush_when_full();
    first = false;
  }
  text.flush();
  out << "\n ],\n \"provenance\": " << provenance_json(scenario).dump() << "\n}\n";
}

}  // namespace buslab
