#pragma once
// EXPECTED files of `buslab check` (docs/check.md): one metric a line, hand-editable,
//
//   # lab 01: the tail latency through the broker
//   brokered/clients/api/compute.add/latency.p99: 40.55ms ±10%
//   brokered/servers/compute-1/handled: 2986 ±5%
//   direct/queues/rabbit/compute/max_depth: 0 ±2
//   brokered/clients/api/compute.add/latency.mean: 9.04ms ±ci
//
// PATH (metric_paths.hpp), a colon, the expected value (times take a unit: s, ms, us, ns), then an optional
// tolerance: relative (`±10%`), absolute (`±2ms`, `±3`) or `±ci` (within the 95% confidence interval of
// replications); `+-` may stand for `±`. Without one the default applies (kDefaultTolerance). `#` starts a comment.
// The file is kept as its lines, so that `--update` can refresh values in place and keep comments, order and
// tolerances.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace buslab {

// A malformed EXPECTED file: `<file>:<line>: expected ..., found ...` (exit code 2).
class ExpectedFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Tolerance {
  enum class Kind { Relative, Absolute, ConfidenceInterval };
  Kind kind = Kind::Relative;
  double amount = 0.10;  // a fraction (Relative) or the metric's unit (Absolute: seconds for times)
  bool time = false;     // Absolute: written with a time unit

  std::string text() const;  // "±10%", "±2ms", "±3", "±ci"
};

// What a metric without a tolerance gets, and what `--update` gives new entries: ±10%.
inline constexpr double kDefaultRelativeTolerance = 0.10;
Tolerance default_tolerance();

struct ExpectedEntry {
  std::string path;
  double value = 0.0;      // seconds for a value written with a time unit
  bool time_unit = false;  // the value was written with a time unit
  Tolerance tolerance;
  bool tolerance_given = false;
  size_t line = 0;  // 1-based line in the file
};

class ExpectedFile {
 public:
  // Parses `text`; `source` names the file in errors. Throws ExpectedFileError.
  static ExpectedFile parse(const std::string& text, const std::string& source);
  static ExpectedFile read(const std::string& path);  // a missing file is an ExpectedFileError

  const std::vector<ExpectedEntry>& entries() const { return entries_; }

  // --- For --update: edits keep every other line as it was.
  // Rewrites the value of the entry at `index` (its tolerance, given or not, stays).
  void set_value(size_t index, double value, bool time);
  // Drops the entry at `index` (a metric the result no longer has).
  void remove(size_t index);
  // Appends an entry with the default tolerance.
  void append(const std::string& path, double value, bool time);
  std::string text() const;

 private:
  std::vector<std::string> lines_;
  std::vector<ExpectedEntry> entries_;
  std::vector<bool> removed_;
  std::vector<std::string> appended_;
};

// A value as EXPECTED files write it: a time with the unit that keeps it readable ("40.55ms", "812us", "1.5s"),
// other numbers as integers when whole, else with 6 significant digits.
std::string format_expected_value(double value, bool time);

// Parses one `PATH: VALUE [±TOL]` line (no comment); `where` prefixes errors ("file:12").
ExpectedEntry parse_expected_line(const std::string& line, const std::string& where);

}  // namespace buslab
