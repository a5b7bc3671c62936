#include "sim/output/report_sections.hpp"

#include <fmt/format.h>

namespace buslab::run_report {

// --- Every method called, nested calls included, each apart; root calls' whole trees end to end.

void add_methods(Report& report) {
  const std::vector<std::string> methods = report.names_of("methods");
  if (methods.empty()) return;
  const auto entry = [&](const Json& m, const std::string& name) { return report.named(m, "methods", name); };
  report.table().section("methods (calls and casts made; calls' latency at the caller p50 / p99)");
  for (const auto& name : methods)
    report.row(name, [&](const Json& m) {
      const Json* s = entry(m, name);
      if (!s) return std::string("-");
      std::string cell = count_cell(s, "calls");
      if (count_of(s, "timed_out") + count_of(s, "failed") > 0)
        cell += fmt::format(" ({} failed)", number_text(count_of(s, "timed_out") + count_of(s, "failed")));
      const Json& latency = s->at("latency_s");
      if (value_of(latency.at("count")) > 0)
        cell += fmt::format("  {} / {}", time_text(latency.at("p50")), time_text(latency.at("p99")));
      return cell;
    });
  const auto has_roots = [&](const std::string& name) {
    return report.any_run([&](const Json& m) {
      const Json* s = entry(m, name);
      return s && value_of(s->at("end_to_end_s").at("count")) > 0;
    });
  };
  std::vector<std::string> roots;
  for (const auto& name : methods)
    if (has_roots(name)) roots.push_back(name);
  if (roots.empty()) return;
  report.table().section("root calls end to end, nested calls included (p50 / p99 / max)");
  for (const auto& name : roots)
    report.row(name, [&](const Json& m) {
      const Json* s = entry(m, name);
      if (!s || value_of(s->at("end_to_end_s").at("count")) == 0) return std::string("-");
      const Json& e = s->at("end_to_end_s");
      return fmt::format("{} / {} / {}", time_text(e.at("p50")), time_text(e.at("p99")), time_text(e.at("max")));
    });
}

}  // namespace buslab::run_report
