#include "sim/output/report_sections.hpp"

#include <algorithm>
#include <initializer_list>

#include <fmt/format.h>

#include "sim/output/human_time.hpp"

namespace buslab::run_report {

// --- AMQP publishers and consumers.

void add_publisher(Report& report, const std::string& name) {
  report.table().section("publisher " + name);
  const auto field = [&](const std::string& label, auto&& text) {
    report.row(label, [&](const Json& m) {
      const Json* p = report.named(m, "publishers", name);
      return p ? text(p) : std::string("-");
    });
  };
  // Rows about confirms and returns only when some run has any.
  const auto any = [&](std::initializer_list<const char*> keys) {
    return report.any_run([&](const Json& m) {
      const Json* p = report.named(m, "publishers", name);
      return p && std::any_of(keys.begin(), keys.end(), [&](const char* key) { return count_of(p, key) > 0; });
    });
  };
  field("published", [&](const Json* p) { return count_cell(p, "published"); });
  if (any({"confirmed", "nacked"})) {
    field("confirmed / nacked",
          [&](const Json* p) { return fmt::format("{} / {}", count_cell(p, "confirmed"), count_cell(p, "nacked")); });
    for (const char* q : {"p50", "p99"})
      field(std::string("confirm latency ") + q, [&](const Json* p) {
        return value_of(p->at("confirm_latency_s").at("count")) > 0 ? time_text(p->at("confirm_latency_s").at(q))
                                                                    : std::string("-");
      });
  }
  if (any({"returned", "failed"}))
    field("returned / failed",
          [&](const Json* p) { return fmt::format("{} / {}", count_cell(p, "returned"), count_cell(p, "failed")); });
}

// Publish-to-processed latency over all consumers of a run, then each consumer's work.
void add_consumers(Report& report) {
  const auto consumers = report.names_of("consumers");
  if (consumers.empty()) return;
  report.table().section("consumers (messages handled, utilisation)");
  for (const char* q : {"p50", "p99"})
    report.row(std::string("publish-to-done ") + q + ", worst", [&](const Json& m) {
      double worst = 0;
      bool any = false;
      for (const auto& c : m["consumers"])
        if (value_of(c["latency_s"]["count"]) > 0) {
          worst = std::max(worst, value_of(c["latency_s"][q]));
          any = true;
        }
      return any ? human_seconds(worst) : std::string("-");
    });
  for (const auto& name : consumers)
    report.row(name, [&](const Json& m) {
      const Json* c = report.named(m, "consumers", name);
      if (!c) return std::string("-");
      std::string cell = fmt::format("{} ({})", count_cell(c, "handled"), percent(c->at("utilisation")));
      if (count_of(c, "rejected")) cell += fmt::format(" rej {}", count_cell(c, "rejected"));
      if (count_of(c, "redelivered")) cell += fmt::format(" redel {}", count_cell(c, "redelivered"));
      if (count_of(c, "lost_in_crash")) cell += fmt::format(" lost {}", count_cell(c, "lost_in_crash"));
      return cell;
    });
}

}  // namespace buslab::run_report
