#include "sim/output/report_table.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "models/rpc/oslo_topology.hpp"
#include "sim/output/scenario_summary.hpp"
#include "sim/output/service_list.hpp"
#include "sim/output/text_table.hpp"
#include "sim/scenario/random_faults.hpp"
#include "sim/scenario/seed_list.hpp"

namespace buslab {

namespace {

using Json = nlohmann::ordered_json;

// A metric's value: a number for one run, the mean of a replicated one's summary (metrics_replicated.hpp).
double value_of(const Json& v) {
  if (v.is_object()) return v.at("mean").get<double>();
  return v.get<double>();
}

// Half the 95% confidence interval of a replicated value; nullopt for one run's.
std::optional<double> half_width_of(const Json& v) {
  if (!v.is_object() || !v.contains("ci95")) return std::nullopt;
  return (v["ci95"][1].get<double>() - v["ci95"][0].get<double>()) / 2.0;
}

std::string number_text(double x) {
  return x == std::floor(x) ? fmt::format("{:.0f}", x) : fmt::format("{:.1f}", x);
}

// A count: "11942", or over replications "11942 ± 31" (mean and half-width of the 95% interval).
std::string count_text(const Json& v) {
  const auto half = half_width_of(v);
  if (!half) return fmt::format("{}", v.get<uint64_t>());
  const double mean = value_of(v);
  if (*half == 0.0) return number_text(mean);  // the same in every replication
  if (mean >= 100.0) return fmt::format("{:.0f} \u00b1 {:.0f}", mean, *half);
  return fmt::format("{:.1f} \u00b1 {:.1f}", mean, *half);
}

std::string time_text(const Json& v) {
  const auto half = half_width_of(v);
  return half && *half > 0 ? human_seconds_within(value_of(v), *half) : human_seconds(value_of(v));
}

std::string percent(const Json& v) {
  const auto half = half_width_of(v);
  if (!half || *half == 0.0) return fmt::format("{:.0f}%", value_of(v) * 100.0);
  return fmt::format("{:.0f}\u00b1{:.0f}%", value_of(v) * 100.0, *half * 100.0);
}

double count_of(const Json* item, const char* key) {
  return value_of(item->at(key));
}

std::string count_cell(const Json* item, const char* key) {
  return count_text(item->at(key));
}

bool flag_of(const Json& v) {
  return v.is_object() ? v.at("all").get<bool>() : v.get<bool>();
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

  // The entry named `name` of a run's metrics list `key`, or nullptr. Indexed on first use: a row per server of a
  // 100,000-replica run must not scan the list for each.
  const Json* named(const Json& metrics, const char* key, const std::string& name) const {
    if (!metrics.is_object() || !metrics.contains(key)) return nullptr;
    const Json& list = metrics[key];
    auto [index, fresh] = indexes_.try_emplace(&list);
    if (fresh)
      for (const auto& item : list)
        if (item.is_object() && item.contains("name"))
          index->second.try_emplace(item["name"].get<std::string>(), &item);
    const auto found = index->second.find(name);
    return found == index->second.end() ? nullptr : found->second;
  }

 private:
  const std::vector<VariantOutcome>& runs_;
  TextTable table_;
  mutable std::unordered_map<const Json*, std::unordered_map<std::string, const Json*>> indexes_;  // by list
};

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

void add_servers(Report& report) {
  const std::vector<std::string> servers = report.names_of("servers");
  if (servers.empty()) return;
  report.table().section("servers (requests handled, share of their host's CPU)");
  for (const auto& server : servers)
    report.row(server, [&](const Json& m) {
      const Json* s = report.named(m, "servers", server);
      if (!s) return std::string("-");
      std::string cell = fmt::format("{} ({})", count_cell(s, "handled"), percent(s->at("cpu_utilisation")));
      if (count_of(s, "lost_in_crash") > 0) cell += fmt::format(" lost {}", count_cell(s, "lost_in_crash"));
      if (s->contains("replies_returned") && count_of(s, "replies_returned") > 0)
        cell += fmt::format(" returned {}", count_cell(s, "replies_returned"));
      return cell;
    });
  add_load_balance(report);
}

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

// The overrides given on the command line, as typed: `--set duration=1000s --seed 2`.
std::string command_line_overrides(const Scenario& s) {
  std::string out;
  for (const auto& o : s.provenance.overrides) {
    if (o.origin == "--seed") out += fmt::format("{}--seed {}", out.empty() ? "" : " ", o.value);
    if (o.origin != "--set") continue;
    const auto value = nlohmann::json::parse(o.value);
    out += fmt::format("{}--set {}={}", out.empty() ? "" : " ", o.path,
                       value.is_string() ? value.get<std::string>() : o.value);
  }
  return out;
}

// Which cost profile the times come from (docs/profiles.md): one line, naming each variant's when they differ.
std::string costs_line(const std::vector<Scenario>& scenarios) {
  const auto name = [](const Scenario& s) {
    const bool built_in = s.profile.origin.find("built in") != std::string::npos;
    return fmt::format("{}{}{}", s.profile.name, built_in ? "" : " from " + s.profile.origin,
                       s.profile.overridden ? " with the scenario's own figures" : "");
  };
  bool same = true;
  for (const auto& s : scenarios) same = same && name(s) == name(scenarios.front());
  if (same) return fmt::format("costs: profile {} (docs/profiles.md)\n", name(scenarios.front()));
  std::string out = "costs:";
  for (const auto& s : scenarios) out += fmt::format(" {}: {};", s.variant, name(s));
  out.back() = '\n';
  return out;
}

// The faults a seeded nemesis drew for `s` (faults.random), the first few in full: what the run will go through.
std::string random_faults_line(const Scenario& s) {
  if (!s.random_faults) return "";
  constexpr size_t kShown = 8;
  const size_t drawn = s.random_faults->drawn;
  std::string out = fmt::format("random faults (seed {}): {} drawn", s.random_faults->seed, drawn);
  for (size_t i = 0; i < drawn && i < kShown; ++i)
    out += (i ? ", " : ": ") + describe_fault(s.faults[s.faults.size() - drawn + i]);
  if (drawn > kShown) out += fmt::format(", and {} more (buslab validate --faults lists them all)", drawn - kShown);
  return out + "\n";
}

// The scenario, its seed(s), what ran, and what each variant changes. The file's description describes the file
// as written: with overrides from the command line, a line generated from the resolved scenario replaces it.
std::string header(const std::vector<Scenario>& scenarios, size_t runs, const std::vector<uint64_t>& seeds) {
  const Scenario& first = scenarios.front();
  const std::string seed_text = seeds.size() >= 2 ? fmt::format("seeds {} ({} replications{})", format_seed_list(seeds),
                                                                seeds.size(), runs > 1 ? " each" : "")
                                                  : fmt::format("seed {}", first.seed);
  std::string out = fmt::format("buslab: scenario {}, {}{}\n", first.name, seed_text,
                                runs > 1 ? fmt::format(", {} variants side by side", runs) : "");
  const std::string overrides = command_line_overrides(first);
  if (!overrides.empty()) {
    out += fmt::format("overrides: {}\n", overrides);
    // One line, unless the variants resolve to different loads.
    bool same = true;
    for (const auto& s : scenarios) same = same && scenario_summary(s) == scenario_summary(first);
    if (same)
      out += fmt::format("resolved: {}\n", scenario_summary(first));
    else
      for (const auto& s : scenarios) out += fmt::format("resolved ({}): {}\n", s.variant, scenario_summary(s));
  } else if (!first.description.empty()) {
    out += first.description + "\n";
  }
  for (const auto& s : scenarios)
    if (!s.variant_description.empty()) out += fmt::format("  {}: {}\n", s.variant, s.variant_description);
  out += random_faults_line(first);
  return out + costs_line(scenarios) + "\n";
}

}  // namespace

std::string human_seconds_within(double seconds, double half_width) {
  const double magnitude = std::fabs(seconds);
  if (magnitude < 1e-3) return fmt::format("{:.0f} \u00b1 {:.0f} us", seconds * 1e6, half_width * 1e6);
  if (magnitude < 1.0) return fmt::format("{:.2f} \u00b1 {:.2f} ms", seconds * 1e3, half_width * 1e3);
  return fmt::format("{:.3f} \u00b1 {:.3f} s", seconds, half_width);
}

std::string human_seconds(double seconds) {
  if (seconds == 0.0) return "0";
  if (seconds < 1e-3) return fmt::format("{:.0f} us", seconds * 1e6);
  if (seconds < 1.0) return fmt::format("{:.2f} ms", seconds * 1e3);
  if (seconds >= 1e6) return fmt::format("{:.4g} s", seconds);  // "1e+12 s", not thirteen digits and three decimals
  return fmt::format("{:.3f} s", seconds);
}

std::string report_table(const std::vector<Scenario>& scenarios, const std::vector<VariantOutcome>& runs,
                         bool wall_clock, const std::vector<uint64_t>& seeds) {
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
  std::string out = header(scenarios, runs.size(), seeds) + report.table().render(headers);
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
