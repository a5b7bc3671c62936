#include "sim/output/report_table.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "sim/output/text_table.hpp"

namespace buslab {

namespace {

using Json = nlohmann::ordered_json;

const Json* find_named(const Json& list, const std::string& name) {
  for (const auto& item : list)
    if (item.value("name", "") == name) return &item;
  return nullptr;
}

std::string percent(double fraction) {
  return fmt::format("{:.0f}%", fraction * 100.0);
}

uint64_t count_of(const Json* item, const char* key) {
  return item->at(key).get<uint64_t>();
}

// The runs side by side, one column each, and the table being filled. A run whose simulation failed shows "failed"
// in every row; one whose outputs could not be written still has its numbers.
class Report {
 public:
  explicit Report(const std::vector<VariantOutcome>& runs) : runs_(runs), table_(runs.size()) {}

  const std::vector<VariantOutcome>& runs() const { return runs_; }
  TextTable& table() { return table_; }

  // One cell per run: `cell(metrics)` for a run that was simulated.
  template <typename Cell>
  std::vector<std::string> cells(Cell&& cell) const {
    std::vector<std::string> out;
    for (const auto& run : runs_) out.push_back(run.simulated() ? cell(run.metrics) : std::string("failed"));
    return out;
  }
  template <typename Cell>
  void row(const std::string& label, Cell&& cell) {
    table_.row(label, cells(cell));
  }

  // Whether `test(metrics)` holds for some run that was simulated.
  template <typename Test>
  bool any_run(Test&& test) const {
    for (const auto& run : runs_)
      if (run.simulated() && test(run.metrics)) return true;
    return false;
  }

  // Names of the entries of metrics list `key`, over every run that was simulated, first seen first, that `keep`
  // accepts.
  template <typename Keep>
  std::vector<std::string> names_of(const char* key, Keep&& keep) const {
    std::vector<std::string> names;
    std::set<std::string> known;
    for (const auto& run : runs_)
      if (run.simulated() && run.metrics.contains(key))
        for (const auto& item : run.metrics[key])
          if (keep(item) && known.insert(item["name"].get<std::string>()).second) names.push_back(item["name"]);
    return names;
  }
  std::vector<std::string> names_of(const char* key) const {
    return names_of(key, [](const Json&) { return true; });
  }

 private:
  const std::vector<VariantOutcome>& runs_;
  TextTable table_;
};

// --- clients: one block per client group and method.

void add_client_method(Report& report, const Json& client, const std::string& method) {
  const std::string name = client["name"];
  const bool is_call = client["mode"] == "call";
  const int instances = client["instances"].get<int>();
  report.table().section(fmt::format("client {}: {} instance{} {} {}.{}", name, instances, instances == 1 ? "" : "s",
                                     is_call ? "calling" : "casting", client["service"].get<std::string>(), method));
  const auto stat = [&](const Json& m) -> const Json* {
    const Json* c = find_named(m["clients"], name);
    if (!c || !c->at("methods").contains(method)) return nullptr;
    return &c->at("methods").at(method);
  };
  const auto counter = [&](const char* label, const char* key) {
    report.row(label, [&](const Json& m) {
      const Json* s = stat(m);
      return s ? fmt::format("{}", s->at(key).get<uint64_t>()) : std::string("-");
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
    std::string cell = fmt::format("{}", st->at("failed").get<uint64_t>());
    std::string reasons;
    for (const auto& [reason, n] : st->at("failures").items())
      reasons += fmt::format("{}{} {}", reasons.empty() ? "" : ", ", reason, n.get<uint64_t>());
    return reasons.empty() ? cell : cell + " (" + reasons + ")";
  });
  if (any_stat([](const Json& st) { return st.at("late_replies").get<uint64_t>() > 0; }))
    counter("late replies", "late_replies");
  if (any_stat([](const Json& st) { return st.value("retried", uint64_t{0}) > 0; })) counter("retried", "retried");
  const bool latencies = any_stat([](const Json& st) { return st.at("latency_s").at("count").get<uint64_t>() > 0; });
  if (!is_call || !latencies) return;
  for (const char* q : {"mean", "p50", "p90", "p99", "max"})
    report.row(std::string("latency ") + q, [&](const Json& m) {
      const Json* s = stat(m);
      if (!s || s->at("latency_s").at("count").get<uint64_t>() == 0) return std::string("-");
      return human_seconds(s->at("latency_s").at(q).get<double>());
    });
}

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
                 uint64_t most = 0, least = UINT64_MAX;
                 for (const auto& srv : m["servers"]) {
                   if (srv["service"] != service) continue;
                   most = std::max(most, srv["handled"].get<uint64_t>());
                   least = std::min(least, srv["handled"].get<uint64_t>());
                 }
                 if (least == 0 || least == UINT64_MAX) return std::string("-");
                 return fmt::format("{:.2f}", static_cast<double>(most) / static_cast<double>(least));
               });
  }
}

void add_servers(Report& report) {
  const std::vector<std::string> servers = report.names_of("servers");
  if (servers.empty()) return;
  report.table().section("servers (requests handled, share of their host's CPU)");
  for (const auto& server : servers)
    report.row(server, [&](const Json& m) {
      const Json* s = find_named(m["servers"], server);
      if (!s) return std::string("-");
      std::string cell =
          fmt::format("{} ({})", count_of(s, "handled"), percent(s->at("cpu_utilisation").get<double>()));
      if (count_of(s, "lost_in_crash") > 0) cell += fmt::format(" lost {}", count_of(s, "lost_in_crash"));
      return cell;
    });
  add_load_balance(report);
}

// --- AMQP publishers and consumers.

void add_publisher(Report& report, const std::string& name) {
  report.table().section("publisher " + name);
  const auto field = [&](const std::string& label, auto&& text) {
    report.row(label, [&](const Json& m) {
      const Json* p = find_named(m["publishers"], name);
      return p ? text(p) : std::string("-");
    });
  };
  // Rows about confirms and returns only when some run has any.
  const auto any = [&](std::initializer_list<const char*> keys) {
    return report.any_run([&](const Json& m) {
      const Json* p = find_named(m["publishers"], name);
      return p && std::any_of(keys.begin(), keys.end(), [&](const char* key) { return count_of(p, key) > 0; });
    });
  };
  field("published", [&](const Json* p) { return fmt::format("{}", count_of(p, "published")); });
  if (any({"confirmed", "nacked"})) {
    field("confirmed / nacked",
          [&](const Json* p) { return fmt::format("{} / {}", count_of(p, "confirmed"), count_of(p, "nacked")); });
    for (const char* q : {"p50", "p99"})
      field(std::string("confirm latency ") + q, [&](const Json* p) {
        return p->at("confirm_latency_s").at("count").get<uint64_t>() ? human_seconds(p->at("confirm_latency_s").at(q))
                                                                      : std::string("-");
      });
  }
  if (any({"returned", "failed"}))
    field("returned / failed",
          [&](const Json* p) { return fmt::format("{} / {}", count_of(p, "returned"), count_of(p, "failed")); });
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
        if (c["latency_s"]["count"].get<uint64_t>() > 0) {
          worst = std::max(worst, c["latency_s"][q].get<double>());
          any = true;
        }
      return any ? human_seconds(worst) : std::string("-");
    });
  for (const auto& name : consumers)
    report.row(name, [&](const Json& m) {
      const Json* c = find_named(m["consumers"], name);
      if (!c) return std::string("-");
      std::string cell = fmt::format("{} ({})", count_of(c, "handled"), percent(c->at("utilisation").get<double>()));
      if (count_of(c, "rejected")) cell += fmt::format(" rej {}", count_of(c, "rejected"));
      if (count_of(c, "redelivered")) cell += fmt::format(" redel {}", count_of(c, "redelivered"));
      if (count_of(c, "lost_in_crash")) cell += fmt::format(" lost {}", count_of(c, "lost_in_crash"));
      return cell;
    });
}

// --- the broker side.

// Queues that carried messages (reply queues, one per client, are left out).
void add_queues(Report& report) {
  const auto queues = report.names_of("queues", [](const Json& q) {
    const bool used = q["published"].get<uint64_t>() > 0 || q["remaining"].get<uint64_t>() > 0;
    return used && q["name"].get<std::string>().find("/reply_") == std::string::npos;
  });
  if (queues.empty()) return;
  report.table().section("queues (max depth / remaining; expired, dead-lettered, dropped)");
  for (const auto& queue : queues)
    report.row(queue, [&](const Json& m) {
      const Json* q = find_named(m["queues"], queue);
      if (!q) return std::string("-");
      std::string cell = fmt::format("{} / {}", count_of(q, "max_depth"), count_of(q, "remaining"));
      const uint64_t expired = count_of(q, "expired"), dead = count_of(q, "dead_lettered"),
                     dropped = count_of(q, "dropped");
      if (expired || dead || dropped) cell += fmt::format("; {}, {}, {}", expired, dead, dropped);
      return cell;
    });
}

// Brokers, when something happened to them beyond routing.
void add_brokers(Report& report) {
  const auto brokers = report.names_of("brokers", [](const Json& b) {
    for (const char* key : {"unroutable", "confirmed", "nacked", "disk_writes", "crashes"})
      if (b[key].get<uint64_t>() > 0) return true;
    return b["blocked_time_s"].get<double>() > 0;
  });
  for (const auto& name : brokers) {
    report.table().section("broker " + name);
    const auto field = [&](const char* label, auto&& text) {
      report.row(label, [&](const Json& m) {
        const Json* b = m.contains("brokers") ? find_named(m["brokers"], name) : nullptr;
        return b ? text(b) : std::string("-");
      });
    };
    field("publishes / unroutable",
          [&](const Json* b) { return fmt::format("{} / {}", count_of(b, "publishes"), count_of(b, "unroutable")); });
    field("confirms / nacks",
          [&](const Json* b) { return fmt::format("{} / {}", count_of(b, "confirmed"), count_of(b, "nacked")); });
    field("disk writes", [&](const Json* b) { return fmt::format("{}", count_of(b, "disk_writes")); });
    field("blocked (memory alarm)",
          [&](const Json* b) { return human_seconds(b->at("blocked_time_s").get<double>()); });
    field("crashes / messages lost",
          [&](const Json* b) { return fmt::format("{} / {}", count_of(b, "crashes"), count_of(b, "lost_in_crash")); });
  }
}

// --- totals.

uint64_t sum_of(const Json& object) {
  uint64_t total = 0;
  for (const auto& [k, v] : object.items()) {
    (void)k;
    total += v.get<uint64_t>();
  }
  return total;
}

void add_messages(Report& report) {
  report.table().section("messages");
  const auto conservation = [&](const char* label, auto&& text) {
    report.row(label, [&](const Json& m) { return text(m["conservation"]); });
  };
  conservation("created", [](const Json& c) { return fmt::format("{}", c["created"].get<uint64_t>()); });
  conservation("consumed", [](const Json& c) { return fmt::format("{}", c["consumed"].get<uint64_t>()); });
  conservation("dropped / expired / lost", [](const Json& c) {
    return fmt::format("{} / {} / {}", sum_of(c["dropped"]), c["expired"].get<uint64_t>(), sum_of(c["lost"]));
  });
  conservation("still queued or in flight", [](const Json& c) { return fmt::format("{}", sum_of(c["remaining"])); });
  conservation("all accounted for",
               [](const Json& c) { return std::string(c["balanced"].get<bool>() ? "yes" : "NO"); });
}

void add_times(Report& report, bool wall_clock) {
  report.table().section("time");
  report.row("simulated", [](const Json& m) { return human_seconds(m["sim_time_s"].get<double>()); });
  if (!wall_clock) return;
  std::vector<std::string> wall;
  for (const auto& run : report.runs()) wall.push_back(fmt::format("{:.2f} s", run.wall_seconds));
  report.table().row("wall clock", wall);
}

// The scenario, its seed and what each variant changes.
std::string header(const std::vector<Scenario>& scenarios, size_t runs) {
  const Scenario& first = scenarios.front();
  std::string out = fmt::format("buslab: scenario {}, seed {}{}\n", first.name, first.seed,
                                runs > 1 ? fmt::format(", {} variants side by side", runs) : "");
  if (!first.description.empty()) out += first.description + "\n";
  for (const auto& s : scenarios)
    if (!s.variant_description.empty()) out += fmt::format("  {}: {}\n", s.variant, s.variant_description);
  return out + "\n";
}

}  // namespace

std::string human_seconds(double seconds) {
  if (seconds == 0.0) return "0";
  if (seconds < 1e-3) return fmt::format("{:.0f} us", seconds * 1e6);
  if (seconds < 1.0) return fmt::format("{:.2f} ms", seconds * 1e3);
  return fmt::format("{:.3f} s", seconds);
}

std::string report_table(const std::vector<Scenario>& scenarios, const std::vector<VariantOutcome>& runs,
                         bool wall_clock) {
  Report report(runs);
  add_clients(report);
  add_servers(report);
  for (const auto& name : report.names_of("publishers")) add_publisher(report, name);
  add_consumers(report);
  add_queues(report);
  add_brokers(report);
  add_messages(report);
  add_times(report, wall_clock);

  std::vector<std::string> headers;
  for (const auto& run : runs) headers.push_back(run.name.empty() ? scenarios.front().name : run.name);
  std::string out = header(scenarios, runs.size()) + report.table().render(headers);
  for (const auto& run : runs) {
    const std::string name = run.name.empty() ? scenarios.front().name : run.name;
    if (!run.error.empty())
      out += fmt::format("\n{}: {}: {}\n", name, run.output_failed ? "outputs not written" : "run failed", run.error);
  }
  return out;
}

}  // namespace buslab
