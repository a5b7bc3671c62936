#include "sim/output/report_sections.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace buslab::run_report {

namespace {

// --- servers: every replica any run has, requests handled and utilisation, then the load balance.

// The busiest replica's count over the idlest's, per service with several replicas.
void add_load_balance(Report& report) {
  std::vector<std::string> services;
  for (const auto& run : report.runs())
    if (run.simulated() && run.metrics.contains("servers"))
      for (const auto& srv : run.metrics["servers"]) {
        const std::string service = srv["service"];
        if (std::find(services.begin(), services.end(), service) == services.end()) services.push_back(service);
      }
  for (const auto& service : services) {
    // Only where some run has two replicas or more: with one, there is no balance to show.
    const bool several = report.any_run([&](const Json& m) {
      size_t replicas = 0;
      for (const auto& srv : m.value("servers", Json::array())) replicas += srv["service"] == service;
      return replicas >= 2;
    });
    if (!several) continue;
    report.row(services.size() > 1 ? "busiest / idlest " + service : std::string("busiest / idlest"),
               [&](const Json& m) {
                 double most = 0, least = -1;
                 for (const auto& srv : m["servers"]) {
                   if (srv["service"] != service) continue;
                   most = std::max(most, value_of(srv["handled"]));
                   least = least < 0 ? value_of(srv["handled"]) : std::min(least, value_of(srv["handled"]));
                 }
                 if (least <= 0) return std::string("-");
                 return fmt::format("{:.2f}", most / least);
               });
  }
}

}  // namespace

void add_servers(Report& report) {
  const std::vector<std::string> servers = report.names_of("servers");
  if (servers.empty()) return;
  report.table().section("servers (requests handled, share of their host's CPU)");
  for (const auto& server : servers)
    report.row(server, [&](const Json& m) {
      const Json* s = report.named(m, "servers", server);
      if (!s) return std::string("-");
      std::string cell = fmt::format("{} ({})", count_cell(s, "handled"), percent(s->at("cpu_utilisation")));
      if (s->contains("failed") && count_of(s, "failed") > 0)
        cell += fmt::format(" failed {}", count_cell(s, "failed"));
      if (count_of(s, "lost_in_crash") > 0) cell += fmt::format(" lost {}", count_cell(s, "lost_in_crash"));
      if (s->contains("replies_returned") && count_of(s, "replies_returned") > 0)
        cell += fmt::format(" returned {}", count_cell(s, "replies_returned"));
      return cell;
    });
  add_load_balance(report);
}

}  // namespace buslab::run_report
