// Fuzz target: scenario text to load_scenario, with command-line overrides and every variant.
//
// Input: zero or more lines `set PATH=VALUE` (the `--set` overrides), then the scenario's JSON text. The rules
// (docs/scenario.md, GUIDE "bad input"): whatever the text, parsing and loading end in a Scenario or a
// ScenarioError; the error names the file (or the `--set` it blames) and is never an "internal error" (a JSON
// library exception that a reader's checks missed); nothing else is thrown, nothing crashes or hangs.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include "fuzz/fuzz_check.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace {

using buslab::fuzz::fail;
using buslab::fuzz::starts_with;

constexpr const char* kSource = "fuzz.json";
constexpr size_t kMaxVariants = 8;  // each is a full load: enough to reach variant-specific paths

void check_error(const buslab::ScenarioError& e) {
  const std::string message = e.what();
  // The loader's wording for a JSON library exception its checks missed (a quoted value may say anything).
  if (starts_with(message, std::string(kSource) + ": internal error"))
    fail("an internal error reached the user", message);
  if (!starts_with(message, std::string(kSource) + ":") && !starts_with(message, "--set "))
    fail("a scenario error that names neither the file nor the --set it blames", message);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> overrides;
  size_t at = 0;
  while (input.compare(at, 4, "set ") == 0) {
    const size_t end = input.find('\n', at);
    if (end == std::string::npos) break;
    overrides.push_back(input.substr(at + 4, end - at - 4));
    at = end + 1;
  }
  try {
    const nlohmann::json doc = buslab::parse_scenario_json(input.substr(at), kSource);
    std::vector<std::string> variants = buslab::variant_names(doc, kSource);
    if (variants.empty()) variants.push_back("");
    if (variants.size() > kMaxVariants) variants.resize(kMaxVariants);
    for (const auto& variant : variants) {
      try {
        buslab::load_scenario(doc, kSource, variant, overrides);
      } catch (const buslab::ScenarioError& e) {
        check_error(e);
      }
    }
  } catch (const buslab::ScenarioError& e) {
    check_error(e);
  } catch (const std::exception& e) {
    fail("an exception other than ScenarioError", e.what());
  }
  return 0;
}
