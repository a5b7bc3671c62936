#pragma once
// Reads one value of a parsed scenario document while knowing where it is: the document's name and the JSON
// path (`services[1].executor.workers`). Every error it raises is a ScenarioError worded
// `<source>: <path>: expected <what>, found <what was found>`, found values shown as JSON (`"10 ms"`, `-3`) or
// `nothing` when the field is missing. Absent fields are the caller's to default: a getter called on an absent
// field fails, so that a default is only ever used for a field that is not there, never for a bad value.
#include <climits>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_error.hpp"

namespace buslab {

// Path of `key` inside the value at `parent`: `parent.key` when the key is a plain word (letters, digits, `_`,
// `-`, not starting with a digit or `-`), else `parent["key"]`, so that the overrides parser can read any path
// back.
std::string json_path_key(const std::string& parent, const std::string& key);
std::string json_path_index(const std::string& parent, size_t index);
bool is_plain_path_key(const std::string& key);
bool is_path_key_char(char c);

// A found value as shown in messages: compact JSON, cut short past 60 characters; `nothing` for nullptr.
std::string render_found(const nlohmann::json* value);

// `<source>: <path>: <message>`, or `<source>: <message>` for the document itself (empty path).
std::string located(const std::string& source, const std::string& path, const std::string& message);

class JsonReader {
 public:
  // The whole document.
  JsonReader(const nlohmann::json& document, std::string source);

  bool present() const { return value_ != nullptr; }
  const nlohmann::json& value() const { return *value_; }  // only when present()
  const std::string& path() const { return path_; }
  const std::string& source() const { return source_; }

  // `<source>: <path>: expected <expected>, found <this value>[; <note>]`.
  [[noreturn]] void fail(const std::string& expected, const std::string& note = "") const;
  // `<source>: <path>: <message>`.
  [[noreturn]] void fail_message(const std::string& message) const;

  // --- Structure
  // Checks this is an object whose keys are all in `allowed` (else: unknown key, with a hint).
  void expect_object(const std::vector<std::string>& allowed) const;
  // The member `key` of this object, absent if it has none. Call expect_object() first.
  JsonReader field(const std::string& key) const;
  // The elements of this list; `expected` describes the list (`a non-empty list of host names`).
  std::vector<JsonReader> items(const std::string& expected, bool non_empty) const;
  // Fails when this field is present: it means nothing here, for the reason given.
  void forbid(const std::string& why) const;

  // --- Values
  std::string string() const;
  // A name: non-empty, without `/` (names appear in output paths and stream names).
  std::string name() const;
  int integer(int min, int max = INT_MAX) const;
  uint64_t unsigned_integer() const;
  // A JSON number > 0, e.g. a rate; `expected` names it (`a rate > 0 (calls per second)`).
  double positive_number(const std::string& expected) const;
  // A JSON number from 0 to 1 (a share of calls, messages or instants).
  double probability() const;
  enum class Bound { AtLeastZero, AboveZero };
  double time(Bound bound) const;  // seconds
  double signed_time() const;      // seconds, negative when the text starts with '-' ("-37.74s")
  double bandwidth() const;        // bytes/s, > 0
  double cpu_speed() const;        // flop/s, > 0
  Work work() const;               // >= 0
  double size() const;             // bytes, a whole number >= 0
  // One of `choices` (an enum), with a hint when the value is close to one.
  std::string one_of(const std::vector<std::string>& choices) const;
  // A name that must be one of `names` (declared elsewhere); `what` says what it should name
  // (`a service name`).
  std::string reference(const std::vector<std::string>& names, const std::string& what) const;

 private:
  JsonReader(const nlohmann::json* value, const std::string& source, std::string path);
  const nlohmann::json* value_;
  std::string source_;
  std::string path_;
};

}  // namespace buslab
