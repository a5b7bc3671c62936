#include "sim/output/report_sections.hpp"

#include <initializer_list>

#include <fmt/format.h>

#include "models/rpc/oslo_topology.hpp"

namespace buslab::run_report {

// --- the broker side.

// Queues that carried messages (reply queues, one per client, are left out).
void add_queues(Report& report) {
  const auto queues = report.names_of("queues", [](const Json& q) {
    const bool used = value_of(q["published"]) > 0 || value_of(q["remaining"]) > 0;
    return used && !oslo::is_reply_queue(q["name"].get<std::string>());
  });
  if (queues.empty()) return;
  report.table().section("queues (max depth / remaining; expired, dead-lettered, dropped)");
  for (const auto& queue : queues)
    report.row(queue, [&](const Json& m) {
      const Json* q = report.named(m, "queues", queue);
      if (!q) return std::string("-");
      std::string cell = fmt::format("{} / {}", count_cell(q, "max_depth"), count_cell(q, "remaining"));
      if (count_of(q, "expired") || count_of(q, "dead_lettered") || count_of(q, "dropped"))
        cell += fmt::format("; {}, {}, {}", count_cell(q, "expired"), count_cell(q, "dead_lettered"),
                            count_cell(q, "dropped"));
      return cell;
    });
}

// Brokers, when something happened to them beyond routing: publishes, then each row some run has a count in (oslo's
// publisher confirms alone do not bring up rows of zeros for the disk, the memory alarm and crashes).
void add_brokers(Report& report) {
  const auto brokers = report.names_of("brokers", [](const Json& b) {
    for (const char* key : {"unroutable", "confirmed", "nacked", "disk_writes", "crashes"})
      if (value_of(b[key]) > 0) return true;
    return value_of(b["blocked_time_s"]) > 0;
  });
  for (const auto& name : brokers) {
    report.table().section("broker " + name);
    const auto field = [&](const char* label, std::initializer_list<const char*> keys, auto&& text) {
      const bool some = report.any_run([&](const Json& m) {
        const Json* b = report.named(m, "brokers", name);
        if (!b) return false;
        for (const char* key : keys)
          if (value_of(b->at(key)) > 0) return true;
        return false;
      });
      if (!some) return;
      report.row(label, [&](const Json& m) {
        const Json* b = report.named(m, "brokers", name);
        return b ? text(b) : std::string("-");
      });
    };
    report.row("publishes / unroutable", [&](const Json& m) {
      const Json* b = report.named(m, "brokers", name);
      return b ? fmt::format("{} / {}", count_cell(b, "publishes"), count_cell(b, "unroutable")) : std::string("-");
    });
    field("confirms / nacks", {"confirmed", "nacked"},
          [&](const Json* b) { return fmt::format("{} / {}", count_cell(b, "confirmed"), count_cell(b, "nacked")); });
    field("disk writes", {"disk_writes"}, [&](const Json* b) { return count_cell(b, "disk_writes"); });
    field("blocked (memory alarm)", {"blocked_time_s"},
          [&](const Json* b) { return time_text(b->at("blocked_time_s")); });
    field("crashes / messages lost", {"crashes", "lost_in_crash"}, [&](const Json* b) {
      return fmt::format("{} / {}", count_cell(b, "crashes"), count_cell(b, "lost_in_crash"));
    });
  }
}

}  // namespace buslab::run_report
