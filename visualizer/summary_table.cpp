#include "visualizer/summary_table.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include <fmt/format.h>

#include "models/rpc/oslo_topology.hpp"
#include "tracefile/time_format.hpp"

namespace buslab::viz {

using tracefile::RunSummary;

namespace {

using Runs = std::vector<const RunSummary*>;

// Names of the things of one kind across runs, in first-seen order.
template <typename Item, typename Key>
std::vector<std::string> names(const Runs& runs, const std::vector<Item> RunSummary::*list, Key key) {
  std::vector<std::string> out;
  for (const RunSummary* r : runs)
    for (const Item& item : r->*list)
      if (std::find(out.begin(), out.end(), key(item)) == out.end()) out.push_back(key(item));
  return out;
}

template <typename Item, typename Key>
const Item* find(const RunSummary& r, const std::vector<Item> RunSummary::*list, Key key, const std::string& name) {
  for (const Item& item : r.*list)
    if (key(item) == name) return &item;
  return nullptr;
}

class Builder {
 public:
  explicit Builder(const Runs& runs) : runs_(runs) {}

  void section(std::string label) { rows_.push_back(SummaryRow{true, std::move(label), {}}); }
  // A row; `optional` rows are left out when every run gives "0" or "-".
  void row(std::string label, const std::function<std::string(const RunSummary&)>& cell, bool optional = false) {
    SummaryRow r{false, std::move(label), {}};
    bool any = false;
    for (const RunSummary* run : runs_) {
      r.cells.push_back(cell(*run));
      any = any || (r.cells.back() != "0" && r.cells.back() != "-");
    }
    if (any || !optional) rows_.push_back(std::move(r));
  }
  std::vector<SummaryRow> take() {
    // Drop sections left empty.
    std::vector<SummaryRow> out;
    for (size_t i = 0; i < rows_.size(); ++i)
      if (!rows_[i].section || (i + 1 < rows_.size() && !rows_[i + 1].section)) out.push_back(rows_[i]);
    return out;
  }

 private:
  const Runs& runs_;
  std::vector<SummaryRow> rows_;
};

std::string count(size_t n) {
  return fmt::format("{}", n);
}

std::string seconds(double s) {
  return tracefile::format_metric_seconds(s);
}

void add_calls(Builder& b, const Runs& runs, const std::vector<tracefile::ClientMethodSummary> RunSummary::*list,
               const char* what) {
  using C = tracefile::ClientMethodSummary;
  const auto key = [](const C& c) { return c.group + " " + c.method; };
  for (const std::string& name : names(runs, list, key)) {
    const C* first = nullptr;
    for (const RunSummary* r : runs)
      if (!first) first = find(*r, list, key, name);
    b.section(fmt::format("{} {}: {} {}", what, first->group, first->casts ? "casting" : "calling", first->method));
    const auto field = [&](const char* label, auto&& text, bool optional) {
      b.row(
          label,
          [&](const RunSummary& r) {
            const C* c = find(r, list, key, name);
            return c ? text(*c) : std::string("-");
          },
          optional);
    };
    field(
        "sent", [](const C& c) { return count(c.sent); }, false);
    field(
        "completed", [](const C& c) { return count(c.completed); }, false);
    field(
        "timed out", [](const C& c) { return count(c.timed_out); }, true);
    field(
        "failed", [](const C& c) { return count(c.failed); }, true);
    field(
        "late replies", [](const C& c) { return count(c.late_replies); }, true);
    if (first->casts) continue;
    for (const auto& [label, member] : {std::pair{"latency p50", &tracefile::LatencyStats::p50},
                                        {"latency p99", &tracefile::LatencyStats::p99},
                                        {"latency max", &tracefile::LatencyStats::max}})
      field(
          label, [m = member](const C& c) { return c.latency.count ? seconds(c.latency.*m) : "-"; }, true);
  }
}

void add_servers(Builder& b, const Runs& runs) {
  using S = tracefile::ServerSummary;
  const auto key = [](const S& s) { return s.name; };
  const auto servers = names(runs, &RunSummary::servers, key);
  if (servers.empty()) return;
  b.section("servers (requests handled)");
  for (const std::string& name : servers)
    b.row(name, [&](const RunSummary& r) {
      const S* s = find(r, &RunSummary::servers, key, name);
      if (!s) return std::string("-");
      return s->lost_in_crash ? fmt::format("{} lost {}", s->handled, s->lost_in_crash) : count(s->handled);
    });
}

void add_publishers(Builder& b, const Runs& runs) {
  using P = tracefile::PublisherSummary;
  const auto key = [](const P& p) { return p.group; };
  for (const std::string& name : names(runs, &RunSummary::publishers, key)) {
    b.section("publisher " + name);
    const auto field = [&](const char* label, auto&& text, bool optional) {
      b.row(
          label,
          [&](const RunSummary& r) {
            const P* p = find(r, &RunSummary::publishers, key, name);
            return p ? text(*p) : std::string("-");
          },
          optional);
    };
    field(
        "published", [](const P& p) { return count(p.published); }, false);
    field(
        "confirmed", [](const P& p) { return count(p.confirmed); }, true);
    field(
        "nacked", [](const P& p) { return count(p.nacked); }, true);
    field(
        "returned", [](const P& p) { return count(p.returned); }, true);
  }
}

void add_consumers(Builder& b, const Runs& runs) {
  using C = tracefile::ConsumerSummary;
  const auto key = [](const C& c) { return c.name; };
  const auto consumers = names(runs, &RunSummary::consumers, key);
  if (consumers.empty()) return;
  b.section("consumers (messages handled)");
  b.row("publish-to-done p50, worst", [](const RunSummary& r) { return seconds(r.worst_consumer_p50); });
  b.row("publish-to-done p99, worst", [](const RunSummary& r) { return seconds(r.worst_consumer_p99); });
  for (const std::string& name : consumers)
    b.row(name, [&](const RunSummary& r) {
      const C* c = find(r, &RunSummary::consumers, key, name);
      if (!c) return std::string("-");
      std::string cell = count(c->handled);
      if (c->redelivered) cell += fmt::format(" redel {}", c->redelivered);
      if (c->lost_in_crash) cell += fmt::format(" lost {}", c->lost_in_crash);
      return cell;
    });
}

// Queues that were used, reply queues aside (one per client: they say little), as max depth / depth at the end.
void add_queues(Builder& b, const Runs& runs) {
  using Q = tracefile::QueueSummary;
  const auto key = [](const Q& q) { return q.name; };
  std::vector<std::string> used;
  for (const std::string& name : names(runs, &RunSummary::queues, key)) {
    if (oslo::is_reply_queue(name)) continue;
    for (const RunSummary* r : runs) {
      const Q* q = find(*r, &RunSummary::queues, key, name);
      if (q && (q->routed > 0 || q->depth_at_end > 0)) {
        used.push_back(name);
        break;
      }
    }
  }
  if (used.empty()) return;
  b.section("queues (max depth / ready at the end)");
  for (const std::string& name : used)
    b.row(name, [&](const RunSummary& r) {
      const Q* q = find(r, &RunSummary::queues, key, name);
      if (!q) return std::string("-");
      return fmt::format("{:g} / {:g}", q->max_depth, q->depth_at_end);
    });
}

// The ledger, with losses by cause: what the CLI's "messages" rows give, and where the lost ones went.
void add_messages(Builder& b, const Runs& runs) {
  bool any = false;
  for (const RunSummary* r : runs) any = any || !r->conservation.empty();
  if (!any) return;
  b.section("messages");
  const auto ledger = [](const char* key) {
    return [key](const RunSummary& r) {
      const double v = r.ledger(key);
      return v < 0 ? std::string("-") : fmt::format("{:g}", v);
    };
  };
  const auto total = [](const char* prefix) {
    return [prefix](const RunSummary& r) {
      return r.conservation.empty() ? std::string("-") : fmt::format("{:g}", r.ledger_total(prefix));
    };
  };
  b.row("created", ledger("created"));
  b.row("consumed", ledger("consumed"));
  b.row("dropped", total("dropped."), true);
  b.row("expired", ledger("expired"), true);
  b.row("lost", total("lost."));
  for (const auto& [key, label] : {std::pair{"lost.process_crash", "  with a process"},
                                   {"lost.broker_crash", "  with a broker"},
                                   {"lost.network", "  on the network"}})
    b.row(label, ledger(key), true);
  b.row("still queued or in flight", total("remaining."));
}

}  // namespace

std::vector<SummaryRow> summary_rows(const Runs& runs) {
  Builder b(runs);
  add_calls(b, runs, &RunSummary::clients, "client");
  add_calls(b, runs, &RunSummary::nested, "nested");
  add_servers(b, runs);
  add_publishers(b, runs);
  add_consumers(b, runs);
  add_queues(b, runs);
  add_messages(b, runs);
  return b.take();
}

std::vector<std::string> headline(const RunSummary& r) {
  std::vector<std::string> parts;
  if (r.calls) {
    parts.push_back(fmt::format("{} calls: {} ok", r.calls, r.calls_ok));
    if (r.timeouts) parts.push_back(fmt::format("{} timed out", r.timeouts));
    if (r.errors) parts.push_back(fmt::format("{} failed", r.errors));
    if (r.call_latency.count)
      parts.push_back(fmt::format("p50 {}  p99 {}", seconds(r.call_latency.p50), seconds(r.call_latency.p99)));
  }
  size_t published = 0, handled = 0;
  for (const auto& p : r.publishers) published += p.published;
  for (const auto& c : r.consumers) handled += c.handled;
  if (!r.publishers.empty() || !r.consumers.empty()) {
    parts.push_back(fmt::format("{} published, {} handled", published, handled));
    if (!std::isnan(r.worst_consumer_p50))
      parts.push_back(
          fmt::format("publish-to-done p50 {}  p99 {}", seconds(r.worst_consumer_p50), seconds(r.worst_consumer_p99)));
  }
  const double lost = r.ledger_total("lost.");
  if (lost > 0) parts.push_back(fmt::format("{:g} lost", lost));
  return parts;
}

}  // namespace buslab::viz
