#include "sim/output/expected_file.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace buslab {

namespace {

const std::string kPlusMinus = "\xC2\xB1";  // ±

std::string trim(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  const size_t last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

struct Quantity {
  double value = 0.0;
  std::string unit;
};

// A non-negative (or, for values, signed) decimal number followed by an optional unit.
std::optional<Quantity> parse_quantity(const std::string& text) {
  double value = 0.0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr == begin || !std::isfinite(value)) return std::nullopt;
  return Quantity{value, std::string(ptr, end)};
}

// Seconds per unit, for the units EXPECTED files take; 0 for anything else.
double seconds_per(const std::string& unit) {
  if (unit == "s") return 1.0;
  if (unit == "ms") return 1e-3;
  if (unit == "us") return 1e-6;
  if (unit == "ns") return 1e-9;
  return 0.0;
}

Tolerance parse_tolerance(const std::string& text, const std::string& where) {
  const auto fail = [&] {
    return ExpectedFileError(
        fmt::format("{}: expected a tolerance like \"±10%\", \"±2ms\", \"±3\" or \"±ci\", found \"{}\"", where, text));
  };
  std::string body;
  if (text.rfind(kPlusMinus, 0) == 0)
    body = text.substr(kPlusMinus.size());
  else if (text.rfind("+-", 0) == 0)
    body = text.substr(2);
  else
    throw fail();
  Tolerance t;
  if (body == "ci") {
    t.kind = Tolerance::Kind::ConfidenceInterval;
    t.amount = 0.0;
    return t;
  }
  const auto q = parse_quantity(body);
  if (!q || q->value < 0) throw fail();
  if (q->unit == "%") {
    t.kind = Tolerance::Kind::Relative;
    t.amount = q->value / 100.0;
  } else if (q->unit.empty()) {
    t.kind = Tolerance::Kind::Absolute;
    t.amount = q->value;
  } else if (seconds_per(q->unit) > 0) {
    t.kind = Tolerance::Kind::Absolute;
    t.amount = q->value * seconds_per(q->unit);
    t.time = true;
  } else {
    throw fail();
  }
  return t;
}

std::string trimmed_number(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15) return fmt::format("{:.0f}", value);
  return fmt::format("{:.6g}", value);
}

}  // namespace

std::string Tolerance::text() const {
  switch (kind) {
    case Kind::Relative:
      return kPlusMinus + trimmed_number(amount * 100.0) + "%";
    case Kind::Absolute:
      return kPlusMinus + format_expected_value(amount, time);
    case Kind::ConfidenceInterval:
      return kPlusMinus + "ci";
  }
  return "";
}

Tolerance default_tolerance() {
  return Tolerance{Tolerance::Kind::Relative, kDefaultRelativeTolerance, false};
}

std::string format_expected_value(double value, bool time) {
  if (!time) return trimmed_number(value);
  const double magnitude = std::fabs(value);
  if (magnitude == 0.0) return "0s";
  if (magnitude >= 1.0) return fmt::format("{:.6g}s", value);
  if (magnitude >= 1e-3) return fmt::format("{:.6g}ms", value * 1e3);
  if (magnitude >= 1e-6) return fmt::format("{:.6g}us", value * 1e6);
  return fmt::format("{:.6g}ns", value * 1e9);
}

ExpectedEntry parse_expected_line(const std::string& line, const std::string& where) {
  const size_t colon = line.rfind(": ");
  if (colon == std::string::npos)
    throw ExpectedFileError(fmt::format("{}: expected \"PATH: VALUE [±TOLERANCE]\", found \"{}\"", where, line));
  ExpectedEntry entry;
  entry.path = trim(line.substr(0, colon));
  if (entry.path.empty() || entry.path.find(' ') != std::string::npos)
    throw ExpectedFileError(fmt::format("{}: expected a metric path before \": \", found \"{}\"", where, entry.path));
  std::istringstream words(line.substr(colon + 2));
  std::string value_text, tolerance_text, extra;
  words >> value_text >> tolerance_text >> extra;
  if (!extra.empty())
    throw ExpectedFileError(fmt::format("{}: expected nothing after the tolerance, found \"{}\"", where, extra));
  const auto q = parse_quantity(value_text);
  if (!q || (!q->unit.empty() && seconds_per(q->unit) == 0))
    throw ExpectedFileError(
        fmt::format("{}: expected a number, or a time with a unit (s, ms, us, ns), found \"{}\"", where, value_text));
  entry.value = q->unit.empty() ? q->value : q->value * seconds_per(q->unit);
  entry.time_unit = !q->unit.empty();
  entry.tolerance_given = !tolerance_text.empty();
  entry.tolerance = entry.tolerance_given ? parse_tolerance(tolerance_text, where) : default_tolerance();
  return entry;
}

ExpectedFile ExpectedFile::parse(const std::string& text, const std::string& source) {
  ExpectedFile file;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    file.lines_.push_back(line);
    const std::string content = trim(line.substr(0, line.find('#')));
    if (content.empty()) continue;
    ExpectedEntry entry = parse_expected_line(content, fmt::format("{}:{}", source, file.lines_.size()));
    entry.line = file.lines_.size();
    for (const auto& earlier : file.entries_)
      if (earlier.path == entry.path)
        throw ExpectedFileError(
            fmt::format("{}:{}: {} is already given on line {}", source, entry.line, entry.path, earlier.line));
    file.entries_.push_back(std::move(entry));
    file.removed_.push_back(false);
  }
  return file;
}

ExpectedFile ExpectedFile::read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ExpectedFileError(fmt::format("{}: cannot read the expected results", path));
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path);
}

void ExpectedFile::set_value(size_t index, double value, bool time) {
  ExpectedEntry& entry = entries_.at(index);
  entry.value = value;
  entry.time_unit = time;
  std::string& line = lines_.at(entry.line - 1);
  const size_t comment = line.find('#');
  const std::string trailing = comment == std::string::npos ? "" : line.substr(comment);
  std::string text = fmt::format("{}: {}", entry.path, format_expected_value(value, time));
  if (entry.tolerance_given) text += fmt::format(" {}", entry.tolerance.text());
  if (!trailing.empty()) text += fmt::format("  {}", trailing);
  line = std::move(text);
}

void ExpectedFile::remove(size_t index) {
  removed_.at(index) = true;
}

void ExpectedFile::append(const std::string& path, double value, bool time) {
  appended_.push_back(path + ": " + format_expected_value(value, time) + " " + default_tolerance().text());
}

std::string ExpectedFile::text() const {
  std::vector<bool> dropped(lines_.size(), false);
  for (size_t i = 0; i < entries_.size(); ++i)
    if (removed_[i]) dropped[entries_[i].line - 1] = true;
  std::string out;
  for (size_t i = 0; i < lines_.size(); ++i)
    if (!dropped[i]) out += lines_[i] + "\n";
  if (!appended_.empty() && !lines_.empty() && !trim(lines_.back()).empty()) out += "\n";
  for (const auto& line : appended_) out += line + "\n";
  return out;
}

}  // namespace buslab
