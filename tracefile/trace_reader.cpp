#include "tracefile/trace_reader.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <new>
#include <numeric>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace buslab::tracefile {

namespace {

using json = nlohmann::json;

// One scalar handed over by the SAX parser, or the start of a container where a scalar was expected.
struct Value {
  enum Type { Null, Bool, Integer, Float, String, Object, Array } type = Null;
  double number = 0;
  bool negative = false;
  uint64_t magnitude = 0;  // integers: |value|
  const std::string* text = nullptr;
};

std::string describe(const Value& v) {
  switch (v.type) {
    case Value::Null:
      return "null";
    case Value::Bool:
      return v.number != 0 ? "true" : "false";
    case Value::Integer:
      return v.negative ? fmt::format("-{}", v.magnitude) : fmt::format("{}", v.magnitude);
    case Value::Float:
      return fmt::format("{}", v.number);
    case Value::String: {
      std::string s = *v.text;
      if (s.size() > 40) s = s.substr(0, 37) + "...";
      return json(s).dump();
    }
    case Value::Object:
      return "an object";
    case Value::Array:
      return "an array";
  }
  return "?";
}

enum class Table { Hops, Events, Calls };
constexpr const char* kTableNames[] = {"hops", "events", "calls"};
constexpr const char* kFieldsNames[] = {"hop_fields", "event_fields", "call_fields"};

// Columns this reader uses, per table, in the order of the *Row structs below. Others are skipped.
const std::vector<std::string> kHopColumns = {"msg",    "call",   "kind",  "from",   "to",
                                              "t_send", "t_recv", "bytes", "method", "status"};
const std::vector<std::string> kEventColumns = {"t", "lane", "type", "value", "call"};
const std::vector<std::string> kCallColumns = {"call",    "client", "method",  "mode",
                                               "t_start", "t_end",  "outcome", "server"};
const std::vector<std::string>& columns_of(Table t) {
  return t == Table::Hops ? kHopColumns : t == Table::Events ? kEventColumns : kCallColumns;
}
// Columns read when a trace has them, numbered after the required ones: a call's parent (the call during whose
// handling it was made; 0 for a root call), for following a tree of nested calls.
const std::vector<std::string> kOptionalCallColumns = {"parent"};

constexpr int kSkip = -1;

constexpr const char* kTimeRange = "a time in seconds from 0 to 1e16";
constexpr const char* kCountRange = "a number from 0 to 2^53 (9007199254740992)";
// Counts and sizes up to 2^53 stay exact as doubles, which the viewer and the exports compute with.
constexpr double kMaxTraceCount = 9007199254740992.0;
static_assert(kMaxTraceSeconds == 1e16, "kTimeRange names the bound");

bool in_time_range(double t) {
  return t >= 0 && t <= kMaxTraceSeconds;
}

class Handler {
 public:
  explicit Handler(Trace& trace) : trace_(trace) {}

  const std::string& error() const { return error_; }
  bool parse_failed() const { return parse_failed_; }
  size_t error_byte() const { return error_byte_; }

  // --- nlohmann SAX interface ---
  bool null() { return scalar(Value{}); }
  bool boolean(bool b) {
    Value v;
    v.type = Value::Bool;
    v.number = b ? 1 : 0;
    return scalar(v);
  }
  bool number_integer(json::number_integer_t n) {
    Value v;
    v.type = Value::Integer;
    v.number = static_cast<double>(n);
    v.negative = n < 0;
    v.magnitude = n < 0 ? uint64_t{0} - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
    return scalar(v);
  }
  bool number_unsigned(json::number_unsigned_t n) {
    Value v;
    v.type = Value::Integer;
    v.number = static_cast<double>(n);
    v.magnitude = n;
    return scalar(v);
  }
  bool number_float(json::number_float_t n, const std::string&) {
    Value v;
    v.type = Value::Float;
    v.number = n;
    return scalar(v);
  }
  bool string(std::string& s) {
    Value v;
    v.type = Value::String;
    v.text = &s;
    return scalar(v);
  }
  bool binary(json::binary_t&) { return fail("unexpected binary value"); }
  bool key(std::string& k) {
    if (skip_ > 0) {
      if (capture_) {
        capture_keys_.resize(static_cast<size_t>(skip_));
        capture_keys_.back() = k;
      }
      return true;
    }
    if (depth_ == 1) top_key_ = k;
    if (depth_ == 3 && section_ == Section::Lanes) lane_key_ = k;
    return true;
  }
  bool start_object(size_t) {
    if (skip_ > 0) return ++skip_, true;
    if (depth_ == 0) return ++depth_, true;
    if (depth_ == 2 && section_ == Section::Lanes) {
      lane_ = Lane{};
      lane_seen_ = 0;
      return ++depth_, true;
    }
    Value v;
    v.type = Value::Object;
    return container_as_scalar(v);
  }
  bool end_object() {
    if (skip_ > 0) {
      --skip_;
      capture_ = capture_ && skip_ > 0;
      return true;
    }
    --depth_;
    if (depth_ == 2 && section_ == Section::Lanes) return end_lane();
    if (depth_ == 0) return end_document();
    return true;
  }
  bool start_array(size_t) {
    if (skip_ > 0) return ++skip_, true;
    if (depth_ == 0) return fail("not a buslab trace: the file holds a JSON array, not an object");
    if (depth_ == 1) return start_section();
    if (depth_ == 2 && section_ == Section::Records) {
      column_ = 0;
      return ++depth_, true;
    }
    Value v;
    v.type = Value::Array;
    return container_as_scalar(v);
  }
  bool end_array() {
    if (skip_ > 0) return --skip_, true;
    --depth_;
    if (depth_ == 2 && section_ == Section::Records) return end_record();
    if (depth_ == 1) return end_section();
    return true;
  }
  bool parse_error(size_t position, const std::string&, const nlohmann::detail::exception& ex) {
    parse_failed_ = true;
    error_byte_ = position;
    // nlohmann's text repeats the position ("[json.exception...] parse error at line 3, column 6: "): keep the rest.
    error_ = ex.what();
    if (error_.rfind("[json.exception.", 0) == 0 && error_.find("] ") != std::string::npos)
      error_ = error_.substr(error_.find("] ") + 2);
    const size_t column = error_.find("column ");
    const size_t colon = column == std::string::npos ? column : error_.find(": ", column);
    if (colon != std::string::npos) error_ = error_.substr(colon + 2);
    return false;
  }

 private:
  enum class Section { None, Lanes, Fields, Records };

  bool fail(const std::string& message) {
    if (error_.empty()) error_ = message;
    return false;
  }
  std::string where() const { return fmt::format("{}[{}]", kTableNames[static_cast<int>(table_)], row_count()); }
  size_t row_count() const {
    switch (table_) {
      case Table::Hops:
        return trace_.hops.size();
      case Table::Events:
        return trace_.events.size();
      case Table::Calls:
        return trace_.calls.size();
    }
    return 0;
  }

  // A container where this reader expects a scalar: an error inside records, skipped elsewhere.
  bool container_as_scalar(const Value& v) {
    if (depth_ == 1 && top_key_ != "lanes" && !is_table_key(top_key_)) {
      skip_ = 1;  // an unknown top-level object: later versions may add some
      // ... but the run's ledger is read, as flat "dropped.refused" = count pairs.
      capture_ = top_key_ == "conservation" && v.type == Value::Object;
      capture_clock_ = false;
      capture_keys_.clear();
      return true;
    }
    if (depth_ == 3 && section_ == Section::Lanes) {
      skip_ = 1;  // an unknown nested lane attribute, but a host's clock is read
      capture_ = capture_clock_ = lane_key_ == "clock" && v.type == Value::Object;
      capture_keys_.clear();
      return true;
    }
    if (depth_ == 3 && section_ == Section::Records) {
      const auto& map = column_map_[static_cast<int>(table_)];
      if (column_ < map.size() && map[column_] == kSkip) {
        ++column_;
        skip_ = 1;  // a structured value in a column this reader does not use
        return true;
      }
    }
    return scalar(v);
  }

  static bool is_table_key(const std::string& k) {
    for (int t = 0; t < 3; ++t)
      if (k == kTableNames[t] || k == kFieldsNames[t]) return true;
    return false;
  }

  bool scalar(const Value& v) {
    if (skip_ > 0) {
      if (capture_ && capture_clock_) return skip_ == 1 ? clock_value(v) : true;
      if (capture_ && (v.type == Value::Integer || v.type == Value::Float) &&
          capture_keys_.size() == static_cast<size_t>(skip_))
        trace_.conservation.emplace_back(fmt::format("{}", fmt::join(capture_keys_, ".")), v.number);
      return true;
    }
    switch (depth_) {
      case 0:
        return fail(fmt::format("not a buslab trace: the file holds {}, not an object", describe(v)));
      case 1:
        return top_value(v);
      case 2:
        if (section_ == Section::Fields) return field_name(v);
        if (section_ == Section::Lanes)
          return fail(fmt::format("lanes[{}]: expected an object, found {}", trace_.lanes.size(), describe(v)));
        return fail(fmt::format("{}: expected an array (one record), found {}", where(), describe(v)));
      case 3:
        if (section_ == Section::Lanes) return lane_value(v);
        return cell(v);
    }
    return fail("unexpected nesting");
  }

  // --- header ---
  bool top_value(const Value& v) {
    if (top_key_ == "format") {
      if (v.type != Value::String || *v.text != "buslab-trace")
        return fail(fmt::format("not a buslab trace: \"format\" is {}, expected \"buslab-trace\"", describe(v)));
      format_seen_ = true;
    } else if (top_key_ == "version") {
      if (v.type != Value::Integer || v.negative)
        return fail(fmt::format("\"version\": expected an integer, found {}", describe(v)));
      if (v.magnitude != kTraceFormatVersion)
        return fail(fmt::format("trace format version {} is not supported (this build reads version {})", v.magnitude,
                                kTraceFormatVersion));
      trace_.version = static_cast<int>(v.magnitude);
    } else if (top_key_ == "scenario" || top_key_ == "variant") {
      if (v.type != Value::String)
        return fail(fmt::format("\"{}\": expected a string, found {}", top_key_, describe(v)));
      (top_key_ == "scenario" ? trace_.scenario : trace_.variant) = *v.text;
    } else if (top_key_ == "seed") {
      if (v.type != Value::Integer) return fail(fmt::format("\"seed\": expected an integer, found {}", describe(v)));
      trace_.seed = v.negative ? -static_cast<int64_t>(v.magnitude) : static_cast<int64_t>(v.magnitude);
    } else if (top_key_ == "sim_time_s") {
      if ((v.type != Value::Integer && v.type != Value::Float) || !in_time_range(v.number))
        return fail(fmt::format("\"sim_time_s\": expected {}, found {}", kTimeRange, describe(v)));
      trace_.sim_time_s = v.number;
    } else if (top_key_ == "lanes" || is_table_key(top_key_)) {
      return fail(fmt::format("\"{}\": expected an array, found {}", top_key_, describe(v)));
    }
    return true;  // an unknown key: later versions may add some
  }

  bool start_section() {
    const std::string& k = top_key_;
    const bool known = k == "lanes" || is_table_key(k);
    if (!known) {
      skip_ = 1;
      return true;
    }
    if (!format_seen_)
      return fail(fmt::format("not a buslab trace: \"{}\" comes before \"format\": \"buslab-trace\"", k));
    if (trace_.version == 0) return fail(fmt::format("\"{}\" comes before \"version\"", k));
    if (!sections_seen_.insert(k).second) return fail(fmt::format("\"{}\" appears twice", k));
    ++depth_;
    if (k == "lanes") {
      section_ = Section::Lanes;
      return true;
    }
    for (int t = 0; t < 3; ++t) {
      if (k == kFieldsNames[t]) {
        section_ = Section::Fields;
        table_ = static_cast<Table>(t);
        field_names_.clear();
        return true;
      }
      if (k == kTableNames[t]) {
        section_ = Section::Records;
        table_ = static_cast<Table>(t);
        if (column_map_[t].empty())
          return fail(fmt::format("\"{}\" comes before \"{}\", which names its columns", k, kFieldsNames[t]));
        return true;
      }
    }
    return fail("unreachable");
  }

  bool end_section() {
    if (section_ == Section::Fields) {
      const int t = static_cast<int>(table_);
      const auto& wanted = columns_of(table_);
      std::vector<int> map(field_names_.size(), kSkip);
      for (size_t w = 0; w < wanted.size(); ++w) {
        const auto it = std::find(field_names_.begin(), field_names_.end(), wanted[w]);
        if (it == field_names_.end())
          return fail(fmt::format("\"{}\" lacks the column \"{}\" (it has: {})", kFieldsNames[t], wanted[w],
                                  fmt::join(field_names_, ", ")));
        map[static_cast<size_t>(it - field_names_.begin())] = static_cast<int>(w);
      }
      if (table_ == Table::Calls)
        for (size_t o = 0; o < kOptionalCallColumns.size(); ++o) {
          const auto it = std::find(field_names_.begin(), field_names_.end(), kOptionalCallColumns[o]);
          if (it != field_names_.end())
            map[static_cast<size_t>(it - field_names_.begin())] = static_cast<int>(wanted.size() + o);
        }
      column_map_[t] = std::move(map);
    }
    section_ = Section::None;
    return true;
  }

  bool field_name(const Value& v) {
    if (v.type != Value::String)
      return fail(fmt::format("\"{}\": expected column names (strings), found {}",
                              kFieldsNames[static_cast<int>(table_)], describe(v)));
    field_names_.push_back(*v.text);
    return true;
  }

  // --- lanes ---
  bool lane_value(const Value& v) {
    const size_t index = trace_.lanes.size();
    const auto text = [&](std::string& out, int bit) {
      if (v.type != Value::String)
        return fail(fmt::format("lanes[{}]: \"{}\": expected a string, found {}", index, lane_key_, describe(v)));
      out = *v.text;
      lane_seen_ |= bit;
      return true;
    };
    const auto integer = [&](int& out, int bit) {
      if (v.type != Value::Integer || v.negative || v.magnitude > 1u << 30)
        return fail(
            fmt::format("lanes[{}]: \"{}\": expected an integer >= 0, found {}", index, lane_key_, describe(v)));
      out = static_cast<int>(v.magnitude);
      lane_seen_ |= bit;
      return true;
    };
    if (lane_key_ == "id") return integer(lane_.id, 1);
    if (lane_key_ == "name") return text(lane_.name, 2);
    if (lane_key_ == "kind") {
      if (!text(lane_.kind_name, 4)) return false;
      lane_.kind = lane_kind_from(lane_.kind_name);
      return true;
    }
    if (lane_key_ == "host") return text(lane_.host, 8);
    if (lane_key_ == "broker") return text(lane_.broker, 0);
    if (lane_key_ == "service") return text(lane_.service, 0);
    if (lane_key_ == "workers") return integer(lane_.workers, 0);
    return true;
  }

  // A skewed host's clock (docs/trace-format.md): its numbers, within bounds that keep readings finite.
  bool clock_value(const Value& v) {
    const std::string& key = capture_keys_.back();
    const bool number = v.type == Value::Integer || v.type == Value::Float;
    const auto read = [&](double& out, double low, double high, const char* expected) {
      if (!number || !(v.number >= low && v.number <= high))
        return fail(fmt::format("lanes[{}]: \"clock.{}\": expected {}, found {}", trace_.lanes.size(), key, expected,
                                describe(v)));
      out = v.number;
      lane_.clock_seen = true;
      return true;
    };
    if (key == "offset") return read(lane_.clock.offset, -1e9, 1e9, "seconds from -1e9 to 1e9");
    if (key == "drift_ppm") return read(lane_.clock.drift_ppm, -1e5, 1e5, "parts per million from -1e5 to 1e5");
    if (key == "ntp_interval") return read(lane_.clock.ntp_interval, 0, kMaxTraceSeconds, kTimeRange);
    return true;  // a later version's
  }

  bool end_lane() {
    const size_t index = trace_.lanes.size();
    constexpr const char* keys[] = {"id", "name", "kind", "host"};
    for (int b = 0; b < 4; ++b)
      if (!(lane_seen_ & (1 << b))) return fail(fmt::format("lanes[{}]: missing \"{}\"", index, keys[b]));
    if (static_cast<size_t>(lane_.id) != index)
      return fail(
          fmt::format("lanes[{}]: \"id\" is {}, expected {} (ids are 0..N-1 in list order)", index, lane_.id, index));
    trace_.lanes.push_back(std::move(lane_));
    return true;
  }

  // --- records ---
  bool cell(const Value& v) {
    const auto& map = column_map_[static_cast<int>(table_)];
    if (column_ >= map.size())
      return fail(fmt::format("{}: more values than the {} columns of \"{}\"", where(), map.size(),
                              kFieldsNames[static_cast<int>(table_)]));
    const int target = map[column_++];
    if (target == kSkip) return true;
    switch (table_) {
      case Table::Hops:
        return hop_cell(target, v);
      case Table::Events:
        return event_cell(target, v);
      case Table::Calls:
        return call_cell(target, v);
    }
    return true;
  }

  bool bad(int target, const std::string& expected, const Value& v) {
    return fail(fmt::format("{}: column \"{}\": expected {}, found {}", where(), columns_of(table_)[target], expected,
                            describe(v)));
  }
  bool get_uint(int target, const Value& v, uint64_t& out) {
    if (v.type != Value::Integer || v.negative) return bad(target, "an integer >= 0", v);
    out = v.magnitude;
    return true;
  }
  bool get_lane(int target, const Value& v, int32_t& out, bool allow_none) {
    if (v.type != Value::Integer) return bad(target, "a lane id", v);
    if (v.negative) {
      if (allow_none && v.magnitude == 1) return out = -1, true;
      return bad(target, allow_none ? "a lane id or -1" : "a lane id", v);
    }
    if (v.magnitude > INT32_MAX) return bad(target, "a lane id", v);
    out = static_cast<int32_t>(v.magnitude);
    return true;
  }
  // Times within [0, kMaxTraceSeconds] only: beyond, a value is garbage that would reach the exports as "inf" or
  // NaN coordinates.
  bool get_time(int target, const Value& v, double& out, bool allow_null) {
    if (allow_null && v.type == Value::Null) return out = NAN, true;
    if ((v.type != Value::Integer && v.type != Value::Float) || !in_time_range(v.number))
      return bad(target, allow_null ? fmt::format("{} or null", kTimeRange) : std::string(kTimeRange), v);
    out = v.number;
    return true;
  }
  bool get_name(int target, const Value& v, StringTable& table, uint32_t& out) {
    if (v.type != Value::String) return bad(target, "a string", v);
    out = table.intern(*v.text);
    return true;
  }
  bool get_small_name(int target, const Value& v, StringTable& table, uint8_t& out) {
    uint32_t index = 0;
    if (!get_name(target, v, table, index)) return false;
    if (index > 255)
      return fail(
          fmt::format("{}: more than 255 distinct values in column \"{}\"", where(), columns_of(table_)[target]));
    out = static_cast<uint8_t>(index);
    return true;
  }

  struct HopRow {
    uint64_t msg = 0, call = 0, bytes = 0;
    int32_t from = 0, to = 0;
    double t_send = 0, t_recv = 0;
    uint32_t method = 0;
    uint8_t kind = 0, status = 0;
  } hop_;
  struct EventRow {
    double t = 0, value = 0;
    int32_t lane = 0;
    uint8_t type = 0;
    uint64_t call = 0;
  } event_;
  struct CallRow {
    uint64_t call = 0;
    int32_t client = 0, server = -1;
    uint32_t method = 0, outcome = 0;
    uint8_t cast = 0;
    double t_start = 0, t_end = 0;
    uint64_t parent = 0;
  } call_;

  bool hop_cell(int target, const Value& v) {
    switch (target) {
      case 0:
        return get_uint(target, v, hop_.msg);
      case 1:
        return get_uint(target, v, hop_.call);
      case 2:
        return get_small_name(target, v, trace_.hop_kinds, hop_.kind);
      case 3:
        return get_lane(target, v, hop_.from, false);
      case 4:
        return get_lane(target, v, hop_.to, false);
      case 5:
        return get_time(target, v, hop_.t_send, false);
      case 6:
        return get_time(target, v, hop_.t_recv, true);
      case 7:
        if (!get_uint(target, v, hop_.bytes)) return false;
        return hop_.bytes <= static_cast<uint64_t>(kMaxTraceCount) || bad(target, kCountRange, v);
      case 8:
        if (v.type == Value::String && last_method_ && *v.text == *last_method_)
          return hop_.method = last_method_id_, true;
        if (!get_name(target, v, trace_.methods, hop_.method)) return false;
        last_method_ = &trace_.methods.name(hop_.method);
        last_method_id_ = hop_.method;
        return true;
      case 9:
        return get_small_name(target, v, trace_.hop_statuses, hop_.status);
    }
    return true;
  }
  bool event_cell(int target, const Value& v) {
    switch (target) {
      case 0:
        return get_time(target, v, event_.t, false);
      case 1:
        return get_lane(target, v, event_.lane, false);
      case 2:
        return get_small_name(target, v, trace_.event_types, event_.type);
      case 3:
        if ((v.type != Value::Integer && v.type != Value::Float) || !(v.number >= 0 && v.number <= kMaxTraceCount))
          return bad(target, kCountRange, v);
        event_.value = v.number;
        return true;
      case 4:
        return get_uint(target, v, event_.call);
    }
    return true;
  }
  bool call_cell(int target, const Value& v) {
    switch (target) {
      case 0:
        return get_uint(target, v, call_.call);
      case 1:
        return get_lane(target, v, call_.client, false);
      case 2:
        return get_name(target, v, trace_.methods, call_.method);
      case 3:
        if (v.type != Value::String || (*v.text != "call" && *v.text != "cast"))
          return bad(target, "\"call\" or \"cast\"", v);
        call_.cast = *v.text == "cast";
        return true;
      case 4:
        return get_time(target, v, call_.t_start, false);
      case 5:
        return get_time(target, v, call_.t_end, true);
      case 6:
        return get_name(target, v, trace_.outcomes, call_.outcome);
      case 7:
        return get_lane(target, v, call_.server, true);
      case 8:
        return get_uint(target, v, call_.parent);
    }
    return true;
  }

  bool end_record() {
    const auto& map = column_map_[static_cast<int>(table_)];
    if (column_ != map.size())
      return fail(fmt::format("{}: {} values, but \"{}\" names {} columns", where(), column_,
                              kFieldsNames[static_cast<int>(table_)], map.size()));
    switch (table_) {
      case Table::Hops: {
        if (!std::isnan(hop_.t_recv) && hop_.t_recv < hop_.t_send)
          return fail(
              fmt::format("{}: arrives (t_recv {}) before it leaves (t_send {})", where(), hop_.t_recv, hop_.t_send));
        Hops& h = trace_.hops;
        h.msg.push_back(hop_.msg);
        h.call.push_back(hop_.call);
        h.kind.push_back(hop_.kind);
        h.from.push_back(hop_.from);
        h.to.push_back(hop_.to);
        h.t_send.push_back(hop_.t_send);
        h.t_recv.push_back(hop_.t_recv);
        h.bytes.push_back(hop_.bytes);
        h.method.push_back(hop_.method);
        h.status.push_back(hop_.status);
        break;
      }
      case Table::Events: {
        Events& e = trace_.events;
        e.t.push_back(event_.t);
        e.lane.push_back(event_.lane);
        e.type.push_back(event_.type);
        e.value.push_back(event_.value);
        e.call.push_back(event_.call);
        break;
      }
      case Table::Calls: {
        if (!std::isnan(call_.t_end) && call_.t_end < call_.t_start)
          return fail(
              fmt::format("{}: ends (t_end {}) before it starts (t_start {})", where(), call_.t_end, call_.t_start));
        Calls& c = trace_.calls;
        c.call.push_back(call_.call);
        c.client.push_back(call_.client);
        c.method.push_back(call_.method);
        c.cast.push_back(call_.cast);
        c.t_start.push_back(call_.t_start);
        c.t_end.push_back(call_.t_end);
        c.outcome.push_back(call_.outcome);
        c.server.push_back(call_.server);
        c.parent.push_back(call_.parent);
        call_.parent = 0;  // the next record may not say
        break;
      }
    }
    return true;
  }

  bool end_document() {
    for (const char* k : {"lanes", "hop_fields", "hops", "event_fields", "events", "call_fields", "calls"})
      if (!sections_seen_.count(k)) return fail(fmt::format("not a complete buslab trace: \"{}\" is missing", k));
    done_ = true;
    return true;
  }

  Trace& trace_;
  std::string error_;
  bool parse_failed_ = false;
  size_t error_byte_ = 0;

  int depth_ = 0;         // open containers the handler follows (skipped ones are counted in skip_)
  int skip_ = 0;          // > 0: inside a value being skipped, this deep
  bool capture_ = false;  // the skipped value is "conservation" or a lane's "clock": its numbers are kept
  bool capture_clock_ = false;
  std::vector<std::string> capture_keys_;  // the key at each depth of it
  std::string top_key_, lane_key_;
  Section section_ = Section::None;
  Table table_ = Table::Hops;
  bool format_seen_ = false;
  bool done_ = false;
  std::set<std::string> sections_seen_;
  std::vector<std::string> field_names_;
  std::vector<int> column_map_[3];  // file column -> index into columns_of(table), or kSkip
  size_t column_ = 0;
  Lane lane_;
  int lane_seen_ = 0;
  const std::string* last_method_ = nullptr;
  uint32_t last_method_id_ = 0;
};

// "line 3, column 6" of a byte offset (1-based, as editors count).
std::string line_and_column(std::string_view text, size_t byte) {
  byte = std::min(byte, text.size());
  const std::string_view before = text.substr(0, byte);
  const size_t line = 1 + static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
  const size_t newline = before.rfind('\n');
  const size_t column = newline == std::string_view::npos ? byte : byte - newline - 1;
  return fmt::format("line {}, column {}", line, column);
}

// References the format's invariants leave to the reader: every lane id in range.
void check_references(const Trace& trace, const std::string& name) {
  const auto lanes = static_cast<int32_t>(trace.lanes.size());
  const auto out_of_range = [&](const char* table, size_t row, const char* column, int32_t lane) {
    return TraceError(fmt::format("{}: {}[{}]: column \"{}\": lane {} does not exist (the trace has {} lanes, 0..{})",
                                  name, table, row, column, lane, lanes, lanes - 1));
  };
  const Hops& h = trace.hops;
  for (size_t i = 0; i < h.size(); ++i) {
    if (h.from[i] >= lanes) throw out_of_range("hops", i, "from", h.from[i]);
    if (h.to[i] >= lanes) throw out_of_range("hops", i, "to", h.to[i]);
  }
  for (size_t i = 0; i < trace.events.size(); ++i)
    if (trace.events.lane[i] >= lanes) throw out_of_range("events", i, "lane", trace.events.lane[i]);
  for (size_t i = 0; i < trace.calls.size(); ++i) {
    if (trace.calls.client[i] >= lanes) throw out_of_range("calls", i, "client", trace.calls.client[i]);
    if (trace.calls.server[i] >= lanes) throw out_of_range("calls", i, "server", trace.calls.server[i]);
  }
}

template <typename T>
void permute(std::vector<T>& v, const std::vector<uint32_t>& order) {
  std::vector<T> out(v.size());
  for (size_t i = 0; i < order.size(); ++i) out[i] = v[order[i]];
  v.swap(out);
}

// The format promises sorted records; a file that breaks the promise is sorted here rather than refused, because
// every index the visualizer builds relies on it.
void ensure_sorted(Trace& trace) {
  Hops& h = trace.hops;
  // The writer's order: hops by departure then message, events by time then lane.
  const auto hop_before = [&](size_t a, size_t b) {
    return h.t_send[a] < h.t_send[b] || (h.t_send[a] == h.t_send[b] && h.msg[a] < h.msg[b]);
  };
  bool sorted = true;
  for (size_t i = 1; i < h.size() && sorted; ++i) sorted = !hop_before(i, i - 1);
  if (!sorted) {
    std::vector<uint32_t> order(h.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), hop_before);
    permute(h.msg, order), permute(h.call, order), permute(h.kind, order), permute(h.from, order);
    permute(h.to, order), permute(h.t_send, order), permute(h.t_recv, order), permute(h.bytes, order);
    permute(h.method, order), permute(h.status, order);
  }
  Events& e = trace.events;
  const auto event_before = [&](size_t a, size_t b) {
    return e.t[a] < e.t[b] || (e.t[a] == e.t[b] && e.lane[a] < e.lane[b]);
  };
  sorted = true;
  for (size_t i = 1; i < e.size() && sorted; ++i) sorted = !event_before(i, i - 1);
  if (!sorted) {
    std::vector<uint32_t> order(e.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), event_before);
    permute(e.t, order), permute(e.lane, order), permute(e.type, order), permute(e.value, order);
    permute(e.call, order);
  }
  Calls& c = trace.calls;
  sorted = true;
  for (size_t i = 1; i < c.size() && sorted; ++i) sorted = c.call[i - 1] < c.call[i];
  if (!sorted) {
    std::vector<uint32_t> order(c.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return c.call[a] < c.call[b]; });
    permute(c.call, order), permute(c.client, order), permute(c.method, order), permute(c.cast, order);
    permute(c.t_start, order), permute(c.t_end, order), permute(c.outcome, order), permute(c.server, order);
    permute(c.parent, order);
  }
}

std::string size_text(uint64_t bytes) {
  if (bytes >= (uint64_t{1} << 30)) return fmt::format("{:.1f} GB", static_cast<double>(bytes) / (1 << 30));
  if (bytes >= (uint64_t{1} << 20)) return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1 << 20));
  return fmt::format("{} bytes", bytes);
}

}  // namespace

Trace parse_trace(std::string_view text, const std::string& name) {
  if (text.empty()) throw TraceError(fmt::format("{}: the file is empty (was the run interrupted?)", name));
  Trace trace;
  trace.path = name;
  Handler handler(trace);
  bool ok = false;
  try {
    ok = json::sax_parse(text.data(), text.data() + text.size(), &handler);
  } catch (const std::bad_alloc&) {
    throw TraceError(fmt::format("{}: out of memory after {} hops (the trace is too large for this machine)", name,
                                 trace.hops.size()));
  } catch (const std::exception& e) {
    throw TraceError(fmt::format("{}: {}", name, e.what()));
  }
  if (!ok) {
    if (handler.parse_failed()) {
      const size_t byte = handler.error_byte();
      if (byte >= text.size())
        throw TraceError(fmt::format("{}: the file ends early, at byte {} (truncated? was the run interrupted?)", name,
                                     text.size()));
      throw TraceError(
          fmt::format("{}: bad JSON at {} (byte {}): {}", name, line_and_column(text, byte), byte, handler.error()));
    }
    throw TraceError(fmt::format("{}: {}", name, handler.error().empty() ? "unreadable trace" : handler.error()));
  }
  check_references(trace, name);
  ensure_sorted(trace);
  trace.compute_span();
  return trace;
}

Trace read_trace(const std::string& path, const ReadOptions& options) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw TraceError(fmt::format("{}: cannot open the file", path));
  const std::streamoff size = in.tellg();
  if (size < 0) throw TraceError(fmt::format("{}: cannot read the file (is it a directory?)", path));
  if (static_cast<uint64_t>(size) > options.max_bytes)
    throw TraceError(fmt::format("{}: the file is {}, over the {} this tool reads at most (raise it with --max-size)",
                                 path, size_text(static_cast<uint64_t>(size)), size_text(options.max_bytes)));
  std::string text;
  try {
    text.resize(static_cast<size_t>(size));
  } catch (const std::bad_alloc&) {
    throw TraceError(fmt::format("{}: not enough memory to read {}", path, size_text(static_cast<uint64_t>(size))));
  }
  in.seekg(0);
  if (!in.read(text.data(), size)) throw TraceError(fmt::format("{}: cannot read the file", path));
  return parse_trace(text, path);
}

}  // namespace buslab::tracefile
