#pragma once
// Quantity strings of scenario files ("2ms", "10Gbps", "4KiB"): docs/scenario.md, section "Units".
// Pure functions: they return the value in base units (seconds, bytes/s, flop/s, flops, bytes), or say what
// was expected, phrased to follow "expected " in an error message. The JSON reader adds the file, path and
// what was found.
#include <string>
#include <string_view>

#include "sim/scenario/scenario.hpp"

namespace buslab {

template <typename T>
struct UnitResult {
  T value{};
  // Empty on success; otherwise what was expected, e.g. `a time with a unit, like "2ms"`.
  std::string expected;
  // A well-formed quantity below zero: callers with a stricter bound (> 0) say so instead of `expected`.
  bool negative = false;

  bool ok() const { return expected.empty(); }
};

// Seconds, from h, min, s, ms, us, ns: "100us", "1.5s", "0s".
UnitResult<double> parse_time(std::string_view text);
// Bytes per second, from bits (bps, kbps, Mbps, Gbps, Tbps) or bytes (Bps, kBps, KBps, MBps, GBps) per second.
UnitResult<double> parse_bandwidth(std::string_view text);
// Flop/s per core, from f, kf, Kf, Mf, Gf, Tf or flops: "10Gf".
UnitResult<double> parse_cpu_speed(std::string_view text);
// An amount of CPU work: flops ("50kf", same units as a CPU speed) or a time on one core ("20us").
UnitResult<Work> parse_work(std::string_view text);
// Bytes, from B, kB, KB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024); must come to a whole
// number of bytes, at most kMaxSizeBytes. A plain JSON integer is also a size: see JsonReader::size().
UnitResult<double> parse_size(std::string_view text);

// The longest time accepted (1e15 s, 31 million years): the simulated clock is a double, whose step at 1e15 s is
// already 1/8 s, and a run ends by max(duration, its last fault) + drain, so its traces stay within the 1e16 s
// trace.json holds (tracefile::kMaxTraceSeconds).
inline constexpr double kMaxTimeSeconds = 1e15;

// The largest size accepted (1 TB): larger is surely a typo, and sizes must stay exact as doubles and
// convertible to 64-bit integers by the models.
inline constexpr double kMaxSizeBytes = 1e12;

}  // namespace buslab
