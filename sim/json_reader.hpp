#pragma once
// Reads a scenario's JSON with the path of every value, so that each error can say where and what:
//   default.json: services[1].executor.workers: expected an integer >= 1, found -3
// Objects are read through a FieldReader that remembers which keys were used; finish() rejects the others
// with a "did you mean" hint. Errors are thrown as ScenarioError; the first one stops the loading.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/core/distribution.hpp"
#include "sim/scenario.hpp"

namespace buslab {

struct ScenarioError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A JSON value as an error shows it: compact, cut short when long; "nothing" for a missing value.
std::string describe_found(const nlohmann::json* value);
// The closest of `candidates` to `word` by edit distance, if close enough to be a likely typo.
std::optional<std::string> closest(const std::string& word, const std::vector<std::string>& candidates);
// `"a", "b" or "c"`.
std::string quoted_list(const std::vector<std::string>& words, const char* last_separator = "or");
// Path syntax: `a.b`, `a[3]`, and `a["odd key"]` for keys that are not plain words.
std::string child_path(const std::string& parent, const std::string& key);
std::string index_path(const std::string& parent, size_t index);

// Where values come from: the source name for messages.
class JsonSource {
 public:
  explicit JsonSource(std::string source) : source_(std::move(source)) {}
  [[noreturn]] void fail(const std::string& path, const std::string& expected, const nlohmann::json* found) const;
  [[noreturn]] void fail_message(const std::string& path, const std::string& message) const;
  const std::string& name() const { return source_; }

 private:
  std::string source_;
};

// One JSON value with its path.
class JsonValue {
 public:
  JsonValue(const JsonSource& source, const nlohmann::json* value, std::string path)
      : source_(&source), value_(value), path_(std::move(path)) {}

  bool present() const { return value_ != nullptr; }
  const JsonSource& source() const { return *source_; }
  const nlohmann::json& json() const { return *value_; }
  const std::string& path() const { return path_; }
  [[noreturn]] void fail(const std::string& expected) const { source_->fail(path_, expected, value_); }
  [[noreturn]] void fail_message(const std::string& message) const { source_->fail_message(path_, message); }

  std::string string() const;  // non-empty
  std::string name() const;    // non-empty, no '/' (used in lane names)
  int64_t integer(int64_t min, int64_t max = INT32_MAX) const;
  double number(double min_exclusive) const;  // > min_exclusive
  bool boolean() const;
  // One of `choices`, with a hint for a near miss.
  std::string choice(const std::vector<std::string>& choices) const;
  double time(double min, bool min_exclusive = false) const;
  double bandwidth() const;  // > 0
  double speed() const;      // > 0
  double size() const;       // bytes >= 0
  Work work() const;
  Distribution time_distribution() const;
  Distribution size_distribution() const;
  std::vector<JsonValue> list(size_t min_size = 0) const;

 private:
  const JsonSource* source_;
  const nlohmann::json* value_;
  std::string path_;
};

// The fields of one JSON object.
class FieldReader {
 public:
  // Fails unless `value` is an object.
  explicit FieldReader(const JsonValue& value);
  // The field (maybe absent); marks the key as known.
  JsonValue field(const std::string& key);
  // The field, which must be present: every typed read of an absent value fails with "found nothing".
  // When it is absent and a key close to it is there, the error names that key as a likely misspelling.
  JsonValue required(const std::string& key);
  bool has(const std::string& key) const;
  // Rejects every key that field()/required() did not ask for.
  void finish() const;
  const std::string& path() const { return value_.path(); }
  [[noreturn]] void fail_message(const std::string& message) const { value_.fail_message(message); }

 private:
  JsonValue value_;
  std::vector<std::string> known_;
};

}  // namespace buslab
