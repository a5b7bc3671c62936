#include "sim/cli/scenario_input.hpp"

#include <algorithm>
#include <iostream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/scenario/default_scenario.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/scenario/scenario_warnings.hpp"
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

void warn_about(const LoadedDocument& loaded, const std::vector<Scenario>& scenarios) {
  std::vector<std::pair<std::string, std::vector<std::string>>> warnings;  // warning, the variants it holds for
  for (const Scenario& scenario : scenarios)
    for (const std::string& warning : scenario_warnings(scenario)) {
      auto it = std::find_if(warnings.begin(), warnings.end(), [&](const auto& w) { return w.first == warning; });
      if (it == warnings.end()) it = warnings.insert(warnings.end(), {warning, {}});
      it->second.push_back(scenario.variant);
    }
  for (const auto& [warning, variants] : warnings) {
    const bool all = variants.size() == scenarios.size();
    const std::string where = all || variants.front().empty() ? "" : fmt::format(" [{}]", fmt::join(variants, ", "));
    std::cerr << fmt::format("buslab: warning: {}{}: {}\n", loaded.source, where, warning);
  }
}

}  // namespace buslab::cli
