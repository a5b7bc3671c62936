#include "sim/output/sparklines.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "sim/output/human_time.hpp"

namespace buslab {

namespace {

using Json = nlohmann::ordered_json;
constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

// What one slot sums up from its buckets.
struct Slot {
  double completed = 0, errors = 0;
  double worst_p99 = kNone;
  double ready = 0, backlog = 0, busy = 0;  // level x seconds
};

Json values_json(const std::vector<double>& values) {
  Json out = Json::array();
  for (double v : values)
    if (std::isnan(v))
      out.push_back(nullptr);
    else
      out.push_back(v);
  return out;
}

std::vector<double> values_of(const Json& list) {
  std::vector<double> out;
  for (const auto& v : list) out.push_back(v.is_null() ? kNone : v.get<double>());
  return out;
}

struct SeriesLine {
  const char* key;
  const char* label;
  bool time;  // seconds (a human time for its max), else a count
};

constexpr SeriesLine kLines[] = {
    {"completed_per_s", "calls completed per second", false},
    {"latency_p99_s", "latency p99 of the calls completed", true},
    {"errors", "calls timed out or failed", false},
    {"ready", "messages ready in queues", false},
    {"backlog", "requests waiting in executors", false},
    {"busy", "busy workers", false},
};

// "400 ms", "2 s", "24.8 s": the slot width and the axis' end.
std::string round_seconds(double s) {
  return s < 1 ? fmt::format("{:g} ms", s * 1e3) : fmt::format("{:g} s", s);
}

std::string count_label(double v) {
  if (v >= 100) return fmt::format("{:.0f}", v);
  if (v >= 10) return fmt::format("{:.1f}", v);
  return fmt::format("{:.2f}", v);
}

}  // namespace

std::string sparkline(const std::vector<double>& values, double top) {
  static const char* const marks[] = {"\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588"};
  std::string out;
  for (double v : values) {
    if (std::isnan(v) || v <= 0 || !(top > 0)) {
      out += ' ';
      continue;
    }
    const int level = std::clamp(static_cast<int>(std::ceil(v / top * 8.0)) - 1, 0, 7);
    out += marks[level];
  }
  return out;
}

Json timeline_json(const TimeSeries& series, double load_end) {
  const double width = series.bucket_width();
  const size_t load_buckets = static_cast<size_t>(std::max(1.0, std::ceil(load_end / width - 1e-9)));
  const size_t per_slot = (load_buckets + kTimelineSlots - 1) / kTimelineSlots;
  std::vector<Slot> slots((series.buckets() + per_slot - 1) / per_slot);
  for (size_t i = 0; i < series.buckets(); ++i) {
    Slot& slot = slots[i / per_slot];
    const double seconds = series.bucket_end(i) - series.bucket_start(i);
    for (const auto& e : series.entities()) {
      switch (e.kind) {
        case SeriesKind::Client:
          if (e.name != "*") break;
          slot.completed += e.calls[i].completed;
          slot.errors += e.calls[i].timed_out + e.calls[i].failed;
          if (e.calls[i].latency.count)
            slot.worst_p99 =
                std::isnan(slot.worst_p99) ? e.calls[i].latency.p99 : std::max(slot.worst_p99, e.calls[i].latency.p99);
          break;
        case SeriesKind::Server:
        case SeriesKind::Consumer:
          slot.busy += e.lane[i].levels[0].mean * seconds;
          slot.backlog += e.lane[i].levels[1].mean * seconds;
          break;
        case SeriesKind::Queue:
          slot.ready += e.lane[i].levels[0].mean * seconds;
          break;
        case SeriesKind::Broker:
          break;
      }
    }
  }
  std::vector<double> completed, p99, errors, ready, backlog, busy;
  // Over the slot's full width, the last one's too: a short last bucket would otherwise show a burst of rate.
  const double span = width * static_cast<double>(per_slot);
  for (const Slot& s : slots) {
    completed.push_back(s.completed / span);
    p99.push_back(s.worst_p99);
    errors.push_back(s.errors);
    ready.push_back(s.ready / span);
    backlog.push_back(s.backlog / span);
    busy.push_back(s.busy / span);
  }
  return Json{{"slot_s", width * static_cast<double>(per_slot)},
              {"series", Json{{"completed_per_s", values_json(completed)},
                              {"latency_p99_s", values_json(p99)},
                              {"errors", values_json(errors)},
                              {"ready", values_json(ready)},
                              {"backlog", values_json(backlog)},
                              {"busy", values_json(busy)}}}};
}

Json average_timelines(const std::vector<Json>& timelines) {
  std::vector<const Json*> present;
  for (const auto& t : timelines)
    if (t.is_object()) present.push_back(&t);
  if (present.empty()) return nullptr;
  Json series = Json::object();
  for (const SeriesLine& line : kLines) {
    std::vector<double> sum, n;
    for (const Json* t : present) {
      const std::vector<double> values = values_of(t->at("series").at(line.key));
      if (sum.size() < values.size()) sum.resize(values.size(), 0), n.resize(values.size(), 0);
      for (size_t i = 0; i < values.size(); ++i) {
        if (std::isnan(values[i])) continue;
        sum[i] = line.time ? std::max(sum[i], values[i]) : sum[i] + values[i];
        n[i] += 1;
      }
    }
    for (size_t i = 0; i < sum.size(); ++i) sum[i] = n[i] == 0 ? kNone : line.time ? sum[i] : sum[i] / n[i];
    series[line.key] = values_json(sum);
  }
  return Json{{"slot_s", present.front()->at("slot_s")}, {"series", std::move(series)}};
}

std::string sparklines_text(const std::vector<VariantOutcome>& runs, size_t max_marks) {
  std::vector<const VariantOutcome*> with;
  for (const auto& run : runs)
    if (run.timeline.is_object()) with.push_back(&run);
  if (with.empty()) return "";
  const double slot = with.front()->timeline.at("slot_s").get<double>();
  size_t label_width = 0, longest = 0;
  for (const auto* run : with) {
    label_width = std::max(label_width, run->name.size());
    longest = std::max(longest, run->timeline.at("series").at("busy").size());
  }
  const size_t shown = std::min(longest, max_marks);
  std::string out =
      fmt::format("over time: one mark per {} from 0 to {}{}; each series on one scale, its top given\n",
                  round_seconds(slot), round_seconds(slot * static_cast<double>(shown)),
                  shown < longest ? fmt::format(" (of {})", round_seconds(slot * static_cast<double>(longest))) : "");
  for (const SeriesLine& line : kLines) {
    double top = 0;
    for (const auto* run : with)
      for (double v : values_of(run->timeline.at("series").at(line.key)))
        if (!std::isnan(v)) top = std::max(top, v);
    if (top <= 0) continue;  // nothing to show in any run (no queue, no error)
    out += fmt::format("{} (top {})\n", line.label, line.time ? human_seconds(top) : count_label(top));
    for (const auto* run : with) {
      std::vector<double> values = values_of(run->timeline.at("series").at(line.key));
      if (values.size() > shown) values.resize(shown);
      std::string marks = sparkline(values, top);
      marks.erase(marks.find_last_not_of(' ') + 1);
      out += fmt::format("  {:<{}}  {}\n", run->name, label_width, marks);
    }
  }
  return out;
}

}  // namespace buslab
