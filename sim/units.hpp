#pragma once
// Quantities written with their unit ("2ms", "1Gbps", "10Gf", "4KiB"), as docs/scenario.md lists them. Each
// parser returns the value in base units (seconds, bytes/s, flop/s, flops, bytes) or an error saying what was
// expected.
#include <optional>
#include <string>

namespace buslab::units {

struct Parsed {
  std::optional<double> value;
  std::string expected;  // when !value: what a valid text looks like
};

// Seconds: "100us", "2ms", "1.5s", "2min", "1h", "10ns".
Parsed time(const std::string& text);
// Bytes per second: "1Gbps" (bits), "125MBps" (bytes).
Parsed bandwidth(const std::string& text);
// Flop/s: "10Gf", "1.5Mf", "2kf", "1e9flops".
Parsed speed(const std::string& text);
// Flops: "50kf", "2Mf".
Parsed flops(const std::string& text);
// Bytes: "4KiB", "2KB", "1MB", "512B".
Parsed size(const std::string& text);

}  // namespace buslab::units
