#include "sim/output/report_sections.hpp"

#include <fmt/format.h>

#include "sim/output/scenario_summary.hpp"
#include "sim/scenario/random_faults.hpp"
#include "sim/scenario/seed_list.hpp"

namespace buslab::run_report {

namespace {

// The overrides given on the command line, as typed: `--set duration=1000s --seed 2`.
std::string command_line_overrides(const Scenario& s) {
  std::string out;
  for (const auto& o : s.provenance.overrides) {
    if (o.origin == "--seed") out += fmt::format("{}--seed {}", out.empty() ? "" : " ", o.value);
    if (o.origin != "--set") continue;
    const auto value = nlohmann::json::parse(o.value);
    out += fmt::format("{}--set {}={}", out.empty() ? "" : " ", o.path,
                       value.is_string() ? value.get<std::string>() : o.value);
  }
  return out;
}

// Which cost profile the times come from (docs/profiles.md): one line, naming each variant's when they differ.
std::string costs_line(const std::vector<Scenario>& scenarios) {
  const auto name = [](const Scenario& s) {
    const bool built_in = s.profile.origin.find("built in") != std::string::npos;
    return fmt::format("{}{}{}", s.profile.name, built_in ? "" : " from " + s.profile.origin,
                       s.profile.overridden ? " with the scenario's own figures" : "");
  };
  bool same = true;
  for (const auto& s : scenarios) same = same && name(s) == name(scenarios.front());
  if (same) return fmt::format("costs: profile {} (docs/profiles.md)\n", name(scenarios.front()));
  std::string out = "costs:";
  for (const auto& s : scenarios) out += fmt::format(" {}: {};", s.variant, name(s));
  out.back() = '\n';
  return out;
}

// The faults a seeded nemesis drew for `s` (faults.random), the first few in full: what the run will go through.
std::string random_faults_line(const Scenario& s) {
  if (!s.random_faults) return "";
  constexpr size_t kShown = 8;
  const size_t drawn = s.random_faults->drawn;
  std::string out = fmt::format("random faults (seed {}): {} drawn", s.random_faults->seed, drawn);
  for (size_t i = 0; i < drawn && i < kShown; ++i)
    out += (i ? ", " : ": ") + describe_fault(s.faults[s.faults.size() - drawn + i]);
  if (drawn > kShown) out += fmt::format(", and {} more (buslab validate --faults lists them all)", drawn - kShown);
  return out + "\n";
}

}  // namespace

// The scenario, its seed(s), what ran, and what each variant changes. The file's description describes the file
// as written: with overrides from the command line, a line generated from the resolved scenario replaces it.
std::string report_header(const std::vector<Scenario>& scenarios, size_t runs, const std::vector<uint64_t>& seeds) {
  const Scenario& first = scenarios.front();
  const std::string seed_text = seeds.size() >= 2 ? fmt::format("seeds {} ({} replications{})", format_seed_list(seeds),
                                                                seeds.size(), runs > 1 ? " each" : "")
                                                  : fmt::format("seed {}", first.seed);
  std::string out = fmt::format("buslab: scenario {}, {}{}\n", first.name, seed_text,
                                runs > 1 ? fmt::format(", {} variants side by side", runs) : "");
  const std::string overrides = command_line_overrides(first);
  if (!overrides.empty()) {
    out += fmt::format("overrides: {}\n", overrides);
    // One line, unless the variants resolve to different loads.
    bool same = true;
    for (const auto& s : scenarios) same = same && scenario_summary(s) == scenario_summary(first);
    if (same)
      out += fmt::format("resolved: {}\n", scenario_summary(first));
    else
      for (const auto& s : scenarios) out += fmt::format("resolved ({}): {}\n", s.variant, scenario_summary(s));
  } else if (!first.description.empty()) {
    out += first.description + "\n";
  }
  for (const auto& s : scenarios)
    if (!s.variant_description.empty()) out += fmt::format("  {}: {}\n", s.variant, s.variant_description);
  out += random_faults_line(first);
  return out + costs_line(scenarios) + "\n";
}

}  // namespace buslab::run_report
