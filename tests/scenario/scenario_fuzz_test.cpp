// Robustness of the loader: whatever one value of a valid scenario (the built-in default, each lab's) is replaced
// by, loading ends in a scenario or a precise ScenarioError, never another exception, an "internal error" or a
// crash. (The libFuzzer drivers in fuzz/ search much further, from the same scenarios: docs/testing.md.)
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "sim/scenario/default_scenario.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace buslab {

namespace {

// Every path to a value in `doc`, in JSON-pointer form.
void collect_pointers(const nlohmann::json& doc, const std::string& at, std::vector<std::string>& out) {
  out.push_back(at);
  if (doc.is_object())
    for (const auto& [k, v] : doc.items()) collect_pointers(v, at + "/" + k, out);
  if (doc.is_array())
    for (size_t i = 0; i < doc.size(); ++i) collect_pointers(doc[i], at + "/" + std::to_string(i), out);
}

struct Tally {
  size_t errors = 0, loaded = 0;
};

// Replaces each value of `doc` in turn by each of a set of JSON values (wrong types, bounds, units, huge numbers)
// and loads every variant of the result (or the document alone when it has none).
Tally replace_each_value(const nlohmann::json& doc, const std::string& source) {
  std::vector<std::string> pointers;
  collect_pointers(doc, "", pointers);
  const std::vector<nlohmann::json> replacements = {nullptr,
                                                    -1,
                                                    0,
                                                    1.5,
                                                    "",
                                                    "x",
                                                    "1ms",
                                                    nlohmann::json::array(),
                                                    nlohmann::json::object(),
                                                    true,
                                                    nlohmann::json::parse("1e308"),
                                                    nlohmann::json::parse("18446744073709551615"),
                                                    {{"dist", "uniform"}}};
  std::vector<std::string> variants;
  if (doc.contains("variants"))
    for (const auto& v : doc["variants"]) variants.push_back(v["name"]);
  if (variants.empty()) variants.push_back("");
  Tally tally;
  for (const auto& pointer : pointers) {
    if (pointer.empty()) continue;
    for (const auto& value : replacements) {
      nlohmann::json changed = doc;
      changed[nlohmann::json::json_pointer(pointer)] = value;
      for (const std::string& variant : variants) {
        try {
          load_scenario(changed, source, variant);
          ++tally.loaded;
        } catch (const ScenarioError& e) {
          ++tally.errors;
          const std::string message = e.what();
          EXPECT_EQ(message.rfind(source + ": ", 0), 0u) << message;
          // The loader turns a JSON library exception into "internal error": a reader that missed a check, the
          // very bug this test exists to find.
          EXPECT_NE(message.rfind(source + ": internal error", 0), 0u)
              << pointer << " = " << value.dump() << ": " << message;
        } catch (const std::exception& e) {
          ADD_FAILURE() << pointer << " = " << value.dump() << ": " << e.what();
        }
      }
    }
  }
  return tally;
}

std::vector<std::string> lab_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(BUSLAB_SOURCE_DIR) + "/labs"))
    if (std::filesystem::exists(entry.path() / "scenario.json")) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST(ScenarioFuzz, AnyOneBadValueOfTheDefaultGivesAScenarioErrorNotACrash) {
  const Tally tally = replace_each_value(parse_scenario_json(default_scenario_json(), "d.json"), "d.json");
  EXPECT_GT(tally.errors, 500u);
  EXPECT_GT(tally.loaded, 10u);
}

class LabFuzz : public testing::TestWithParam<std::string> {};

TEST_P(LabFuzz, AnyOneBadValueGivesAScenarioErrorNotACrash) {
  const std::string path = std::string(BUSLAB_SOURCE_DIR) + "/labs/" + GetParam() + "/scenario.json";
  const Tally tally = replace_each_value(read_scenario_file(path), path);
  EXPECT_GT(tally.errors, 100u);
  EXPECT_GT(tally.loaded, 10u);
}

INSTANTIATE_TEST_SUITE_P(Labs, LabFuzz, testing::ValuesIn(lab_names()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace buslab
