#include "sim/overrides.hpp"

#include <cctype>

#include <fmt/format.h>

#include "sim/json_reader.hpp"

namespace buslab {

namespace {

struct Step {
  bool is_index = false;
  std::string key;
  size_t index = 0;
};

bool key_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

// Parses `a.b[2]["odd key"]`; returns false on a syntax error.
bool parse_path(const std::string& path, std::vector<Step>& steps) {
  size_t i = 0;
  bool expect_key = true;
  while (i < path.size()) {
    if (path[i] == '[') {
      const size_t close = path.find(']', i);
      if (close == std::string::npos) return false;
      const std::string inside = path.substr(i + 1, close - i - 1);
      Step step;
      if (!inside.empty() && inside.front() == '"') {
        try {
          step.key = nlohmann::json::parse(inside).get<std::string>();
        } catch (const std::exception&) {
          return false;
        }
      } else {
        if (inside.empty() || inside.size() > 9) return false;
        for (char c : inside)
          if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        step.is_index = true;
        step.index = std::stoul(inside);
      }
      steps.push_back(step);
      i = close + 1;
      expect_key = false;
      continue;
    }
    if (path[i] == '.') {
      if (expect_key) return false;
      ++i;
      expect_key = true;
      continue;
    }
    if (!expect_key) return false;
    size_t end = i;
    while (end < path.size() && key_char(path[end])) ++end;
    if (end == i) return false;
    steps.push_back(Step{false, path.substr(i, end - i), 0});
    i = end;
    expect_key = false;
  }
  return !steps.empty() && !expect_key;
}

[[noreturn]] void fail(const std::string& where, const std::string& path, const std::string& expected,
                       const nlohmann::json* found) {
  throw ScenarioError(fmt::format("{}: {}: expected {}, found {}", where, path, expected, describe_found(found)));
}

}  // namespace

void set_at_path(nlohmann::json& doc, const std::string& path, const nlohmann::json& value, const std::string& where) {
  std::vector<Step> steps;
  if (!parse_path(path, steps)) {
    const nlohmann::json found = path;
    fail(where, "path", "a path like services[0].replicas", &found);
  }
  nlohmann::json* node = &doc;
  std::string so_far;
  for (size_t s = 0; s < steps.size(); ++s) {
    const Step& step = steps[s];
    const bool last = s + 1 == steps.size();
    if (step.is_index) {
      if (!node->is_array()) fail(where, so_far, "a list", node);
      if (step.index >= node->size())
        throw ScenarioError(fmt::format("{}: {}: expected an index < {}, found {}", where,
                                        index_path(so_far, step.index), node->size(), step.index));
      so_far = index_path(so_far, step.index);
      node = &(*node)[step.index];
    } else {
      if (!node->is_object()) fail(where, so_far.empty() ? "(top level)" : so_far, "an object", node);
      so_far = child_path(so_far, step.key);
      if (!node->contains(step.key) && !last) (*node)[step.key] = nlohmann::json::object();
      node = &(*node)[step.key];
    }
  }
  *node = value;
}

void apply_assignment(nlohmann::json& doc, const std::string& assignment) {
  const std::string where = "--set " + assignment;
  const size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    const nlohmann::json found = assignment;
    throw ScenarioError(
        fmt::format("--set: expected PATH=VALUE, like services[0].replicas=8, found {}", describe_found(&found)));
  }
  const std::string path = assignment.substr(0, eq);
  const std::string text = assignment.substr(eq + 1);
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(text);
  } catch (const std::exception&) {
    value = text;  // not JSON: a bare string such as 2ms or direct
  }
  set_at_path(doc, path, value, where);
}

}  // namespace buslab
