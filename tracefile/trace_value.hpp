#pragma once
// A value of trace.json as the trace reader's SAX handler (trace_sax_handler.hpp) is handed it, how error messages
// show it, and the bounds of the numbers a trace may hold.
#include <cstdint>
#include <string>

#include "tracefile/trace_model.hpp"

namespace buslab::tracefile::reader {

// One scalar handed over by the SAX parser, or the start of a container where a scalar was expected.
struct Value {
  enum Type { Null, Bool, Integer, Float, String, Object, Array } type = Null;
  double number = 0;
  bool negative = false;
  uint64_t magnitude = 0;  // integers: |value|
  const std::string* text = nullptr;
};

// The value as an error message shows it: `null`, `-3`, a string quoted and cut after 40 characters, `an object`.
std::string describe(const Value& v);

inline constexpr const char* kTimeRange = "a time in seconds from 0 to 1e16";
inline constexpr const char* kCountRange = "a number from 0 to 2^53 (9007199254740992)";
// Counts and sizes up to 2^53 stay exact as doubles, which the viewer and the exports compute with.
inline constexpr double kMaxTraceCount = 9007199254740992.0;
static_assert(kMaxTraceSeconds == 1e16, "kTimeRange names the bound");

inline bool in_time_range(double t) {
  return t >= 0 && t <= kMaxTraceSeconds;
}

}  // namespace buslab::tracefile::reader
