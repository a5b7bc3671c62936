#include "tracefile/trace_sax_handler.hpp"

#include <fmt/format.h>

namespace buslab::tracefile::reader {

bool Handler::key(std::string& k) {
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
bool Handler::start_object(size_t) {
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
bool Handler::end_object() {
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
bool Handler::start_array(size_t) {
  if (skip_ > 0) return ++skip_, true;
  if (depth_ == 0) return fail("not a buslab trace: the file holds a JSON array, not an object");
  if (depth_ == 1) return start_section();
  if (depth_ == 2 && section_ == Section::Records) {
    records_.start_record();
    return ++depth_, true;
  }
  Value v;
  v.type = Value::Array;
  return container_as_scalar(v);
}
bool Handler::end_array() {
  if (skip_ > 0) return --skip_, true;
  --depth_;
  if (depth_ == 2 && section_ == Section::Records) return records_.end_record();
  if (depth_ == 1) return end_section();
  return true;
}
bool Handler::parse_error(size_t position, const std::string&, const nlohmann::detail::exception& ex) {
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

bool Handler::fail(const std::string& message) {
  if (error_.empty()) error_ = message;
  return false;
}

bool Handler::container_as_scalar(const Value& v) {
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
    if (records_.skips_next_cell()) {
      skip_ = 1;  // a structured value in a column this reader does not use
      return true;
    }
  }
  return scalar(v);
}

bool Handler::scalar(const Value& v) {
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
      return fail(fmt::format("{}: expected an array (one record), found {}", records_.where(), describe(v)));
    case 3:
      if (section_ == Section::Lanes) return lane_value(v);
      return records_.cell(v);
  }
  return fail("unexpected nesting");
}

// --- header ---
bool Handler::top_value(const Value& v) {
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
    if (v.type != Value::String) return fail(fmt::format("\"{}\": expected a string, found {}", top_key_, describe(v)));
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

bool Handler::start_section() {
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
      records_.start_table(table_);
      if (!records_.has_columns(table_))
        return fail(fmt::format("\"{}\" comes before \"{}\", which names its columns", k, kFieldsNames[t]));
      return true;
    }
  }
  return fail("unreachable");
}

bool Handler::end_section() {
  if (section_ == Section::Fields && !records_.set_columns(table_, field_names_)) return false;
  section_ = Section::None;
  return true;
}

bool Handler::field_name(const Value& v) {
  if (v.type != Value::String)
    return fail(fmt::format("\"{}\": expected column names (strings), found {}", kFieldsNames[static_cast<int>(table_)],
                            describe(v)));
  field_names_.push_back(*v.text);
  return true;
}

// --- lanes ---
bool Handler::lane_value(const Value& v) {
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
      return fail(fmt::format("lanes[{}]: \"{}\": expected an integer >= 0, found {}", index, lane_key_, describe(v)));
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
bool Handler::clock_value(const Value& v) {
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

bool Handler::end_lane() {
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

bool Handler::end_document() {
  for (const char* k : {"lanes", "hop_fields", "hops", "event_fields", "events", "call_fields", "calls"})
    if (!sections_seen_.count(k)) return fail(fmt::format("not a complete buslab trace: \"{}\" is missing", k));
  done_ = true;
  return true;
}

}  // namespace buslab::tracefile::reader
