#include "sim/output/report_sections.hpp"

#include <fmt/format.h>

namespace buslab::run_report {

// --- nova's servicegroup: each service's heartbeats, and what the reader made of them.

void add_servicegroup(Report& report) {
  const std::vector<std::string> rows = report.names_of("servicegroup");
  if (rows.empty()) return;
  report.table().section("servicegroup (reports sent / late / failed, times shown down)");
  for (const auto& row : rows)
    report.row(row, [&](const Json& m) {
      const Json* s = report.named(m, "servicegroup", row);
      if (!s) return std::string("-");
      return fmt::format("{} / {} / {}, {}", count_cell(s, "reports_sent"), count_cell(s, "reports_late"),
                         count_cell(s, "reports_failed"), count_cell(s, "went_down"));
    });
  const bool deaths = report.any_run([](const Json& m) {
    if (!m.contains("servicegroup")) return false;
    for (const auto& s : m["servicegroup"])
      if (value_of(s.at("deaths")) > 0) return true;
    return false;
  });
  if (!deaths) return;
  report.table().section("servicegroup: longest time a dead service was shown up");
  for (const auto& row : rows) {
    if (!report.any_run([&](const Json& m) {
          const Json* s = report.named(m, "servicegroup", row);
          return s && value_of(s->at("deaths")) > 0;
        }))
      continue;
    report.row(row, [&](const Json& m) {
      const Json* s = report.named(m, "servicegroup", row);
      if (!s || value_of(s->at("deaths")) == 0) return std::string("-");
      return time_text(s->at("longest_up_while_dead_s"));
    });
  }
}

}  // namespace buslab::run_report
