#include "sim/output/report_table.hpp"

#include <fmt/format.h>

#include "sim/output/report_sections.hpp"
#include "sim/output/service_list.hpp"

namespace buslab {

std::string report_table(const std::vector<Scenario>& scenarios, const std::vector<VariantOutcome>& runs,
                         bool wall_clock, const std::vector<uint64_t>& seeds) {
  using namespace run_report;
  Report report(runs);
  add_clients(report);
  add_servers(report);
  add_methods(report);
  for (const auto& name : report.names_of("publishers")) add_publisher(report, name);
  add_consumers(report);
  add_queues(report);
  add_brokers(report);
  add_servicegroup(report);
  add_messages(report);
  add_times(report, wall_clock);

  std::vector<std::string> headers;
  for (const auto& run : runs) headers.push_back(run.name.empty() ? scenarios.front().name : run.name);
  std::string out = report_header(scenarios, runs.size(), seeds) + report.table().render(headers);
  for (const auto& run : runs) {
    const std::string name = run.name.empty() ? scenarios.front().name : run.name;
    if (!run.error.empty())
      out += fmt::format("\n{}: {}: {}\n", name, run.output_failed ? "outputs not written" : "run failed", run.error);
  }
  for (const auto& run : runs)
    if (run.simulated()) out += service_lists_text(run.name.empty() ? scenarios.front().name : run.name, run.metrics);
  return out;
}

}  // namespace buslab
