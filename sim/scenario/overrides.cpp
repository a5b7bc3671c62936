#include "sim/scenario/overrides.hpp"

#include <optional>
#include <vector>

#include <fmt/format.h>

#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/scenario/suggest.hpp"

namespace buslab {
namespace {

using nlohmann::json;

struct PathStep {
  bool is_index = false;
  size_t index = 0;
  std::string key;
};

// Offset just past the JSON string literal starting at `text[start]` (a quote), or npos if it is not closed.
size_t string_literal_end(const std::string& text, size_t start) {
  for (size_t i = start + 1; i < text.size(); ++i) {
    if (text[i] == '\\')
      ++i;
    else if (text[i] == '"')
      return i + 1;
  }
  return std::string::npos;
}

// The steps of `path`, or nothing if it is not a path: a plain key or a [step], then any of `.key`, `[N]`,
// `["any key"]`.
std::optional<std::vector<PathStep>> parse_path(const std::string& path) {
  std::vector<PathStep> steps;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '[') {
      PathStep step;
      if (i + 1 < path.size() && path[i + 1] == '"') {
        const size_t end = string_literal_end(path, i + 1);
        if (end == std::string::npos || end >= path.size() || path[end] != ']') return std::nullopt;
        const json key = json::parse(path.substr(i + 1, end - i - 1), nullptr, false);
        if (!key.is_string()) return std::nullopt;
        step.key = key.get<std::string>();
        i = end + 1;
      } else {
        size_t j = i + 1;
        // Nine digits are plenty for an index and cannot overflow.
        while (j < path.size() && path[j] >= '0' && path[j] <= '9' && j - i <= 9)
          step.index = step.index * 10 + (path[j++] - '0');
        if (j == i + 1 || j >= path.size() || path[j] != ']') return std::nullopt;
        step.is_index = true;
        i = j + 1;
      }
      steps.push_back(step);
      continue;
    }
    if (!steps.empty()) {
      if (path[i] != '.') return std::nullopt;
      ++i;
    }
    const size_t start = i;
    while (i < path.size() && is_path_key_char(path[i])) ++i;
    // Exactly the keys json_path_key() writes without brackets: `services.0` is not a path.
    if (!is_plain_path_key(path.substr(start, i - start))) return std::nullopt;
    steps.push_back({false, 0, path.substr(start, i - start)});
  }
  if (steps.empty()) return std::nullopt;
  return steps;
}

// Offset of the first '=' outside a quoted key, or npos.
size_t assignment_offset(const std::string& text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') {
      i = string_literal_end(text, i);
      if (i == std::string::npos) return std::string::npos;
      --i;
    } else if (text[i] == '=') {
      return i;
    }
  }
  return std::string::npos;
}

[[noreturn]] void fail(const Override& override, const std::string& path, const std::string& expected,
                       const json* found) {
  throw ScenarioError(located(override.origin, path, "expected " + expected + ", found " + render_found(found)));
}

// Whether `text` is valid UTF-8. A scenario file's text is checked by the JSON parser; a --set comes from the
// command line, and a string value holding invalid UTF-8 would make every later dump() of it (an error message,
// trace.json) throw.
bool is_utf8(const std::string& text) {
  try {
    (void)json(text).dump();
    return true;
  } catch (const json::type_error&) {
    return false;
  }
}

}  // namespace

Override parse_override(const std::string& text) {
  Override out;
  if (!is_utf8(text))
    throw ScenarioError("--set " + json_quoted(text) +
                        ": expected UTF-8 text, found bytes that are not (shown as \uFFFD)");
  out.origin = "--set " + text;
  const size_t equals = assignment_offset(text);
  if (equals == std::string::npos) {
    const json found = text;
    fail(out, "", "PATH=VALUE, like services[0].replicas=8", &found);
  }
  out.path = text.substr(0, equals);
  const std::string value = text.substr(equals + 1);
  bool is_json = false;
  try {
    is_json = json::accept(value);
  } catch (const json::exception&) {
    is_json = false;
  }
  // Parsed by the scenario parser so that a key given twice is refused, as in a file.
  out.value = is_json ? parse_scenario_json(value, out.origin) : json(value);
  return out;
}

void apply_override(json& doc, const Override& override) {
  const auto steps = parse_path(override.path);
  if (!steps) {
    const json found = override.path;
    fail(override, "", "a path like services[0].replicas", &found);
  }
  json* node = &doc;
  std::string path;
  for (size_t i = 0; i < steps->size(); ++i) {
    const PathStep& step = (*steps)[i];
    const bool last = i + 1 == steps->size();
    if (step.is_index) {
      if (!node->is_array()) fail(override, path, "a list", node);
      path = json_path_index(path, step.index);
      if (step.index >= node->size()) {
        const json found = step.index;
        if (node->empty()) fail(override, path, "an index into the list, which is empty", &found);
        fail(override, path, fmt::format("an index < {}", node->size()), &found);
      }
      node = &(*node)[step.index];
      continue;
    }
    if (!node->is_object()) fail(override, path, "an object", node);
    path = json_path_key(path, step.key);
    if (!last && !node->contains(step.key)) {
      // A missing object on the way is created (`platform.network.latency` without a `network`); a missing
      // list cannot be, as its index would be out of range.
      if ((*steps)[i + 1].is_index) fail(override, path, "a list", nullptr);
      (*node)[step.key] = json::object();
    }
    node = &(*node)[step.key];
  }
  *node = override.value;
}

}  // namespace buslab
