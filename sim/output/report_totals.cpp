#include "sim/output/report_sections.hpp"

#include <utility>

#include <fmt/format.h>

namespace buslab::run_report {

namespace {

// --- totals.

// The sum of a map of counts (over replications: of their means).
std::string sum_of(const Json& object) {
  double total = 0;
  for (const auto& [k, v] : object.items()) {
    (void)k;
    total += value_of(v);
  }
  return number_text(total);
}

// The `remaining` places of metrics.json's conservation, in their order, with the words the table uses.
const std::vector<std::pair<std::string, std::string>>& remaining_places() {
  static const std::vector<std::pair<std::string, std::string>> places = {{"at_sender", "being encoded"},
                                                                          {"outbox", "waiting for a broker"},
                                                                          {"in_transit", "on the wire"},
                                                                          {"at_broker", "at a broker, not routed"},
                                                                          {"queued", "ready in a queue"},
                                                                          {"unacked", "delivered, not acknowledged"},
                                                                          {"server_backlog", "in a server backlog"},
                                                                          {"in_service", "in service"},
                                                                          {"at_receiver", "being decoded"}};
  return places;
}

}  // namespace

void add_messages(Report& report) {
  report.table().section("messages");
  const auto conservation = [&](const char* label, auto&& text) {
    report.row(label, [&](const Json& m) { return text(m["conservation"]); });
  };
  conservation("created", [](const Json& c) { return count_text(c["created"]); });
  conservation("consumed", [](const Json& c) { return count_text(c["consumed"]); });
  conservation("dropped / expired / lost", [](const Json& c) {
    return fmt::format("{} / {} / {}", sum_of(c["dropped"]), count_text(c["expired"]), sum_of(c["lost"]));
  });
  conservation("still queued or in flight", [](const Json& c) { return sum_of(c["remaining"]); });
  // Where they are, for the places some run has any in.
  for (const auto& [place, words] : remaining_places()) {
    const auto left = [place = place](const Json& m) -> const Json* {
      const Json& remaining = m["conservation"]["remaining"];
      return remaining.contains(place) ? &remaining.at(place) : nullptr;
    };
    if (!report.any_run([&](const Json& m) { return left(m) && value_of(*left(m)) > 0; })) continue;
    report.row(std::string("  ") + words,
               [&](const Json& m) { return left(m) ? count_text(*left(m)) : std::string("0"); });
  }
  conservation("all accounted for", [](const Json& c) { return std::string(flag_of(c["balanced"]) ? "yes" : "NO"); });
}

void add_times(Report& report, bool wall_clock) {
  report.table().section("time");
  report.row("simulated", [](const Json& m) { return time_text(m["sim_time_s"]); });
  // A run that hit its drain deadline stopped with work in hand: say so, beside the runs that drained.
  const auto drained = [](const Json& m) { return !m.contains("drained") || flag_of(m["drained"]); };
  if (report.any_run([&](const Json& m) { return !drained(m); }))
    report.row("drained", [&](const Json& m) { return std::string(drained(m) ? "yes" : "no (deadline)"); });
  if (!wall_clock) return;
  std::vector<std::string> wall;
  for (const auto& run : report.runs()) wall.push_back(fmt::format("{:.2f} s", run.wall_seconds));
  report.table().row("wall clock", wall);
}

}  // namespace buslab::run_report
