#pragma once
// The scenario a command reads: a file, or the built-in default when none is given, and the scenarios it
// covers (each variant, or the one named, or the file itself when it has none).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"

namespace buslab::cli {

struct LoadedDocument {
  nlohmann::json doc;
  std::string source;  // the file name errors mention
};

LoadedDocument load_document(const std::string& file);

std::vector<Scenario> load_all(const LoadedDocument& loaded, const std::string& only_variant,
                               const std::vector<std::string>& overrides);

}  // namespace buslab::cli
