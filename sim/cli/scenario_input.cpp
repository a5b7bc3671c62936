#include "sim/cli/scenario_input.hpp"

#include "sim/scenario/default_scenario.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace buslab::cli {

LoadedDocument load_document(const std::string& file) {
  if (file.empty())
    return {parse_scenario_json(default_scenario_json(), kDefaultScenarioSource), kDefaultScenarioSource};
  return {read_scenario_file(file), file};
}

std::vector<Scenario> load_all(const LoadedDocument& loaded, const std::string& only_variant,
                               const std::vector<std::string>& overrides) {
  std::vector<std::string> variants = variant_names(loaded.doc, loaded.source);
  // An unknown variant is reported by load_scenario, with the list of known ones.
  if (!only_variant.empty()) variants = {only_variant};
  if (variants.empty()) variants.push_back("");
  std::vector<Scenario> scenarios;
  for (const auto& v : variants) scenarios.push_back(load_scenario(loaded.doc, loaded.source, v, overrides));
  return scenarios;
}

}  // namespace buslab::cli
