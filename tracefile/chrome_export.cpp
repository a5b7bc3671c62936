#include "tracefile/chrome_export.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace buslab::tracefile {

namespace {

// Slices on one thread must nest; concurrent ones (64 workers serving at once) are dealt to as many sub-threads
// as needed, each slice to the first free one. Beyond this many, the overflow is left out rather than misnested.
constexpr size_t kMaxSlots = 256;
constexpr int kSlotTidBase = 1000000;  // tid of slot s of lane l: kSlotTidBase * (kind + 1) + l * kMaxSlots + s

std::string quoted(const std::string& text) {
  return nlohmann::json(text).dump();
}
std::string us(double seconds) {
  return fmt::format("{:.3f}", seconds * 1e6);
}

class Writer {
 public:
  explicit Writer(std::ostream& out) : out_(out) {}
  void event(const std::string& body) {
    buffer_ += first_ ? "\n" : ",\n";
    first_ = false;
    buffer_ += body;
    if (buffer_.size() > (1 << 20)) flush();
  }
  void raw(const std::string& text) { buffer_ += text; }
  void flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }

 private:
  std::ostream& out_;
  std::string buffer_;
  bool first_ = true;
};

struct Interval {
  double t0, t1;
  std::string name;
  std::string args;
};

// Deals intervals (sorted by start) to the fewest slots where they do not overlap.
std::vector<int> assign_slots(const std::vector<Interval>& intervals) {
  std::vector<int> slot(intervals.size(), -1);
  std::vector<double> free_at;
  for (size_t i = 0; i < intervals.size(); ++i) {
    size_t s = 0;
    while (s < free_at.size() && free_at[s] > intervals[i].t0) ++s;
    if (s == free_at.size()) {
      if (free_at.size() == kMaxSlots) continue;
      free_at.push_back(0);
    }
    free_at[s] = intervals[i].t1;
    slot[i] = static_cast<int>(s);
  }
  return slot;
}

// One export: the trace's parts, each written by its own step, in the order Perfetto reads them best (names
// first, then hops, slices, counters and instants).
class ChromeExport {
 public:
  ChromeExport(const Trace& trace, const TraceIndex& index, std::ostream& out)
      : trace_(trace), index_(index), w_(out) {}

  void write() {
    w_.raw(
        fmt::format("{{\"otherData\":{{\"scenario\":{},\"variant\":{},\"seed\":{},\"source\":\"buslab\"}},"
                    "\"displayTimeUnit\":\"ns\",\"traceEvents\":[",
                    quoted(trace_.scenario), quoted(trace_.variant), trace_.seed));
    names();
    hops();
    slots(service_intervals(), 1, "worker");
    slots(call_intervals(), 2, "calls");
    levels_and_instants();
    w_.raw("\n]}\n");
    w_.flush();
  }

 private:
  long pid(int lane) const { return index_.host_of(lane) + 1; }
  static int tid(int lane) { return lane + 1; }

  // A process per host, a thread per lane.
  void names() {
    for (size_t h = 0; h < index_.hosts().size(); ++h) {
      w_.event(fmt::format(R"({{"ph":"M","name":"process_name","pid":{},"tid":0,"args":{{"name":{}}}}})", h + 1,
                           quoted("host " + index_.hosts()[h])));
      w_.event(fmt::format(R"({{"ph":"M","name":"process_sort_index","pid":{},"tid":0,"args":{{"sort_index":{}}}}})",
                           h + 1, h));
    }
    for (const Lane& lane : trace_.lanes) {
      w_.event(fmt::format(R"({{"ph":"M","name":"thread_name","pid":{},"tid":{},"args":{{"name":{}}}}})", pid(lane.id),
                           tid(lane.id), quoted(lane.name + " (" + lane.kind_name + ")")));
      w_.event(fmt::format(R"({{"ph":"M","name":"thread_sort_index","pid":{},"tid":{},"args":{{"sort_index":{}}}}})",
                           pid(lane.id), tid(lane.id), lane.id * 1000));
    }
  }

  // Hops: a mark where it leaves, a mark where it arrives, a flow arrow between them.
  void hops() {
    const Hops& h = trace_.hops;
    for (size_t i = 0; i < h.size(); ++i) {
      const std::string& kind = trace_.kind_name(i);
      const std::string args = fmt::format(
          R"("args":{{"msg":{},"call":{},"method":{},"from":{},"to":{},"bytes":{},"status":{},"latency_us":{}}})",
          h.msg[i], h.call[i], quoted(trace_.method_name(i)), quoted(trace_.lanes[static_cast<size_t>(h.from[i])].name),
          quoted(trace_.lanes[static_cast<size_t>(h.to[i])].name), h.bytes[i], quoted(trace_.status_name(i)),
          h.arrived(i) ? us(h.t_recv[i] - h.t_send[i]) : "null");
      w_.event(fmt::format(R"({{"ph":"X","name":{},"cat":{},"pid":{},"tid":{},"ts":{},"dur":0,{}}})",
                           quoted(kind + " send"), quoted(kind), pid(h.from[i]), tid(h.from[i]), us(h.t_send[i]),
                           args));
      if (!h.arrived(i)) continue;
      // The details sit on the send mark only: a million-hop export is large enough already.
      w_.event(fmt::format(R"({{"ph":"X","name":{},"cat":{},"pid":{},"tid":{},"ts":{},"dur":0,"args":{{"msg":{}}}}})",
                           quoted(kind + " recv"), quoted(kind), pid(h.to[i]), tid(h.to[i]), us(h.t_recv[i]),
                           h.msg[i]));
      w_.event(fmt::format(R"({{"ph":"s","id":{},"name":{},"cat":"hop","pid":{},"tid":{},"ts":{}}})", i + 1,
                           quoted(kind), pid(h.from[i]), tid(h.from[i]), us(h.t_send[i])));
      w_.event(fmt::format(R"({{"ph":"f","bp":"e","id":{},"name":{},"cat":"hop","pid":{},"tid":{},"ts":{}}})", i + 1,
                           quoted(kind), pid(h.to[i]), tid(h.to[i]), us(h.t_recv[i])));
    }
  }

  static void sort_by_start(std::vector<std::vector<Interval>>& per_lane) {
    for (auto& v : per_lane)
      std::stable_sort(v.begin(), v.end(), [](const Interval& a, const Interval& b) { return a.t0 < b.t0; });
  }

  // Service runs per server: from each ServiceStart to the ServiceEnd of the same call.
  std::vector<std::vector<Interval>> service_intervals() const {
    const size_t lanes = trace_.lanes.size();
    std::vector<std::vector<Interval>> service(lanes);
    std::vector<std::vector<std::pair<uint64_t, double>>> open(lanes);  // (call, start) per server
    const Events& e = trace_.events;
    for (size_t i = 0; i < e.size(); ++i) {
      const auto lane = static_cast<size_t>(e.lane[i]);
      if (trace_.event_type(i) == EventType::ServiceStart) open[lane].emplace_back(e.call[i], e.t[i]);
      if (trace_.event_type(i) != EventType::ServiceEnd) continue;
      auto& o = open[lane];
      const auto it = std::find_if(o.begin(), o.end(), [&](const auto& p) { return p.first == e.call[i]; });
      if (it == o.end()) continue;
      const long row = index_.call_row(e.call[i]);
      const std::string method = row < 0 ? "" : trace_.methods.name(trace_.calls.method[static_cast<size_t>(row)]);
      service[lane].push_back(Interval{it->second, e.t[i], fmt::format("service {} #{}", method, e.call[i]),
                                       fmt::format(R"({{"call":{}}})", e.call[i])});
      o.erase(it);
    }
    sort_by_start(service);
    return service;
  }

  // Calls per client, from start to end (or to the end of the trace when unfinished).
  std::vector<std::vector<Interval>> call_intervals() const {
    std::vector<std::vector<Interval>> calls(trace_.lanes.size());
    const Calls& c = trace_.calls;
    for (size_t r = 0; r < c.size(); ++r) {
      const double end = std::isnan(c.t_end[r]) ? trace_.t_end : c.t_end[r];
      const std::string& outcome = trace_.outcomes.name(c.outcome[r]);
      calls[static_cast<size_t>(c.client[r])].push_back(
          Interval{c.t_start[r], end,
                   fmt::format("{} {} #{} ({})", c.cast[r] ? "cast" : "call", trace_.methods.name(c.method[r]),
                               c.call[r], outcome),
                   fmt::format(R"({{"call":{},"outcome":{},"latency_us":{}}})", c.call[r], quoted(outcome),
                               us(end - c.t_start[r]))});
    }
    sort_by_start(calls);
    return calls;
  }

  // Intervals dealt to sub-threads of their lane so that slices nest.
  void slots(const std::vector<std::vector<Interval>>& per_lane, int group, const char* label) {
    for (size_t lane = 0; lane < per_lane.size(); ++lane) {
      const auto& intervals = per_lane[lane];
      if (intervals.empty()) continue;
      const std::vector<int> slot = assign_slots(intervals);
      const int used = *std::max_element(slot.begin(), slot.end()) + 1;
      const auto l = static_cast<int>(lane);
      const auto slot_tid = [&](int s) { return kSlotTidBase * group + l * static_cast<int>(kMaxSlots) + s; };
      for (int s = 0; s < used; ++s) {
        w_.event(fmt::format(R"({{"ph":"M","name":"thread_name","pid":{},"tid":{},"args":{{"name":{}}}}})", pid(l),
                             slot_tid(s), quoted(fmt::format("{} {} {}", trace_.lanes[lane].name, label, s + 1))));
        w_.event(fmt::format(R"({{"ph":"M","name":"thread_sort_index","pid":{},"tid":{},"args":{{"sort_index":{}}}}})",
                             pid(l), slot_tid(s), l * 1000 + 1 + s));
      }
      for (size_t i = 0; i < intervals.size(); ++i) {
        if (slot[i] < 0) continue;
        const Interval& iv = intervals[i];
        w_.event(fmt::format(R"({{"ph":"X","name":{},"cat":{},"pid":{},"tid":{},"ts":{},"dur":{},"args":{}}})",
                             quoted(iv.name), quoted(label), pid(l), slot_tid(slot[i]), us(iv.t0), us(iv.t1 - iv.t0),
                             iv.args));
      }
    }
  }

  // Levels as counters, faults and timeouts as instants.
  void levels_and_instants() {
    const Events& e = trace_.events;
    for (size_t i = 0; i < e.size(); ++i) {
      const EventType type = trace_.event_type(i);
      const int lane = e.lane[i];
      const std::string& lane_name = trace_.lanes[static_cast<size_t>(lane)].name;
      if (type == EventType::Depth || type == EventType::Busy || type == EventType::Backlog ||
          type == EventType::Bytes) {
        const char* what = type == EventType::Depth     ? "depth"
                           : type == EventType::Busy    ? "busy"
                           : type == EventType::Backlog ? "backlog"
                                                        : "bytes";
        w_.event(fmt::format(R"({{"ph":"C","name":{},"pid":{},"ts":{},"args":{{{}:{}}}}})",
                             quoted(fmt::format("{} {}", what, lane_name)), pid(lane), us(e.t[i]), quoted(what),
                             e.value[i]));
      } else if (type != EventType::ServiceStart && type != EventType::ServiceEnd && type != EventType::Done) {
        // (A consumer's "done" is one per message: the busy counter already shows its work.)
        // Faults, timeouts, up and down, broker connections and alarms, and types this build does not know.
        w_.event(fmt::format(
            R"({{"ph":"i","s":"t","name":{},"cat":{},"pid":{},"tid":{},"ts":{},"args":{{"call":{}}}}})",
            quoted(trace_.event_types.name(e.type[i])), type == EventType::Report ? R"("heartbeat")" : R"("fault")",
            pid(lane), tid(lane), us(e.t[i]), e.call[i]));
      }
    }
  }

  const Trace& trace_;
  const TraceIndex& index_;
  Writer w_;
};

}  // namespace

void write_chrome_trace(const Trace& trace, const TraceIndex& index, std::ostream& out) {
  ChromeExport(trace, index, out).write();
}

}  // namespace buslab::tracefile
