// Robustness of the loader: whatever one value of the default scenario is replaced by, loading ends in a
// scenario or a ScenarioError, never another exception or a crash.
#include <gtest/gtest.h>

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

}  // namespace

// Whatever single value of the default scenario is replaced by whatever JSON, loading ends in a scenario or a
// ScenarioError: never another exception, never a crash.
TEST(ScenarioFuzz, AnyOneBadValueGivesAScenarioErrorNotACrash) {
  const nlohmann::json doc = parse_scenario_json(default_scenario_json(), "d.json");
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
  size_t errors = 0, loaded = 0;
  for (const auto& pointer : pointers) {
    if (pointer.empty()) continue;
    for (const auto& value : replacements) {
      nlohmann::json changed = doc;
      changed[nlohmann::json::json_pointer(pointer)] = value;
      for (const std::string variant : {"direct", "brokered"}) {
        try {
          load_scenario(changed, "d.json", variant);
          ++loaded;
        } catch (const ScenarioError& e) {
          ++errors;
          EXPECT_EQ(std::string(e.what()).rfind("d.json: ", 0), 0u) << e.what();
        } catch (const std::exception& e) {
          ADD_FAILURE() << pointer << " = " << value.dump() << ": " << e.what();
        }
      }
    }
  }
  EXPECT_GT(errors, 500u);
  EXPECT_GT(loaded, 10u);
}

}  // namespace buslab
