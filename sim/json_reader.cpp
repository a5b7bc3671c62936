#include "sim/json_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "sim/units.hpp"

namespace buslab {

namespace {

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      const bool same =
          std::tolower(static_cast<unsigned char>(a[i - 1])) == std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

bool plain_word(const std::string& key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0]))) return false;
  return std::all_of(key.begin(), key.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; });
}

// `value` read by `parse` (a unit parser) when it is a string; numbers get an error naming the unit they lack.
double with_unit(const JsonValue& v, units::Parsed (*parse)(const std::string&)) {
  if (!v.present()) v.fail(parse("").expected);
  if (!v.json().is_string()) v.fail(parse("").expected);
  const units::Parsed parsed = parse(v.json().get<std::string>());
  if (!parsed.value) v.fail(parsed.expected);
  return *parsed.value;
}

}  // namespace

std::string describe_found(const nlohmann::json* value) {
  if (value == nullptr) return "nothing";
  std::string text = value->dump();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

std::optional<std::string> closest(const std::string& word, const std::vector<std::string>& candidates) {
  auto lower = [](std::string t) {
    for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return t;
  };
  // A cut-short word ("expo", "threads" for "threading") is as likely a slip as a typo.
  if (word.size() >= 3)
    for (const auto& c : candidates) {
      const std::string a = lower(word), b = lower(c);
      const size_t common = std::min(a.size(), b.size());
      if (a.compare(0, common, b, 0, common) == 0 || (common >= 5 && a.compare(0, 5, b, 0, 5) == 0)) return c;
    }
  std::optional<std::string> best;
  size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    const size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string quoted_list(const std::vector<std::string>& words, const char* last_separator) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? fmt::format(" {} ", last_separator) : ", ";
    out += "\"" + words[i] + "\"";
  }
  return out;
}

std::string child_path(const std::string& parent, const std::string& key) {
  if (plain_word(key)) return parent.empty() ? key : parent + "." + key;
  return parent + "[" + nlohmann::json(key).dump() + "]";
}

std::string index_path(const std::string& parent, size_t index) {
  return fmt::format("{}[{}]", parent, index);
}

void JsonSource::fail(const std::string& path, const std::string& expected, const nlohmann::json* found) const {
  throw ScenarioError(fmt::format("{}: {}: expected {}, found {}", source_, path.empty() ? "(top level)" : path,
                                  expected, describe_found(found)));
}

void JsonSource::fail_message(const std::string& path, const std::string& message) const {
  throw ScenarioError(fmt::format("{}: {}: {}", source_, path.empty() ? "(top level)" : path, message));
}

std::string JsonValue::string() const {
  if (!present() || !json().is_string() || json().get<std::string>().empty()) fail("a non-empty string");
  return json().get<std::string>();
}

std::string JsonValue::name() const {
  if (!present() || !json().is_string() || json().get<std::string>().empty() ||
      json().get<std::string>().find('/') != std::string::npos)
    fail("a non-empty name without \"/\"");
  return json().get<std::string>();
}

int64_t JsonValue::integer(int64_t min, int64_t max) const {
  const std::string expected =
      max == INT32_MAX ? fmt::format("an integer >= {}", min) : fmt::format("an integer from {} to {}", min, max);
  if (!present() || !(json().is_number_integer() || json().is_number_unsigned())) fail(expected);
  if (json().is_number_unsigned() && json().get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) fail(expected);
  const int64_t v = json().get<int64_t>();
  if (v < min || v > max) fail(expected);
  return v;
}

double JsonValue::number(double min_exclusive) const {
  const std::string expected = fmt::format("a number > {}", min_exclusive);
  if (!present() || !json().is_number()) fail(expected);
  const double v = json().get<double>();
  if (!std::isfinite(v) || v <= min_exclusive) fail(expected);
  return v;
}

bool JsonValue::boolean() const {
  if (!present() || !json().is_boolean()) fail("true or false");
  return json().get<bool>();
}

std::string JsonValue::choice(const std::vector<std::string>& choices) const {
  const std::string expected = "one of " + quoted_list(choices);
  if (!present() || !json().is_string()) fail(expected);
  const std::string v = json().get<std::string>();
  if (std::find(choices.begin(), choices.end(), v) != choices.end()) return v;
  if (auto hint = closest(v, choices))
    fail_message(fmt::format("expected {}, found {}; did you mean \"{}\"?", expected, describe_found(&json()), *hint));
  fail(expected);
}

double JsonValue::time(double min, bool min_exclusive) const {
  const double v = with_unit(*this, units::time);
  if (min_exclusive ? v <= min : v < min)
    fail(fmt::format("a time {} {}", min_exclusive ? ">" : ">=", min == 0 ? "0" : fmt::format("{}s", min)));
  return v;
}

double JsonValue::bandwidth() const {
  const double v = with_unit(*this, units::bandwidth);
  if (v <= 0) fail("a bandwidth > 0, like \"1Gbps\"");
  return v;
}

double JsonValue::speed() const {
  const double v = with_unit(*this, units::speed);
  if (v <= 0) fail("a CPU speed > 0, like \"10Gf\"");
  return v;
}

double JsonValue::size() const {
  const std::string expected = "a size in bytes, like 2450 or \"4KiB\"";
  if (!present()) fail(expected);
  if (json().is_number_unsigned() || (json().is_number_integer() && json().get<int64_t>() >= 0))
    return json().get<double>();
  if (!json().is_string()) fail(expected);
  return with_unit(*this, units::size);
}

Work JsonValue::work() const {
  const std::string expected = "an amount of CPU work, like \"50kf\" or \"20us\"";
  if (!present() || !json().is_string()) fail(expected);
  const std::string text = json().get<std::string>();
  if (const auto t = units::time(text); t.value) return Work{0.0, *t.value};
  if (const auto f = units::flops(text); f.value) return Work{*f.value, 0.0};
  fail(expected);
}

namespace {

// A distribution of times or sizes; `scalar` reads one value of the field's kind.
Distribution read_distribution(const JsonValue& v, double (*scalar)(const JsonValue&), const char* kind_name) {
  if (!v.present() || !v.json().is_object()) return Distribution::constant(scalar(v));
  FieldReader fields(v);
  const std::string dist =
      fields.required("dist").choice({"constant", "exponential", "uniform", "lognormal", "empirical"});
  Distribution result;
  if (dist == "constant") {
    result = Distribution::constant(scalar(fields.required("value")));
  } else if (dist == "exponential") {
    const JsonValue mean = fields.required("mean");
    const double m = scalar(mean);
    if (m <= 0) mean.fail(fmt::format("a {} > 0", kind_name));
    result = Distribution::exponential(m);
  } else if (dist == "uniform") {
    const double min = scalar(fields.required("min"));
    const JsonValue max_field = fields.required("max");
    const double max = scalar(max_field);
    if (max < min) max_field.fail(fmt::format("a {} >= min", kind_name));
    result = Distribution::uniform(min, max);
  } else if (dist == "lognormal") {
    const JsonValue mean = fields.required("mean");
    const double m = scalar(mean);
    if (m <= 0) mean.fail(fmt::format("a {} > 0", kind_name));
    result = Distribution::lognormal(m, fields.required("sigma").number(0.0));
  } else {
    const JsonValue data = fields.field("data");
    const JsonValue values = fields.field("values");
    if (data.present() == values.present())
      fields.fail_message("expected exactly one of \"data\" (a builtin data set) or \"values\" (a list)");
    if (data.present()) {
      data.choice({"nova-message-lengths"});
      result = Distribution::empirical(nova_message_lengths());
    } else {
      std::vector<double> list;
      for (const JsonValue& item : values.list(1)) list.push_back(scalar(item));
      result = Distribution::empirical(std::move(list));
    }
  }
  fields.finish();
  return result;
}

double read_time_value(const JsonValue& v) {
  return v.time(0.0);
}
double read_size_value(const JsonValue& v) {
  return v.size();
}

}  // namespace

Distribution JsonValue::time_distribution() const {
  return read_distribution(*this, read_time_value, "time");
}

Distribution JsonValue::size_distribution() const {
  return read_distribution(*this, read_size_value, "size");
}

std::vector<JsonValue> JsonValue::list(size_t min_size) const {
  const std::string expected =
      min_size == 0 ? "a list" : fmt::format("a list of at least {} item{}", min_size, min_size == 1 ? "" : "s");
  if (!present() || !json().is_array() || json().size() < min_size) fail(expected);
  std::vector<JsonValue> items;
  for (size_t i = 0; i < json().size(); ++i) items.emplace_back(*source_, &json()[i], index_path(path_, i));
  return items;
}

FieldReader::FieldReader(const JsonValue& value) : value_(value) {
  if (!value.present() || !value.json().is_object()) value.fail("an object");
}

JsonValue FieldReader::required(const std::string& key) {
  JsonValue v = field(key);
  if (v.present()) return v;
  // A missing field is most often a misspelt one: point at the misspelling rather than at the absence.
  std::vector<std::string> unknown;
  for (const auto& [k, ignored] : value_.json().items()) {
    (void)ignored;
    if (std::find(known_.begin(), known_.end(), k) == known_.end()) unknown.push_back(k);
  }
  for (const auto& k : unknown)
    if (closest(k, {key}))
      value_.source().fail_message(child_path(value_.path(), k), fmt::format("unknown key; did you mean \"{}\"?", key));
  return v;
}

JsonValue FieldReader::field(const std::string& key) {
  if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.push_back(key);
  const auto& object = value_.json();
  auto it = object.find(key);
  return JsonValue(value_.source(), it == object.end() ? nullptr : &*it, child_path(value_.path(), key));
}

bool FieldReader::has(const std::string& key) const {
  return value_.json().contains(key);
}

void FieldReader::finish() const {
  for (const auto& [key, ignored] : value_.json().items()) {
    (void)ignored;
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    const std::string path = child_path(value_.path(), key);
    if (auto hint = closest(key, known_))
      value_.source().fail_message(path, fmt::format("unknown key; did you mean \"{}\"?", *hint));
    std::vector<std::string> sorted = known_;
    std::sort(sorted.begin(), sorted.end());
    value_.source().fail_message(path, "unknown key; expected one of " + quoted_list(sorted));
  }
}

}  // namespace buslab
