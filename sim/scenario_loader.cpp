#include "sim/scenario_loader.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "sim/overrides.hpp"
#include "sim/schema_sections.hpp"

namespace buslab {

namespace {

std::string base_name(const std::string& source) {
  std::string name = source.substr(source.find_last_of('/') + 1);
  if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0) name.resize(name.size() - 5);
  return name;
}

// Line and column (1-based) of byte `offset` in `text`.
std::pair<size_t, size_t> line_column(const std::string& text, size_t offset) {
  size_t line = 1, column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

const nlohmann::json* variant_entry(const nlohmann::json& doc, const std::string& source, const std::string& name,
                                    size_t& index) {
  const JsonSource src(source);
  const auto names = variant_names(doc, source);
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) {
      index = i;
      return &doc["variants"][i];
    }
  const nlohmann::json found = name;
  src.fail("variants", names.empty() ? "a scenario with variants" : "one of " + quoted_list(names), &found);
}

}  // namespace

nlohmann::json parse_scenario_json(const std::string& text, const std::string& source) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    const auto [line, column] = line_column(text, e.byte == 0 ? 0 : e.byte - 1);
    std::string reason = e.what();
    // nlohmann's text reads "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error ...".
    const size_t colon = reason.find(": ", reason.find("parse error"));
    if (colon != std::string::npos) reason = reason.substr(colon + 2);
    throw ScenarioError(fmt::format("{}:{}:{}: invalid JSON: {}", source, line, column, reason));
  }
}

nlohmann::json read_scenario_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(fmt::format("{}: cannot open the scenario file", path));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw ScenarioError(fmt::format("{}: cannot read the scenario file", path));
  return parse_scenario_json(text.str(), path);
}

std::vector<std::string> variant_names(const nlohmann::json& doc, const std::string& source) {
  const JsonSource src(source);
  std::vector<std::string> names;
  if (!doc.is_object()) src.fail("", "an object", &doc);
  auto it = doc.find("variants");
  if (it == doc.end()) return names;
  for (const JsonValue& item : JsonValue(src, &*it, "variants").list()) {
    FieldReader fields(item);
    const JsonValue name = fields.required("name");
    check_unique(names, name.name(), name, "variant");
    const JsonValue set = fields.required("set");
    if (!set.present() || !set.json().is_object()) set.fail("an object of PATH: VALUE overrides");
    if (auto d = fields.field("description"); d.present()) d.string();
    fields.finish();
  }
  return names;
}

Scenario load_scenario(const nlohmann::json& original, const std::string& source, const std::string& variant,
                       const std::vector<std::string>& overrides) {
  const JsonSource src(source);
  nlohmann::json doc = original;
  std::string scenario_variant_description;
  if (!variant.empty()) {
    size_t index = 0;
    const nlohmann::json& entry = *variant_entry(original, source, variant, index);
    scenario_variant_description = entry.value("description", "");
    for (const auto& [path, value] : entry["set"].items())
      set_at_path(doc, path, value,
                  fmt::format("{}: {}", source, child_path(index_path("variants", index) + ".set", path)));
  }
  for (const auto& assignment : overrides) apply_assignment(doc, assignment);

  Scenario scenario;
  scenario.source = source;
  scenario.variant = variant;
  scenario.variant_description = scenario_variant_description;
  scenario.name = base_name(source);
  SchemaContext ctx{scenario, {}};
  FieldReader fields(JsonValue(src, &doc, ""));
  if (auto n = fields.field("name"); n.present()) scenario.name = n.name();
  if (auto d = fields.field("description"); d.present()) scenario.description = d.string();
  if (auto s = fields.field("seed"); s.present()) scenario.seed = static_cast<uint64_t>(s.integer(0, INT64_MAX));
  scenario.duration = fields.required("duration").time(0.0, true);
  if (auto d = fields.field("drain"); d.present()) scenario.drain = d.time(0.0);
  read_platform(ctx, fields.required("platform"));
  if (auto b = fields.field("brokers"); b.present()) read_brokers(ctx, b);
  read_services(ctx, fields.required("services"));
  read_clients(ctx, fields.required("clients"));
  if (auto f = fields.field("faults"); f.present()) read_faults(ctx, f);
  fields.field("variants");  // checked by variant_names
  variant_names(doc, source);
  fields.finish();
  return scenario;
}

}  // namespace buslab
