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
  // An unknown variant is reported by the loader, with the list of known ones.
  std::vector<Scenario> scenarios = load_scenarios(loaded.doc, loaded.source, only_variants, overrides);
  for (Scenario& scenario : scenarios) {
    scenario.provenance.sha256 = loaded.sha256;
    if (seed) {
      scenario.seed = *seed;
      scenario.provenance.overrides.push_back({"--seed", "seed", std::to_string(*seed)});
    }
  }
  return scenarios;
}

}  // namespace buslab::cli
