#include "sim/output/report_sections.hpp"

#include <set>
#include <utility>

#include <fmt/format.h>

namespace buslab::run_report {

namespace {

// --- clients: one block per client group and method.

void add_client_method(Report& report, const Json& client, const std::string& method) {
  const std::string name = client["name"];
  const bool is_call = client["mode"] == "call";
  const int instances = static_cast<int>(value_of(client["instances"]));
  report.table().section(fmt::format("client {}: {} instance{} {} {}.{}", name, instances, instances == 1 ? "" : "s",
                                     is_call ? "calling" : "casting", client["service"].get<std::string>(), method));
  const auto stat = [&](const Json& m) -> const Json* {
    const Json* c = report.named(m, "clients", name);
    if (!c || !c->at("methods").contains(method)) return nullptr;
    return &c->at("methods").at(method);
  };
  const auto counter = [&](const char* label, const char* key) {
    report.row(label, [&](const Json& m) {
      const Json* s = stat(m);
      return s ? count_text(s->at(key)) : std::string("-");
    });
  };
  // Whether some run's statistics for this method pass `test` (rows of zeros everywhere are left out).
  const auto any_stat = [&](auto&& test) {
    return report.any_run([&](const Json& m) {
      const Json* st = stat(m);
      return st && test(*st);
    });
  };
  counter("sent", "sent");
  counter(is_call ? "completed" : "handed to transport", "completed");
  counter("timed out", "timed_out");
  report.row("failed", [&](const Json& m) {
    const Json* st = stat(m);
    if (!st) return std::string("-");
    std::string cell = count_text(st->at("failed"));
    std::string reasons;
    for (const auto& [reason, n] : st->at("failures").items())
      reasons += fmt::format("{}{} {}", reasons.empty() ? "" : ", ", reason, number_text(value_of(n)));
    return reasons.empty() ? cell : cell + " (" + reasons + ")";
  });
  if (any_stat([](const Json& st) { return st.contains("pending") && value_of(st.at("pending")) > 0; }))
    counter("still pending at the end", "pending");
  if (any_stat([](const Json& st) { return value_of(st.at("late_replies")) > 0; }))
    counter("late replies", "late_replies");
  if (any_stat([](const Json& st) { return st.contains("retried") && value_of(st.at("retried")) > 0; }))
    counter("retried", "retried");
  // Casts have latencies when they waited for the broker's publisher confirm (oslo's cast() time).
  const bool latencies = any_stat([](const Json& st) { return value_of(st.at("latency_s").at("count")) > 0; });
  if (!latencies) return;
  for (const char* q : {"mean", "p50", "p90", "p99", "max"})
    report.row(std::string("latency ") + q, [&](const Json& m) {
      const Json* s = stat(m);
      if (!s || value_of(s->at("latency_s").at("count")) == 0) return std::string("-");
      return time_text(s->at("latency_s").at(q));
    });
}

}  // namespace

// Each client group's methods, in the order runs that finished list them (the first such run's first).
void add_clients(Report& report) {
  std::vector<std::pair<const Json*, std::string>> blocks;  // (client, method)
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& run : report.runs()) {
    if (!run.simulated() || !run.metrics.contains("clients")) continue;
    for (const auto& client : run.metrics["clients"])
      for (const auto& [method, ignored] : client["methods"].items()) {
        (void)ignored;
        if (seen.emplace(client["name"].get<std::string>(), method).second) blocks.emplace_back(&client, method);
      }
  }
  for (const auto& [client, method] : blocks) add_client_method(report, *client, method);
}

}  // namespace buslab::run_report
