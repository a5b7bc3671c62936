#include "sim/output/report_table.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace buslab {

namespace {

using Json = nlohmann::ordered_json;

struct Row {
  std::string label;
  std::vector<std::string> cells;
};

class Table {
 public:
  explicit Table(size_t columns) : columns_(columns) {}
  void section(const std::string& title) { rows_.push_back(Row{title, {}}); }
  void row(const std::string& label, std::vector<std::string> cells) {
    rows_.push_back(Row{"  " + label, std::move(cells)});
  }
  std::string render(const std::vector<std::string>& headers) const {
    size_t label_width = 0;
    // Section titles stand on their own line and do not widen the label column.
    for (const auto& r : rows_)
      if (!r.cells.empty()) label_width = std::max(label_width, r.label.size());
    std::vector<size_t> widths(columns_, 0);
    for (size_t c = 0; c < columns_; ++c) {
      widths[c] = headers[c].size();
      for (const auto& r : rows_)
        if (c < r.cells.size()) widths[c] = std::max(widths[c], r.cells[c].size());
    }
    std::string out = fmt::format("{:<{}}", "", label_width);
    for (size_t c = 0; c < columns_; ++c) out += fmt::format("  {:>{}}", headers[c], widths[c]);
    out += "\n";
    for (const auto& r : rows_) {
      if (r.cells.empty()) {
        out += r.label + "\n";
        continue;
      }
      out += fmt::format("{:<{}}", r.label, label_width);
      for (size_t c = 0; c < r.cells.size(); ++c) out += fmt::format("  {:>{}}", r.cells[c], widths[c]);
      out += "\n";
    }
    return out;
  }

 private:
  size_t columns_;
  std::vector<Row> rows_;
};

const Json* find_named(const Json& list, const std::string& name) {
  for (const auto& item : list)
    if (item.value("name", "") == name) return &item;
  return nullptr;
}

std::string percent(double fraction) {
  return fmt::format("{:.0f}%", fraction * 100.0);
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
  const std::string& scenario_name = scenarios.front().name;
  std::vector<std::string> headers;
  for (const auto& run : runs) headers.push_back(run.name.empty() ? scenario_name : run.name);
  Table table(runs.size());
  auto cells = [&](auto&& cell) {
    std::vector<std::string> out;
    for (const auto& run : runs) out.push_back(run.error.empty() ? cell(run.metrics) : std::string("failed"));
    return out;
  };

  // Clients: one block per client group and method, in the order of the first run that has them.
  const Json& first = runs.front().metrics;
  if (first.contains("clients")) {
    for (const auto& client : first["clients"]) {
      const std::string name = client["name"];
      for (const auto& [method, ignored] : client["methods"].items()) {
        (void)ignored;
        const bool is_call = client["mode"] == "call";
        const int instances = client["instances"].get<int>();
        table.section(fmt::format("client {}: {} instance{} {} {}.{}", name, instances, instances == 1 ? "" : "s",
                                  is_call ? "calling" : "casting", client["service"].get<std::string>(), method));
        auto stat = [&](const Json& m) -> const Json* {
          const Json* c = find_named(m["clients"], name);
          if (!c || !c->at("methods").contains(method)) return nullptr;
          return &c->at("methods").at(method);
        };
        auto counter = [&](const char* key) {
          return cells([&](const Json& m) {
            const Json* s = stat(m);
            return s ? fmt::format("{}", s->at(key).get<uint64_t>()) : std::string("-");
          });
        };
        table.row("sent", counter("sent"));
        table.row(is_call ? "completed" : "handed to transport", counter("completed"));
        // Whether any run has a non-zero `key` for this method (rows of zeros everywhere are left out).
        auto any_run = [&](auto&& nonzero) {
          for (const auto& run : runs)
            if (run.error.empty())
              if (const Json* st = stat(run.metrics); st && nonzero(*st)) return true;
          return false;
        };
        table.row("timed out", counter("timed_out"));
        table.row("failed", cells([&](const Json& m) {
                    const Json* st = stat(m);
                    if (!st) return std::string("-");
                    std::string cell = fmt::format("{}", st->at("failed").get<uint64_t>());
                    std::string reasons;
                    for (const auto& [reason, n] : st->at("failures").items())
                      reasons += fmt::format("{}{} {}", reasons.empty() ? "" : ", ", reason, n.get<uint64_t>());
                    return reasons.empty() ? cell : cell + " (" + reasons + ")";
                  }));
        if (any_run([](const Json& st) { return st.at("late_replies").get<uint64_t>() > 0; }))
          table.row("late replies", counter("late_replies"));
        if (any_run([](const Json& st) { return st.value("retried", uint64_t{0}) > 0; }))
          table.row("retried", counter("retried"));
        const bool latencies =
            any_run([](const Json& st) { return st.at("latency_s").at("count").get<uint64_t>() > 0; });
        if (is_call && latencies) {
          for (const char* q : {"mean", "p50", "p90", "p99", "max"}) {
            table.row(std::string("latency ") + q, cells([&](const Json& m) {
                        const Json* s = stat(m);
                        if (!s || s->at("latency_s").at("count").get<uint64_t>() == 0) return std::string("-");
                        return human_seconds(s->at("latency_s").at(q).get<double>());
                      }));
          }
        }
      }
    }
  }

  // Servers: every replica any run has, requests handled and utilisation.
  std::vector<std::string> servers;
  std::set<std::string> seen;
  for (const auto& run : runs)
    if (!run.error.empty() || !run.metrics.contains("servers"))
      continue;
    else
      for (const auto& s : run.metrics["servers"])
        if (seen.insert(s["name"].get<std::string>()).second) servers.push_back(s["name"]);
  if (!servers.empty()) {
    table.section("servers (requests handled, share of their host's CPU)");
    for (const auto& server : servers) {
      table.row(server, cells([&](const Json& m) {
                  const Json* s = find_named(m["servers"], server);
                  if (!s) return std::string("-");
                  std::string cell = fmt::format("{} ({})", s->at("handled").get<uint64_t>(),
                                                 percent(s->at("cpu_utilisation").get<double>()));
                  if (s->at("lost_in_crash").get<uint64_t>() > 0)
                    cell += fmt::format(" lost {}", s->at("lost_in_crash").get<uint64_t>());
                  return cell;
                }));
    }
    // Load balance within each service with several replicas: the busiest replica's count over the idlest's.
    std::vector<std::string> services;
    for (const auto& run : runs)
      if (run.error.empty() && run.metrics.contains("servers"))
        for (const auto& srv : run.metrics["servers"]) {
          const std::string service = srv["service"];
          if (std::find(services.begin(), services.end(), service) == services.end()) services.push_back(service);
        }
    for (const auto& service : services) {
      size_t replicas = 0;
      for (const auto& srv : runs.front().metrics.value("servers", Json::array()))
        replicas += srv["service"] == service;
      if (replicas < 2) continue;
      table.row(services.size() > 1 ? "busiest / idlest " + service : std::string("busiest / idlest"),
                cells([&](const Json& m) {
                  uint64_t most = 0, least = UINT64_MAX;
                  for (const auto& srv : m["servers"]) {
                    if (srv["service"] != service) continue;
                    most = std::max(most, srv["handled"].get<uint64_t>());
                    least = std::min(least, srv["handled"].get<uint64_t>());
                  }
                  if (least == 0 || least == UINT64_MAX) return std::string("-");
                  return fmt::format("{:.2f}", static_cast<double>(most) / static_cast<double>(least));
                }));
    }
  }

  // Names of the entries of metrics list `key`, over every run, first seen first, that `keep` accepts.
  auto names_of = [&](const char* key, auto&& keep) {
    std::vector<std::string> names;
    std::set<std::string> known;
    for (const auto& run : runs)
      if (run.error.empty() && run.metrics.contains(key))
        for (const auto& item : run.metrics[key])
          if (keep(item) && known.insert(item["name"].get<std::string>()).second) names.push_back(item["name"]);
    return names;
  };
  auto count_of = [](const Json* item, const char* key) { return item->at(key).get<uint64_t>(); };

  // AMQP publishers and consumers.
  for (const auto& name : names_of("publishers", [](const Json&) { return true; })) {
    table.section("publisher " + name);
    auto field = [&](const char* label, auto&& text) {
      table.row(label, cells([&](const Json& m) {
                  const Json* p = find_named(m["publishers"], name);
                  return p ? text(p) : std::string("-");
                }));
    };
    // Rows about confirms and returns only when some run has any.
    auto any = [&](std::initializer_list<const char*> keys) {
      for (const auto& run : runs)
        if (run.error.empty())
          if (const Json* p = find_named(run.metrics["publishers"], name))
            for (const char* key : keys)
              if (count_of(p, key) > 0) return true;
      return false;
    };
    field("published", [&](const Json* p) { return fmt::format("{}", count_of(p, "published")); });
    if (any({"confirmed", "nacked"})) {
      field("confirmed / nacked",
            [&](const Json* p) { return fmt::format("{} / {}", count_of(p, "confirmed"), count_of(p, "nacked")); });
      for (const char* q : {"p50", "p99"})
        field((std::string("confirm latency ") + q).c_str(), [&](const Json* p) {
          return p->at("confirm_latency_s").at("count").get<uint64_t>()
                     ? human_seconds(p->at("confirm_latency_s").at(q))
                     : std::string("-");
        });
    }
    if (any({"returned", "failed"}))
      field("returned / failed",
            [&](const Json* p) { return fmt::format("{} / {}", count_of(p, "returned"), count_of(p, "failed")); });
  }
  const auto consumers = names_of("consumers", [](const Json&) { return true; });
  if (!consumers.empty()) {
    // Publish-to-processed latency over all consumers of a run, then each consumer's work.
    table.section("consumers (messages handled, utilisation)");
    for (const char* q : {"p50", "p99"})
      table.row(std::string("publish-to-done ") + q + ", worst", cells([&](const Json& m) {
                  double worst = 0;
                  bool any = false;
                  for (const auto& c : m["consumers"])
                    if (c["latency_s"]["count"].get<uint64_t>() > 0) {
                      worst = std::max(worst, c["latency_s"][q].get<double>());
                      any = true;
                    }
                  return any ? human_seconds(worst) : std::string("-");
                }));
    for (const auto& name : consumers)
      table.row(name, cells([&](const Json& m) {
                  const Json* c = find_named(m["consumers"], name);
                  if (!c) return std::string("-");
                  std::string cell =
                      fmt::format("{} ({})", count_of(c, "handled"), percent(c->at("utilisation").get<double>()));
                  if (count_of(c, "rejected")) cell += fmt::format(" rej {}", count_of(c, "rejected"));
                  if (count_of(c, "redelivered")) cell += fmt::format(" redel {}", count_of(c, "redelivered"));
                  if (count_of(c, "lost_in_crash")) cell += fmt::format(" lost {}", count_of(c, "lost_in_crash"));
                  return cell;
                }));
  }

  // Queues that carried messages (reply queues, one per client, are left out).
  const auto queues = names_of("queues", [](const Json& q) {
    const bool used = q["published"].get<uint64_t>() > 0 || q["remaining"].get<uint64_t>() > 0;
    return used && q["name"].get<std::string>().find("/reply_") == std::string::npos;
  });
  if (!queues.empty()) {
    table.section("queues (max depth / remaining; expired, dead-lettered, dropped)");
    for (const auto& queue : queues)
      table.row(queue, cells([&](const Json& m) {
                  const Json* q = find_named(m["queues"], queue);
                  if (!q) return std::string("-");
                  std::string cell = fmt::format("{} / {}", count_of(q, "max_depth"), count_of(q, "remaining"));
                  const uint64_t expired = count_of(q, "expired"), dead = count_of(q, "dead_lettered"),
                                 dropped = count_of(q, "dropped");
                  if (expired || dead || dropped) cell += fmt::format("; {}, {}, {}", expired, dead, dropped);
                  return cell;
                }));
  }

  // Brokers, when something happened to them beyond routing.
  const auto brokers = names_of("brokers", [](const Json& b) {
    for (const char* key : {"unroutable", "confirmed", "nacked", "disk_writes", "crashes"})
      if (b[key].get<uint64_t>() > 0) return true;
    return b["blocked_time_s"].get<double>() > 0;
  });
  for (const auto& name : brokers) {
    table.section("broker " + name);
    auto field = [&](const char* label, auto&& text) {
      table.row(label, cells([&](const Json& m) {
                  const Json* b = m.contains("brokers") ? find_named(m["brokers"], name) : nullptr;
                  return b ? text(b) : std::string("-");
                }));
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

  table.section("messages");
  auto conservation = [&](auto&& f) { return cells([&](const Json& m) { return f(m["conservation"]); }); };
  auto sum = [](const Json& object) {
    uint64_t total = 0;
    for (const auto& [k, v] : object.items()) {
      (void)k;
      total += v.get<uint64_t>();
    }
    return total;
  };
  table.row("created", conservation([](const Json& c) { return fmt::format("{}", c["created"].get<uint64_t>()); }));
  table.row("consumed", conservation([](const Json& c) { return fmt::format("{}", c["consumed"].get<uint64_t>()); }));
  table.row("dropped / expired / lost", conservation([&](const Json& c) {
              return fmt::format("{} / {} / {}", sum(c["dropped"]), c["expired"].get<uint64_t>(), sum(c["lost"]));
            }));
  table.row("still queued or in flight",
            conservation([&](const Json& c) { return fmt::format("{}", sum(c["remaining"])); }));
  table.row("all accounted for",
            conservation([](const Json& c) { return std::string(c["balanced"].get<bool>() ? "yes" : "NO"); }));

  table.section("time");
  table.row("simulated", cells([](const Json& m) { return human_seconds(m["sim_time_s"].get<double>()); }));
  if (wall_clock) {
    std::vector<std::string> wall;
    for (const auto& run : runs) wall.push_back(fmt::format("{:.2f} s", run.wall_seconds));
    table.row("wall clock", wall);
  }

  std::string out = fmt::format("buslab: scenario {}, seed {}{}\n", scenario_name, scenarios.front().seed,
                                runs.size() > 1 ? fmt::format(", {} variants side by side", runs.size()) : "");
  if (!scenarios.front().description.empty()) out += scenarios.front().description + "\n";
  for (const auto& s : scenarios)
    if (!s.variant_description.empty()) out += fmt::format("  {}: {}\n", s.variant, s.variant_description);
  out += "\n";
  out += table.render(headers);
  for (const auto& run : runs)
    if (!run.error.empty()) out += fmt::format("\n{}: run failed: {}\n", run.name, run.error);
  return out;
}

}  // namespace buslab
