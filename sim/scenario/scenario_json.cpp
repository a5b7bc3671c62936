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

// Follows the path of each value while parsing, to name a key given twice or nesting too deep.
class DuplicateKeyCheck {
 public:
  static constexpr size_t kMaxDepth = 64;

  explicit DuplicateKeyCheck(const std::string& source) : source_(source) {}

  bool operator()(int /*depth*/, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        frames_.push_back(Frame{event == json::parse_event_t::array_start, next_path(), 0, {}, {}});
        // Copying and printing JSON recurse: refuse nesting deep enough to overflow the stack. Scenarios need
        // a handful of levels.
        if (frames_.size() > kMaxDepth)
          throw ScenarioError(
              located(source_, frames_.back().path,
                      fmt::format("expected at most {} nested lists and objects, found more", kMaxDepth)));
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        break;
      case json::parse_event_t::key: {
        Frame& frame = frames_.back();
        frame.key = parsed.get<std::string>();
        if (!frame.keys.insert(frame.key).second)
          throw ScenarioError(located(source_, frame.path,
                                      fmt::format("expected each key once, found {} twice", json_quoted(frame.key))));
        break;
      }
      case json::parse_event_t::value:
        if (!frames_.empty() && frames_.back().is_array) ++frames_.back().next_index;
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool is_array;
    std::string path;
    size_t next_index = 0;       // arrays
    std::string key;             // objects: the key being read
    std::set<std::string> keys;  // objects: the keys seen
  };

  // The path of the value starting now.
  std::string next_path() {
    if (frames_.empty()) return "";
    Frame& parent = frames_.back();
    return parent.is_array ? json_path_index(parent.path, parent.next_index++) : json_path_key(parent.path, parent.key);
  }

  const std::string& source_;
  std::vector<Frame> frames_;
};

}  // namespace

json parse_scenario_json(const std::string& text, const std::string& source) {
  try {
    return json::parse(text, DuplicateKeyCheck(source));
  } catch (const json::parse_error& e) {
    // e.byte is the 1-based offset of the last character read, the one that did not fit.
    const size_t offset = e.byte == 0 ? 0 : e.byte - 1;
    throw ScenarioError(
        fmt::format("{}:{}: invalid JSON: {}", source, line_and_column(text, offset), reason_of(e.what())));
  } catch (const json::out_of_range& e) {
    // "number overflow parsing '1e400'" carries no position: find the number in the text.
    const std::string what = e.what();
    const size_t open = what.find('\'');
    const size_t close = what.rfind('\'');
    size_t offset = 0;
    if (open != std::string::npos && close > open) {
      const size_t at = text.find(what.substr(open + 1, close - open - 1));
      if (at != std::string::npos) offset = at;
    }
    throw ScenarioError(fmt::format("{}:{}: invalid JSON: {}", source, line_and_column(text, offset), reason_of(what)));
  } catch (const json::exception& e) {
    throw ScenarioError(fmt::format("{}: invalid JSON: {}", source, e.what()));
  }
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
