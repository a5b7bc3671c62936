#include "tests/labs/readme_numbers.hpp"

#include <cctype>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

namespace buslab::labs {

namespace {

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Whether a quote opened on these lines is still open at their end (the command goes on on the next line).
bool open_quote(const std::string& text) {
  char quote = 0;
  for (char c : text) {
    if (quote && c == quote)
      quote = 0;
    else if (!quote && (c == '\'' || c == '"'))
      quote = c;
  }
  return quote != 0;
}

// The shell command of a ```sh line without its trailing comment ("  # run, then ..."), outside quotes.
std::string strip_comment(const std::string& line) {
  char quote = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '#' && (i == 0 || std::isspace(static_cast<unsigned char>(line[i - 1])))) {
      std::string kept = line.substr(0, i);
      while (!kept.empty() && std::isspace(static_cast<unsigned char>(kept.back()))) kept.pop_back();
      return kept;
    }
  }
  return line;
}

std::vector<std::string> fenced_commands(const std::string& text) {
  std::vector<std::string> commands;
  std::istringstream in(text);
  bool in_block = false;
  std::string pending;
  for (std::string line; std::getline(in, line);) {
    if (!in_block) {
      in_block = line.rfind("```sh", 0) == 0;
      continue;
    }
    if (line.rfind("```", 0) == 0) {
      in_block = false;
      continue;
    }
    // A line goes on after a trailing backslash, or inside a quote (a JSON value over several lines).
    const bool escaped = !line.empty() && line.back() == '\\';
    if (escaped) line.pop_back();
    pending += (pending.empty() ? "" : " ") + line;
    if (escaped || open_quote(pending)) continue;
    std::string command = strip_comment(pending);
    pending.clear();
    const size_t first = command.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    commands.push_back(command.substr(first));
  }
  return commands;
}

// The unit written after a number at `i` ("24 ms", "88%"), or "" with `i` unmoved.
std::string unit_at(const std::string& text, size_t& i) {
  if (i < text.size() && text[i] == '%') {
    ++i;
    return "%";
  }
  if (i >= text.size() || text[i] != ' ') return "";
  for (const char* unit : {"ms", "us", "ns", "s"}) {
    const size_t n = std::char_traits<char>::length(unit);
    if (text.compare(i + 1, n, unit) != 0) continue;
    const size_t end = i + 1 + n;
    if (end < text.size() && is_word_char(text[end])) continue;  // "5 seconds", "2 servers"
    i = end;
    return unit;
  }
  return "";
}

}  // namespace

Readme parse_readme(const std::string& text) {
  Readme readme;
  readme.commands = fenced_commands(text);
  const std::string marker = "What you should see";
  size_t begin = text.find("\n" + marker);
  if (begin == std::string::npos) throw std::runtime_error("no \"What you should see\" paragraph");
  ++begin;
  size_t end = text.find("\n\n", begin);
  if (end == std::string::npos) end = text.size();
  bool code = false;
  for (size_t i = begin; i < end; ++i) {
    const char c = text[i];
    if (c == '`') {
      code = !code;
      continue;
    }
    if (code) continue;
    if (c == ']' && i + 1 < end && text[i + 1] == '(') {  // a link's target
      i = text.find(')', i);
      if (i == std::string::npos || i > end) break;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c))) continue;
    const char before = i > begin ? text[i - 1] : ' ';
    size_t j = i;
    while (j < end && (std::isdigit(static_cast<unsigned char>(text[j])) ||
                       (text[j] == ',' && j + 3 < end && std::isdigit(static_cast<unsigned char>(text[j + 1])) &&
                        std::isdigit(static_cast<unsigned char>(text[j + 2])) &&
                        std::isdigit(static_cast<unsigned char>(text[j + 3])))))
      ++j;
    if (j + 1 < end && text[j] == '.' && std::isdigit(static_cast<unsigned char>(text[j + 1]))) {
      ++j;
      while (j < end && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    }
    const bool in_word = is_word_char(before) || before == '-' || before == '.' || before == '/' ||
                         (j < end && (is_word_char(text[j]) || text[j] == '/'));
    if (!in_word) {
      size_t after = j;
      unit_at(text, after);
      readme.numbers.push_back(QuotedNumber{text.substr(i, after - i), i});
      j = after;
    }
    i = j - 1;
  }
  return readme;
}

double unit_factor(const std::string& unit) {
  if (unit == "ms") return 1e3;
  if (unit == "us") return 1e6;
  if (unit == "ns") return 1e9;
  if (unit == "%") return 100;
  return 1;
}

NumberFormat parse_number(const std::string& text, double& value) {
  NumberFormat f;
  size_t i = 0;
  std::string digits;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == ',' || text[i] == '.')) {
    if (text[i] == ',') f.grouped = true;
    if (text[i] != ',') digits += text[i];
    ++i;
  }
  const size_t dot = digits.find('.');
  f.decimals = dot == std::string::npos ? 0 : static_cast<int>(digits.size() - dot - 1);
  f.unit = unit_at(text, i);
  if (digits.empty() || i != text.size()) throw std::runtime_error("\"" + text + "\" is not a quoted number");
  value = std::stod(digits) / unit_factor(f.unit);
  return f;
}

std::string format_number(double value, const NumberFormat& format, const std::string& unit) {
  const std::string& u = format.unit.empty() ? unit : format.unit;
  std::string digits = fmt::format("{:.{}f}", value * unit_factor(u), format.decimals);
  if (digits == "-0" || digits.rfind("-0.", 0) == 0) digits.erase(0, 1);
  if (format.grouped) {
    // Built anew rather than by insert(), which g++ 12 warns about (a -Wrestrict false positive).
    const size_t dot = digits.find('.');
    const size_t int_end = dot == std::string::npos ? digits.size() : dot;
    const size_t int_begin = digits[0] == '-' ? 1 : 0;
    std::string grouped = digits.substr(0, int_begin);
    for (size_t k = int_begin; k < int_end; ++k) {
      if (k > int_begin && (int_end - k) % 3 == 0) grouped += ',';
      grouped += digits[k];
    }
    digits = grouped + digits.substr(int_end);
  }
  if (format.unit.empty()) return digits;
  return format.unit == "%" ? digits + "%" : digits + " " + format.unit;
}

}  // namespace buslab::labs
