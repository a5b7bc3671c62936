#pragma once
// What a lab manual (labs/NN/README.md) says that a run can contradict: the commands of its fenced ```sh blocks,
// and every number its "What you should see" paragraph quotes. And numbers printed the way a manual quotes them:
// "6,555", "24 ms", "9.7 s", "88%", so that a value computed from a run can be compared with the text, or
// written into it.
#include <cstddef>
#include <string>
#include <vector>

namespace buslab::labs {

struct QuotedNumber {
  std::string text;   // as written: "6,555", "24 ms", "9.7 s", "0.5"
  size_t offset = 0;  // in the README's text
};

struct Readme {
  std::vector<std::string> commands;  // one per non-blank, non-comment line of the ```sh blocks, in order
  std::vector<QuotedNumber> numbers;  // those of the "What you should see" paragraph, in order
};

// Throws std::runtime_error when there is no "What you should see" paragraph. Numbers inside `code spans` and
// link targets are not quoted numbers (they are commands and paths); nor are digits that belong to a word
// ("p99", "compute-8", "lab 07"'s "07" is a number, "v1.25" is not).
Readme parse_readme(const std::string& text);

// How a quoted number is written, to print another value the same way.
struct NumberFormat {
  std::string unit;      // "", "s", "ms", "us", "ns" or "%"
  int decimals = 0;      // digits after the point
  bool grouped = false;  // thousands separated by commas
};
// The format and value of a quoted number's text; throws std::runtime_error for text that is not one.
NumberFormat parse_number(const std::string& text, double& value);
// `value` (seconds for a time, a fraction for a percentage) written in `format`: 6555 -> "6,555",
// 0.02364 -> "24 ms", 0.24 -> "24%". `unit` overrides the format's unit for the conversion ("41.0" of a p99 in ms).
std::string format_number(double value, const NumberFormat& format, const std::string& unit);
// The factor from a value in base units (seconds, a fraction) to `unit` ("ms": 1000, "%": 100, "": 1).
double unit_factor(const std::string& unit);

}  // namespace buslab::labs
