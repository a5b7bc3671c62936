#include "sim/units.hpp"

#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

namespace buslab::units {

namespace {

using UnitTable = std::vector<std::pair<const char*, double>>;

// Splits "12.5ms" into 12.5 and "ms"; the number must be finite and >= 0 and the unit one of `table`.
Parsed parse(const std::string& text, const UnitTable& table, const std::string& expected) {
  Parsed result;
  result.expected = expected;
  const char* begin = text.c_str();
  while (*begin == ' ') ++begin;
  char* end = nullptr;
  const double number = std::strtod(begin, &end);
  if (end == begin || !std::isfinite(number) || number < 0) return result;
  std::string unit(end);
  while (!unit.empty() && unit.front() == ' ') unit.erase(unit.begin());
  while (!unit.empty() && unit.back() == ' ') unit.pop_back();
  for (const auto& [name, factor] : table) {
    if (unit == name) {
      const double value = number * factor;
      if (std::isfinite(value)) result.value = value;
      return result;
    }
  }
  return result;
}

}  // namespace

Parsed time(const std::string& text) {
  static const UnitTable table = {{"h", 3600.0}, {"min", 60.0}, {"s", 1.0}, {"ms", 1e-3}, {"us", 1e-6}, {"ns", 1e-9}};
  return parse(text, table, "a time with a unit, like \"2ms\"");
}

Parsed bandwidth(const std::string& text) {
  static const UnitTable table = {{"bps", 1.0 / 8},  {"kbps", 1e3 / 8},  {"Kbps", 1e3 / 8}, {"Mbps", 1e6 / 8},
                                  {"Gbps", 1e9 / 8}, {"Tbps", 1e12 / 8}, {"Bps", 1.0},      {"kBps", 1e3},
                                  {"KBps", 1e3},     {"MBps", 1e6},      {"GBps", 1e9},     {"TBps", 1e12}};
  return parse(text, table, "a bandwidth with a unit, like \"1Gbps\" or \"125MBps\"");
}

Parsed speed(const std::string& text) {
  static const UnitTable table = {{"f", 1.0},  {"flops", 1.0}, {"kf", 1e3}, {"Kf", 1e3},
                                  {"Mf", 1e6}, {"Gf", 1e9},    {"Tf", 1e12}};
  return parse(text, table, "a CPU speed with a unit, like \"10Gf\"");
}

Parsed flops(const std::string& text) {
  static const UnitTable table = {{"f", 1.0}, {"kf", 1e3}, {"Kf", 1e3}, {"Mf", 1e6}, {"Gf", 1e9}, {"Tf", 1e12}};
  return parse(text, table, "an amount of CPU work, like \"50kf\" or \"20us\"");
}

Parsed size(const std::string& text) {
  static const UnitTable table = {{"B", 1.0},  {"kB", 1e3},     {"KB", 1e3},        {"MB", 1e6},
                                  {"GB", 1e9}, {"KiB", 1024.0}, {"MiB", 1048576.0}, {"GiB", 1073741824.0}};
  return parse(text, table, "a size in bytes, like 2450 or \"4KiB\"");
}

}  // namespace buslab::units
