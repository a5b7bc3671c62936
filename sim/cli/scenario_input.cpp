#include "sim/cli/scenario_input.hpp"

#include "sim/scenario/default_scenario.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/scenario/sha256.hpp"

namespace buslab::cli {

LoadedDocument load_document(const std::string& file) {
  if (file.empty()) {
    const std::string text = default_scenario_json();
    return {parse_scenario_json(text, kDefaultScenarioSource), kDefaultScenarioSource, sha256_hex(text)};
  }
  const std::string text = read_scenario_text(file);
  return {parse_scenario_json(text, file), file, sha256_hex(text)};
}

std::vector<Scenario> load_all(const LoadedDocument& loaded, const std::vector<std::string>& only_variants,
                               const std::vector<std::string>& overrides, std::optional<uint64_t> seed) {
  std::vector<std::string> variants = variant_names(loaded.doc, loaded.source);
  // An unknown variant is reported by load_scenario, with the list of known ones.
  if (!only_variants.empty()) variants = only_variants;
  if (variants.empty()) variants.push_back("");
  std::vector<Scenario> scenarios;
  for (const auto& v : variants) {
    Scenario scenario = load_scenario(loaded.doc, loaded.source, v, overrides);
    scenario.provenance.sha256 = loaded.sha256;
    if (seed) {
      scenario.seed = *seed;
      scenario.provenance.overrides.push_back({"--seed", "seed", std::to_string(*seed)});
    }
    scenarios.push_back(std::move(scenario));
  }
  return scenarios;
}

}  // namespace buslab::cli
