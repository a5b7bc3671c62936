#include "sim/scenario/json_reader.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "sim/scenario/suggest.hpp"
#include "sim/scenario/units.hpp"

namespace buslab {
namespace {

std::string time_phrase(JsonReader::Bound bound) {
  return bound == JsonReader::Bound::AboveZero ? "a time > 0, like \"2ms\"" : "a time >= 0, like \"2ms\"";
}

std::string integer_phrase(int min, int max) {
  if (max == INT_MAX) return fmt::format("an integer >= {}", min);
  return fmt::format("an integer from {} to {}", min, max);
}

}  // namespace

bool is_path_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool is_plain_path_key(const std::string& key) {
  if (key.empty() || (key[0] >= '0' && key[0] <= '9') || key[0] == '-') return false;
  return std::all_of(key.begin(), key.end(), is_path_key_char);
}

std::string json_path_key(const std::string& parent, const std::string& key) {
  if (!is_plain_path_key(key)) return parent + "[" + json_quoted(key) + "]";
  return parent.empty() ? key : parent + "." + key;
}

std::string json_path_index(const std::string& parent, size_t index) {
  return fmt::format("{}[{}]", parent, index);
}

std::string render_found(const nlohmann::json* value) {
  if (value == nullptr) return "nothing";
  std::string text = value->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  constexpr size_t kMaxShown = 60;
  if (text.size() > kMaxShown) {
    size_t cut = kMaxShown - 3;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
    text = text.substr(0, cut) + "...";
  }
  return text;
}

std::string located(const std::string& source, const std::string& path, const std::string& message) {
  return path.empty() ? source + ": " + message : source + ": " + path + ": " + message;
}

JsonReader::JsonReader(const nlohmann::json& document, std::string source)
    : value_(&document), source_(std::move(source)) {}

JsonReader::JsonReader(const nlohmann::json* value, const std::string& source, std::string path)
    : value_(value), source_(source), path_(std::move(path)) {}

void JsonReader::fail(const std::string& expected, const std::string& note) const {
  std::string message = "expected " + expected + ", found " + render_found(value_);
  if (!note.empty()) message += "; " + note;
  fail_message(message);
}

void JsonReader::fail_message(const std::string& message) const {
  throw ScenarioError(located(source_, path_, message));
}

void JsonReader::expect_object(const std::vector<std::string>& allowed) const {
  if (!present() || !value_->is_object()) fail("an object");
  for (const auto& [key, unused] : value_->items()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    const JsonReader unknown(&value_->at(key), source_, json_path_key(path_, key));
    if (const auto hint = closest_match(key, allowed))
      unknown.fail_message(fmt::format("unknown key; did you mean {}?", json_quoted(*hint)));
    unknown.fail_message("unknown key; the keys allowed here are " + quoted_list(allowed, allowed.size()));
  }
}

JsonReader JsonReader::field(const std::string& key) const {
  const nlohmann::json* member = nullptr;
  if (present() && value_->is_object()) {
    const auto it = value_->find(key);
    if (it != value_->end()) member = &*it;
  }
  return JsonReader(member, source_, json_path_key(path_, key));
}

std::vector<JsonReader> JsonReader::items(const std::string& expected, bool non_empty) const {
  if (!present() || !value_->is_array() || (non_empty && value_->empty())) fail(expected);
  std::vector<JsonReader> out;
  out.reserve(value_->size());
  for (size_t i = 0; i < value_->size(); ++i)
    out.push_back(JsonReader(&(*value_)[i], source_, json_path_index(path_, i)));
  return out;
}

void JsonReader::forbid(const std::string& why) const {
  if (present()) fail("nothing (" + why + ")");
}

std::string JsonReader::string() const {
  if (!present() || !value_->is_string()) fail("a string");
  return value_->get<std::string>();
}

std::string JsonReader::name() const {
  static const char* const kName = "a non-empty name without \"/\"";
  if (!present() || !value_->is_string()) fail(kName);
  const auto& text = value_->get_ref<const std::string&>();
  if (text.empty() || text.find('/') != std::string::npos) fail(kName);
  return text;
}

int JsonReader::integer(int min, int max) const {
  if (!present() || !(value_->is_number_integer())) fail(integer_phrase(min, max));
  // Unsigned values above INT64_MAX are stored unsigned; everything else fits int64_t.
  if (value_->is_number_unsigned() && value_->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
    fail(fmt::format("an integer from {} to {}", min, max));
  const int64_t number = value_->get<int64_t>();
  // Too small: the lower bound is what matters (`expected an integer >= 1, found -3`).
  if (number < min) fail(fmt::format("an integer >= {}", min));
  if (number > max) fail(fmt::format("an integer from {} to {}", min, max));
  return static_cast<int>(number);
}

uint64_t JsonReader::unsigned_integer() const {
  if (!present() || !value_->is_number_integer()) fail("an integer >= 0");
  if (value_->is_number_unsigned()) return value_->get<uint64_t>();
  const int64_t number = value_->get<int64_t>();
  if (number < 0) fail("an integer >= 0");
  return static_cast<uint64_t>(number);
}

double JsonReader::positive_number(const std::string& expected) const {
  if (!present() || !value_->is_number()) fail(expected);
  const double number = value_->get<double>();
  if (!(number > 0) || !std::isfinite(number)) fail(expected);
  return number;
}

double JsonReader::probability() const {
  if (!present() || !value_->is_number()) fail("a probability from 0 to 1");
  const double p = value_->get<double>();
  if (!(p >= 0.0 && p <= 1.0)) fail("a probability from 0 to 1");
  return p;
}

double JsonReader::time(Bound bound) const {
  // Missing: say the bound. A number: say the unit is missing, which is what the user needs to fix.
  if (!present()) fail(time_phrase(bound));
  if (!value_->is_string()) fail("a time with a unit, like \"2ms\"");
  const auto parsed = parse_time(value_->get_ref<const std::string&>());
  if (parsed.negative) fail(time_phrase(bound));
  if (!parsed.ok()) fail(parsed.expected);
  if (bound == Bound::AboveZero && parsed.value <= 0) fail(time_phrase(bound));
  return parsed.value;
}

double JsonReader::signed_time() const {
  static const char* const kSigned = "a time with a unit, negative or not, like \"-40s\"";
  if (!present() || !value_->is_string()) fail(kSigned);
  const std::string& text = value_->get_ref<const std::string&>();
  const bool negative = !text.empty() && text.front() == '-';
  const auto parsed = parse_time(negative ? text.substr(1) : text);
  if (parsed.negative || (negative && text.size() > 1 && text[1] == '-')) fail(kSigned);
  if (!parsed.ok()) fail(parsed.expected);
  return negative ? -parsed.value : parsed.value;
}

double JsonReader::bandwidth() const {
  static const char* const kPositive = "a bandwidth > 0, like \"10Gbps\"";
  if (!present()) fail(kPositive);
  if (!value_->is_string()) fail("a bandwidth with a unit, like \"10Gbps\"");
  const auto parsed = parse_bandwidth(value_->get_ref<const std::string&>());
  if (parsed.negative) fail(kPositive);
  if (!parsed.ok()) fail(parsed.expected);
  if (parsed.value <= 0) fail(kPositive);
  return parsed.value;
}

double JsonReader::cpu_speed() const {
  static const char* const kPositive = "a CPU speed > 0, like \"10Gf\"";
  if (!present()) fail(kPositive);
  if (!value_->is_string()) fail("a CPU speed with a unit, like \"10Gf\"");
  const auto parsed = parse_cpu_speed(value_->get_ref<const std::string&>());
  if (parsed.negative) fail(kPositive);
  if (!parsed.ok()) fail(parsed.expected);
  if (parsed.value <= 0) fail(kPositive);
  return parsed.value;
}

Work JsonReader::work() const {
  if (!present() || !value_->is_string()) fail("a CPU cost with a unit, like \"50kf\" or \"20us\"");
  const auto parsed = parse_work(value_->get_ref<const std::string&>());
  if (!parsed.ok()) fail(parsed.expected);
  return parsed.value;
}

double JsonReader::size() const {
  static const char* const kSize =
      "a size: an integer number of bytes, like 2450, or a string with a unit, like \"4KiB\"";
  if (!present()) fail(kSize);
  if (value_->is_number_integer()) {
    // Unsigned beyond INT64_MAX are larger than the cap anyway.
    if (value_->is_number_unsigned() && value_->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
      fail("a size <= 1000000000000 (1000GB)");
    const int64_t bytes = value_->get<int64_t>();
    if (bytes < 0) fail("a size >= 0, like 2450 or \"4KiB\"");
    if (static_cast<double>(bytes) > kMaxSizeBytes) fail("a size <= 1000000000000 (1000GB)");
    return static_cast<double>(bytes);
  }
  if (!value_->is_string()) fail(kSize);
  const auto& text = value_->get_ref<const std::string&>();
  if (!text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    fail("a size: an integer number of bytes without quotes, like 2450, or a string with a unit, like \"4KiB\"");
  const auto parsed = parse_size(text);
  if (!parsed.ok()) fail(parsed.expected);
  return parsed.value;
}

std::string JsonReader::one_of(const std::vector<std::string>& choices) const {
  const std::string expected = "one of " + quoted_list(choices, choices.size());
  if (!present() || !value_->is_string()) fail(expected);
  const auto& text = value_->get_ref<const std::string&>();
  if (std::find(choices.begin(), choices.end(), text) != choices.end()) return text;
  const auto hint = closest_match(text, choices);
  fail(expected, hint ? fmt::format("did you mean {}?", json_quoted(*hint)) : "");
}

std::string JsonReader::reference(const std::vector<std::string>& names, const std::string& what) const {
  const std::string expected =
      names.empty() ? what + " (none are declared)" : fmt::format("{} (one of {})", what, quoted_list(names));
  if (!present() || !value_->is_string()) fail(expected);
  const auto& text = value_->get_ref<const std::string&>();
  if (std::find(names.begin(), names.end(), text) != names.end()) return text;
  const auto hint = closest_match(text, names);
  fail(expected, hint ? fmt::format("did you mean {}?", json_quoted(*hint)) : "");
}

}  // namespace buslab
