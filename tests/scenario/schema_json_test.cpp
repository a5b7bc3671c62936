// The JSON Schema comes from the validator's own tables: every key an object accepts, and every choice of an
// enum, is in it, and nothing else.
#include <gtest/gtest.h>

#include <set>

#include "sim/scenario/schema_json.hpp"
#include "sim/scenario/schema_table.hpp"

namespace buslab {

namespace {

void collect(const ObjectTable& t, std::vector<const ObjectTable*>& out) {
  for (const auto* seen : out)
    if (seen == &t) return;
  out.push_back(&t);
  for (const auto& f : t.fields) {
    if (f.object) collect(*f.object, out);
    if (f.alternative) collect(*f.alternative, out);
  }
}

}  // namespace

TEST(SchemaJson, EveryTableAndEveryKeyIsInTheSchema) {
  const auto schema = scenario_json_schema();
  EXPECT_EQ(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
  std::vector<const ObjectTable*> tables;
  collect(scenario_table(), tables);
  EXPECT_GE(tables.size(), 25u);
  for (const ObjectTable* t : tables) {
    // Distributions are spelled out twice, as time_distribution and size_distribution (a value or an object).
    const auto& object = t == &scenario_table()       ? schema
                         : t == &distribution_table() ? schema.at("$defs").at("time_distribution").at("anyOf").at(1)
                                                      : schema.at("$defs").at(t->id);
    ASSERT_TRUE(object.is_object()) << t->id;
    EXPECT_EQ(object["additionalProperties"], false) << t->id;
    std::set<std::string> keys;
    for (const auto& [key, value] : object["properties"].items()) keys.insert(key);
    const std::vector<std::string> table_keys = t->keys();
    EXPECT_EQ(keys, std::set<std::string>(table_keys.begin(), table_keys.end())) << t->id;
    for (const auto& f : t->fields) {
      const auto& property = object["properties"][f.key];
      EXPECT_FALSE(property["description"].get<std::string>().empty()) << t->id << "." << f.key;
      if (!f.choices.empty()) {
        EXPECT_EQ(property["enum"], f.choices) << t->id << "." << f.key;
      }
      if (f.required) {
        EXPECT_NE(std::find(object["required"].begin(), object["required"].end(), f.key), object["required"].end())
            << t->id << "." << f.key;
      }
    }
  }
}

TEST(SchemaJson, DefaultsAndUnitsReachTheDescriptions) {
  const auto schema = scenario_json_schema();
  EXPECT_NE(schema["properties"]["drain"]["description"].get<std::string>().find("(default: \"60s\")"),
            std::string::npos);
  EXPECT_EQ(schema["properties"]["drain"]["$ref"], "#/$defs/time");
  EXPECT_NE(schema["$defs"]["time"]["pattern"].get<std::string>().find("ms"), std::string::npos);
  EXPECT_EQ(schema["$defs"]["service"]["properties"]["replicas"]["maximum"], 100000);
}

}  // namespace buslab
