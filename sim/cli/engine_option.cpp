#include "sim/cli/engine_option.hpp"

#include <iostream>
#include <set>

#include <fmt/format.h>

#include "sim/queueing/queueing_support.hpp"

namespace buslab::cli {

void add_engine_option(CLI::App* cmd, EngineKind& engine) {
  cmd->add_option_function<std::string>(
         "--engine",
         [&engine](const std::string& name) {
           engine = name == "queueing" ? EngineKind::Queueing : EngineKind::Simgrid;
         },
         "simgrid (default): SimGrid's flows sharing links, faithful; queueing: an event queue with processor-sharing "
         "cores and transfers at latency + size / bandwidth without contention, for sweeps and scale; it refuses "
         "shared links, link faults and --cfg (docs/engines.md)")
      ->check(CLI::IsMember({"simgrid", "queueing"}))
      ->type_name("simgrid|queueing");
}

const char* engine_name(EngineKind engine) {
  return engine == EngineKind::Queueing ? "queueing" : "simgrid";
}

bool engine_accepts(EngineKind engine, const std::vector<Scenario>& scenarios,
                    const std::vector<std::string>& simgrid_config, const std::string& command,
                    const std::string& file) {
  if (engine != EngineKind::Queueing) return true;
  std::set<std::string> said;  // variants often share what is refused: each sentence once
  for (const auto& scenario : scenarios)
    for (const auto& refusal : queueing_refusals(scenario, simgrid_config))
      if (said.insert(refusal).second) std::cerr << fmt::format("buslab {}: {}: {}\n", command, file, refusal);
  return said.empty();
}

}  // namespace buslab::cli
