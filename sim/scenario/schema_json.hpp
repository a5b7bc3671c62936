#pragma once
// The JSON Schema (draft 2020-12) of scenario files, generated from the tables the validator reads
// (schema_table.hpp): `buslab schema` prints it, docs/buslab.schema.json is a copy (a test keeps the two equal).
// It checks structure, keys, types, units and enums, so that an editor can complete and flag a scenario as it is
// typed; the validator checks more (references between names, rules between fields).
#include <nlohmann/json.hpp>

namespace buslab {

inline constexpr const char* kScenarioSchemaId = "https://buslab.invalid/schema/scenario.schema.json";

nlohmann::ordered_json scenario_json_schema();

}  // namespace buslab
