// Scenario text to a JSON document: syntax errors with line and column, keys given twice, unreadable files.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/scenario/suggest.hpp"

namespace buslab {
namespace {

using nlohmann::json;

// Line and column (both from 1, columns counting UTF-8 characters) of byte `offset` of `text`.
std::string line_and_column(const std::string& text, size_t offset) {
  offset = std::min(offset, text.size());
  size_t line = 1, column = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return fmt::format("{}:{}", line, column);
}

// nlohmann's messages read "[json.exception.parse_error.101] parse error at line 2, column 7: <reason>"; its
// own line and column are off by one after a newline, so the position is recomputed from the byte offset.
std::string reason_of(std::string what) {
  if (what.rfind("[json.exception.", 0) == 0 && what.find("] ") != std::string::npos)
    what = what.substr(what.find("] ") + 2);
  if (what.rfind("parse error", 0) == 0 && what.find(": ") != std::string::npos)
    what = what.substr(what.find(": ") + 2);
  return what;
}

// Builds the document from nlohmann's SAX events, refusing a key given twice (JSON parsers otherwise keep the last
// one silently) and nesting too deep, with the JSON path of the place. Linear in the text: nlohmann's callback
// parser, which could do the same, scans a whole list after each object in it ends, which made a 640,000-host list
// take minutes.
class DocumentBuilder {
 public:
  static constexpr size_t kMaxDepth = 64;

  DocumentBuilder(json& root, const std::string& text, const std::string& source)
      : root_(root), text_(text), source_(source) {}

  bool null() { return place(nullptr); }
  bool boolean(bool value) { return place(value); }
  bool number_integer(json::number_integer_t value) { return place(value); }
  bool number_unsigned(json::number_unsigned_t value) { return place(value); }
  bool number_float(json::number_float_t value, const std::string&) { return place(value); }
  bool string(std::string& value) { return place(std::move(value)); }
  bool binary(json::binary_t& value) { return place(std::move(value)); }

  bool start_object(size_t) { return open(json::value_t::object); }
  bool start_array(size_t) { return open(json::value_t::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string& key) {
    Frame& frame = frames_.back();
    if (frame.value->contains(key))
      throw ScenarioError(
          located(source_, path_of_top(), fmt::format("expected each key once, found {} twice", json_quoted(key))));
    frame.key = key;
    member_ = &(*frame.value)[key];
    return true;
  }

  bool parse_error(size_t position, const std::string& last_token, const nlohmann::detail::exception& error) {
    // A syntax error's position is the last character read (1-based); a number too large for a double is reported
    // after it: its first character is where it starts.
    size_t offset = position == 0 ? 0 : position - 1;
    if (dynamic_cast<const json::out_of_range*>(&error) != nullptr && position >= last_token.size())
      offset = position - last_token.size();
    throw ScenarioError(
        fmt::format("{}:{}: invalid JSON: {}", source_, line_and_column(text_, offset), reason_of(error.what())));
  }

 private:
  struct Frame {
    json* value;
    std::string key;  // objects: the key being read
  };

  // The JSON path of the innermost open list or object, from the keys and list positions on the way to it.
  std::string path_of_top() const {
    std::string path;
    for (size_t i = 1; i < frames_.size(); ++i) {
      const Frame& parent = frames_[i - 1];
      path =
          parent.value->is_array() ? json_path_index(path, parent.value->size() - 1) : json_path_key(path, parent.key);
    }
    return path;
  }

  template <typename Value>
  bool place(Value&& value) {
    slot() = json(std::forward<Value>(value));
    return true;
  }

  // Where the next value goes: the document itself, the end of the open list, or the member whose key was read.
  json& slot() {
    if (frames_.empty()) return root_;
    json& top = *frames_.back().value;
    if (top.is_array()) return top.emplace_back();
    return *member_;
  }

  bool open(json::value_t type) {
    json& value = slot();
    value = json(type);
    frames_.push_back(Frame{&value, {}});
    // Copying and printing JSON recurse: refuse nesting deep enough to overflow the stack. Scenarios need a handful
    // of levels.
    if (frames_.size() > kMaxDepth)
      throw ScenarioError(located(source_, path_of_top(),
                                  fmt::format("expected at most {} nested lists and objects, found more", kMaxDepth)));
    return true;
  }

  bool close() {
    frames_.pop_back();
    return true;
  }

  json& root_;
  const std::string& text_;
  const std::string& source_;
  std::vector<Frame> frames_;  // the open lists and objects, outermost first
  json* member_ = nullptr;     // inside an object: the member whose key was read last
};

}  // namespace

json parse_scenario_json(const std::string& text, const std::string& source) {
  json document;
  DocumentBuilder builder(document, text, source);
  try {
    json::sax_parse(text, &builder);
  } catch (const json::exception& e) {
    // Reported through the builder's parse_error in every case known; a safety net, worded the same way.
    throw ScenarioError(fmt::format("{}: invalid JSON: {}", source, reason_of(e.what())));
  }
  return document;
}

std::string read_scenario_text(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    throw ScenarioError(path + ": cannot read the scenario file: it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(fmt::format("{}: cannot read the scenario file: {}", path, std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw ScenarioError(fmt::format("{}: cannot read the scenario file: {}", path, std::strerror(errno)));
  return text.str();
}

json read_scenario_file(const std::string& path) {
  return parse_scenario_json(read_scenario_text(path), path);
}

}  // namespace buslab
