#include "sim/cli/validate_command.hpp"

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "sim/cli/exit_codes.hpp"
#include "sim/cli/scenario_input.hpp"
#include "sim/scenario/random_faults.hpp"

namespace buslab::cli {

namespace {

struct ValidateOptions {
  std::string file;
  std::vector<std::string> overrides;
  bool list_faults = false;
};

int validate(const ValidateOptions& o) {
  const LoadedDocument loaded = load_document(o.file);
  const std::vector<Scenario> scenarios = load_all(loaded, {}, o.overrides);
  warn_about(loaded, scenarios);
  // "1 broker", "2 brokers": the summary is read by people checking their file.
  const auto count = [](size_t n, const char* noun) { return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s"); };
  for (const auto& s : scenarios) {
    size_t replicas = 0, clients = 0, publishers = 0;
    for (const auto& svc : s.services) replicas += static_cast<size_t>(svc.replicas);
    for (const auto& c : s.clients) clients += static_cast<size_t>(c.count);
    for (const auto& p : s.publishers) publishers += static_cast<size_t>(p.count);
    std::cout << fmt::format("{}{}: ok ({}, {}, {} with {}, {}, {}, {}, {})\n", loaded.source,
                             s.variant.empty() ? "" : " [" + s.variant + "]", count(s.platform.hosts.size(), "host"),
                             count(s.brokers.size(), "broker"), count(s.services.size(), "service"),
                             count(replicas, "replica"), count(clients, "client"), count(publishers, "publisher"),
                             count(s.consumers.size(), "consumer group"), count(s.faults.size(), "fault"));
    // Every fault the run will apply, those a seeded nemesis drew (faults.random) included, in time order.
    if (o.list_faults) {
      std::vector<FaultSpec> faults = s.faults;
      std::stable_sort(faults.begin(), faults.end(),
                       [](const FaultSpec& a, const FaultSpec& b) { return a.at < b.at; });
      for (const auto& fault : faults) std::cout << "  " << describe_fault(fault) << "\n";
    }
  }
  return kExitOk;
}

}  // namespace

Command add_validate_command(CLI::App& app) {
  auto options = std::make_shared<ValidateOptions>();
  auto* cmd = app.add_subcommand("validate", "Check a scenario file and its variants without running it");
  cmd->add_option("file", options->file, "Scenario file")->required();
  cmd->add_option("--set", options->overrides, "Override a field before validation: PATH=VALUE")
      ->type_name("PATH=VALUE");
  cmd->add_flag("--faults", options->list_faults,
                "List every fault the run will apply, in time order (those faults.random draws included)");
  return {cmd, [options] { return validate(*options); }};
}

}  // namespace buslab::cli
