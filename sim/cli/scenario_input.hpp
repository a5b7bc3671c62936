#pragma once
// The scenario a command reads: a file, or the built-in default when none is given, and the scenarios it
// covers (each variant, or those named, or the file itself when it has none), with their provenance.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"

namespace buslab::cli {

struct LoadedDocument {
  nlohmann::json doc;
  std::string source;  // the file name errors mention
  std::string sha256;  // of the file's bytes (the built-in default's text for it)
};

LoadedDocument load_document(const std::string& file);

// `only_variants` empty: every variant. `seed`: set after the overrides (`--seed N`), recorded as one.
std::vector<Scenario> load_all(const LoadedDocument& loaded, const std::vector<std::string>& only_variants,
                               const std::vector<std::string>& overrides, std::optional<uint64_t> seed = {});

// Says on stderr what the scenarios ask for that their author most likely did not mean (scenario_warnings), once
// for all the variants a warning holds for.
void warn_about(const LoadedDocument& loaded, const std::vector<Scenario>& scenarios);

}  // namespace buslab::cli
