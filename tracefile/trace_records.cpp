#include "tracefile/trace_records.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace buslab::tracefile::reader {

namespace {

// Columns this reader uses, per table, in the order of RecordReader's *Row structs. Others are skipped.
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

// The name of column `target` of table `t`: a required one, or an optional one numbered after them.
const std::string& column_name(Table t, int target) {
  const auto& required = columns_of(t);
  const auto index = static_cast<size_t>(target);
  return index < required.size() ? required[index] : kOptionalCallColumns[index - required.size()];
}

}  // namespace

bool is_table_key(const std::string& k) {
  for (int t = 0; t < 3; ++t)
    if (k == kTableNames[t] || k == kFieldsNames[t]) return true;
  return false;
}

bool RecordReader::fail(const std::string& message) {
  if (error_.empty()) error_ = message;
  return false;
}

std::string RecordReader::where() const {
  return fmt::format("{}[{}]", kTableNames[static_cast<int>(table_)], row_count());
}

size_t RecordReader::row_count() const {
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

bool RecordReader::set_columns(Table table, const std::vector<std::string>& field_names) {
  const int t = static_cast<int>(table);
  const auto& wanted = columns_of(table);
  std::vector<int> map(field_names.size(), kSkip);
  for (size_t w = 0; w < wanted.size(); ++w) {
    const auto it = std::find(field_names.begin(), field_names.end(), wanted[w]);
    if (it == field_names.end())
      return fail(fmt::format("\"{}\" lacks the column \"{}\" (it has: {})", kFieldsNames[t], wanted[w],
                              fmt::join(field_names, ", ")));
    map[static_cast<size_t>(it - field_names.begin())] = static_cast<int>(w);
  }
  if (table == Table::Calls)
    for (size_t o = 0; o < kOptionalCallColumns.size(); ++o) {
      const auto it = std::find(field_names.begin(), field_names.end(), kOptionalCallColumns[o]);
      if (it != field_names.end())
        map[static_cast<size_t>(it - field_names.begin())] = static_cast<int>(wanted.size() + o);
    }
  column_map_[t] = std::move(map);
  return true;
}

bool RecordReader::skips_next_cell() {
  const auto& map = column_map_[static_cast<int>(table_)];
  if (column_ >= map.size() || map[column_] != kSkip) return false;
  ++column_;
  return true;
}

bool RecordReader::cell(const Value& v) {
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

bool RecordReader::bad(int target, const std::string& expected, const Value& v) {
  return fail(fmt::format("{}: column \"{}\": expected {}, found {}", where(), column_name(table_, target), expected,
                          describe(v)));
}
bool RecordReader::get_uint(int target, const Value& v, uint64_t& out) {
  if (v.type != Value::Integer || v.negative) return bad(target, "an integer >= 0", v);
  out = v.magnitude;
  return true;
}
bool RecordReader::get_lane(int target, const Value& v, int32_t& out, bool allow_none) {
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
bool RecordReader::get_time(int target, const Value& v, double& out, bool allow_null) {
  if (allow_null && v.type == Value::Null) return out = NAN, true;
  if ((v.type != Value::Integer && v.type != Value::Float) || !in_time_range(v.number))
    return bad(target, allow_null ? fmt::format("{} or null", kTimeRange) : std::string(kTimeRange), v);
  out = v.number;
  return true;
}
bool RecordReader::get_name(int target, const Value& v, StringTable& table, uint32_t& out) {
  if (v.type != Value::String) return bad(target, "a string", v);
  out = table.intern(*v.text);
  return true;
}
bool RecordReader::get_small_name(int target, const Value& v, StringTable& table, uint8_t& out) {
  uint32_t index = 0;
  if (!get_name(target, v, table, index)) return false;
  if (index > 255)
    return fail(
        fmt::format("{}: more than 255 distinct values in column \"{}\"", where(), column_name(table_, target)));
  out = static_cast<uint8_t>(index);
  return true;
}

bool RecordReader::hop_cell(int target, const Value& v) {
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
bool RecordReader::event_cell(int target, const Value& v) {
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
bool RecordReader::call_cell(int target, const Value& v) {
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

bool RecordReader::end_record() {
  const auto& map = column_map_[static_cast<int>(table_)];
  if (column_ != map.size())
    return fail(fmt::format("{}: {} values, but \"{}\" names {} columns", where(), column_,
                            kFieldsNames[static_cast<int>(table_)], map.size()));
  switch (table_) {
    case Table::Hops:
      if (!std::isnan(hop_.t_recv) && hop_.t_recv < hop_.t_send)
        return fail(
            fmt::format("{}: arrives (t_recv {}) before it leaves (t_send {})", where(), hop_.t_recv, hop_.t_send));
      append_hop();
      break;
    case Table::Events:
      append_event();
      break;
    case Table::Calls:
      if (!std::isnan(call_.t_end) && call_.t_end < call_.t_start)
        return fail(
            fmt::format("{}: ends (t_end {}) before it starts (t_start {})", where(), call_.t_end, call_.t_start));
      append_call();
      break;
  }
  return true;
}

void RecordReader::append_hop() {
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
}

void RecordReader::append_event() {
  Events& e = trace_.events;
  e.t.push_back(event_.t);
  e.lane.push_back(event_.lane);
  e.type.push_back(event_.type);
  e.value.push_back(event_.value);
  e.call.push_back(event_.call);
}

void RecordReader::append_call() {
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
}

}  // namespace buslab::tracefile::reader
