#include "sim/scenario/units.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include <fmt/format.h>

namespace buslab {
namespace {

struct Unit {
  std::string_view suffix;
  double factor;  // to base units
};

// One kind of quantity: its units and the words used to describe it in errors.
struct QuantityKind {
  std::string_view noun;         // "time"
  std::string_view example;      // "\"2ms\"", quoted as it would be written in a file
  std::vector<Unit> units;       // exact, case-sensitive suffixes
  std::string_view unit_phrase;  // "a unit (h, min, s, ms, us, ns)"
};

const QuantityKind& time_kind() {
  static const QuantityKind kind{"time",
                                 "\"2ms\"",
                                 {{"h", 3600.0}, {"min", 60.0}, {"s", 1.0}, {"ms", 1e-3}, {"us", 1e-6}, {"ns", 1e-9}},
                                 "a unit (h, min, s, ms, us, ns)"};
  return kind;
}

const QuantityKind& bandwidth_kind() {
  static const QuantityKind kind{"bandwidth",
                                 "\"10Gbps\"",
                                 {{"bps", 1.0 / 8},
                                  {"kbps", 1e3 / 8},
                                  {"Mbps", 1e6 / 8},
                                  {"Gbps", 1e9 / 8},
                                  {"Tbps", 1e12 / 8},
                                  {"Bps", 1.0},
                                  {"kBps", 1e3},
                                  {"KBps", 1e3},
                                  {"MBps", 1e6},
                                  {"GBps", 1e9}},
                                 "a unit (bps, kbps, Mbps, Gbps, Tbps, Bps, kBps, KBps, MBps, GBps)"};
  return kind;
}

const QuantityKind& cpu_speed_kind() {
  static const QuantityKind kind{
      "CPU speed",
      "\"10Gf\"",
      {{"f", 1.0}, {"flops", 1.0}, {"kf", 1e3}, {"Kf", 1e3}, {"Mf", 1e6}, {"Gf", 1e9}, {"Tf", 1e12}},
      "a unit (f, kf, Kf, Mf, Gf, Tf, flops)"};
  return kind;
}

// Work takes either table; its units are looked up in both (see parse_work).
const QuantityKind& work_kind() {
  static const QuantityKind kind{"CPU cost",
                                 "\"50kf\" or \"20us\"",
                                 {},
                                 "a flop unit (f, kf, Kf, Mf, Gf, Tf) or a time unit (h, min, s, ms, us, ns)"};
  return kind;
}

const QuantityKind& size_kind() {
  static const QuantityKind kind{"size",
                                 "\"4KiB\"",
                                 {{"B", 1.0},
                                  {"kB", 1e3},
                                  {"KB", 1e3},
                                  {"MB", 1e6},
                                  {"GB", 1e9},
                                  {"KiB", 1024.0},
                                  {"MiB", 1024.0 * 1024},
                                  {"GiB", 1024.0 * 1024 * 1024}},
                                 "a unit (B, kB, KB, MB, GB, KiB, MiB, GiB)"};
  return kind;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Length of the longest prefix of `text` shaped like a decimal number: [-]digits[.digits][e[+-]digits] or
// [-].digits[...]; 0 if there is none. Stricter than strtod on purpose: no "inf", "nan", hex, or leading '+'.
size_t number_length(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  size_t digits = 0;
  while (i < text.size() && is_digit(text[i])) ++i, ++digits;
  if (i < text.size() && text[i] == '.' && i + 1 < text.size() && is_digit(text[i + 1])) {
    ++i;
    while (i < text.size() && is_digit(text[i])) ++i, ++digits;
  }
  if (digits == 0) return 0;
  // An exponent only when digits follow, so that a unit could never start with 'e' by accident.
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    size_t j = i + 1;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
    if (j < text.size() && is_digit(text[j])) {
      while (j < text.size() && is_digit(text[j])) ++j;
      i = j;
    }
  }
  return i;
}

const Unit* find_unit(const QuantityKind& kind, std::string_view suffix) {
  for (const auto& unit : kind.units)
    if (unit.suffix == suffix) return &unit;
  return nullptr;
}

std::string finite(const QuantityKind& kind) {
  return fmt::format("a finite {}, like {}", kind.noun, kind.example);
}

// Splits `text` into a number and a known unit. On failure fills `result.expected` (and `negative`) with the
// first problem in reading order: the number, then the unit, then the sign.
template <typename T>
bool split(std::string_view text, const QuantityKind& kind, const QuantityKind& unit_kind,
           const QuantityKind* other_unit_kind, UnitResult<T>& result, double& number, const Unit*& unit,
           bool& in_other_kind) {
  const size_t length = number_length(text);
  if (length == 0) {
    result.expected = fmt::format("a {} with a unit, like {}", kind.noun, kind.example);
    return false;
  }
  const auto [end, error] = std::from_chars(text.data(), text.data() + length, number);
  if (error != std::errc() || end != text.data() + length || !std::isfinite(number)) {
    result.expected = finite(kind);
    return false;
  }
  const std::string_view suffix = text.substr(length);
  if (!suffix.empty() && (suffix.front() == ' ' || suffix.front() == '\t')) {
    result.expected = fmt::format("a {} with no space before its unit, like {}", kind.noun, kind.example);
    return false;
  }
  unit = find_unit(unit_kind, suffix);
  in_other_kind = false;
  if (unit == nullptr && other_unit_kind != nullptr) {
    unit = find_unit(*other_unit_kind, suffix);
    in_other_kind = unit != nullptr;
  }
  if (unit == nullptr) {
    result.expected = fmt::format("a {} with {}, like {}", kind.noun, kind.unit_phrase, kind.example);
    return false;
  }
  if (number < 0) {
    result.expected = fmt::format("a {} >= 0, like {}", kind.noun, kind.example);
    result.negative = true;
    return false;
  }
  return true;
}

UnitResult<double> parse_quantity(std::string_view text, const QuantityKind& kind) {
  UnitResult<double> result;
  double number = 0.0;
  const Unit* unit = nullptr;
  bool unused = false;
  if (!split(text, kind, kind, nullptr, result, number, unit, unused)) return result;
  result.value = number * unit->factor;
  if (!std::isfinite(result.value)) result.expected = finite(kind);
  return result;
}

}  // namespace

UnitResult<double> parse_time(std::string_view text) {
  UnitResult<double> result = parse_quantity(text, time_kind());
  if (result.ok() && result.value > kMaxTimeSeconds)
    result.expected = "a time <= 1e15 s (31 million years), like \"2ms\"";
  return result;
}

UnitResult<double> parse_bandwidth(std::string_view text) {
  return parse_quantity(text, bandwidth_kind());
}

UnitResult<double> parse_cpu_speed(std::string_view text) {
  return parse_quantity(text, cpu_speed_kind());
}

UnitResult<Work> parse_work(std::string_view text) {
  UnitResult<Work> result;
  double number = 0.0;
  const Unit* unit = nullptr;
  bool is_time = false;
  if (!split(text, work_kind(), cpu_speed_kind(), &time_kind(), result, number, unit, is_time)) return result;
  (is_time ? result.value.seconds : result.value.flops) = number * unit->factor;
  if (!std::isfinite(result.value.seconds) || !std::isfinite(result.value.flops)) result.expected = finite(work_kind());
  if (result.ok() && result.value.seconds > kMaxTimeSeconds)
    result.expected = "a CPU cost <= 1e15 s (31 million years), like \"20us\"";
  return result;
}

UnitResult<double> parse_size(std::string_view text) {
  UnitResult<double> result = parse_quantity(text, size_kind());
  if (!result.ok()) return result;
  const double whole = std::round(result.value);
  // Decimal fractions like "1.1KB" are not exact in binary: accept what is a whole number up to rounding.
  if (std::fabs(result.value - whole) > 1e-9 * std::max(1.0, whole)) {
    result.expected = "a whole number of bytes, like \"4KiB\" or \"1.5KB\"";
    return result;
  }
  result.value = whole;
  if (result.value > kMaxSizeBytes) result.expected = "a size <= 1000GB, like \"4KiB\"";
  return result;
}

}  // namespace buslab
