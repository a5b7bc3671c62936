#include "tracefile/run_summary.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

namespace buslab::tracefile {

namespace {

double nearest_rank(const std::vector<double>& sorted, double q) {
  const auto rank = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

bool is_consumer(const Lane& lane) {
  return lane.kind == LaneKind::Server && lane.service.rfind("queue ", 0) == 0;
}

// Per lane, what the events say: levels aside, the work done and what crashes took.
struct LaneEvents {
  size_t service_ends = 0;
  double lost = 0;
  std::vector<double> done;  // consumers: publish-to-done seconds
};

std::vector<LaneEvents> lane_events(const Trace& trace) {
  std::vector<LaneEvents> per_lane(trace.lanes.size());
  const Events& e = trace.events;
  for (size_t i = 0; i < e.size(); ++i) {
    LaneEvents& l = per_lane[static_cast<size_t>(e.lane[i])];
    switch (trace.event_type(i)) {
      case EventType::ServiceEnd:
        ++l.service_ends;
        break;
      case EventType::Lost:
        l.lost += e.value[i];
        break;
      case EventType::Done:
        l.done.push_back(e.value[i]);
        break;
      default:
        break;
    }
  }
  return per_lane;
}

// The calls made by client lanes (nested = false) or by servers (nested = true).
void summarize_calls(const Trace& trace, bool nested, RunSummary& s) {
  const Calls& c = trace.calls;
  // Groups in the order their first lane appears, methods in name order within a group.
  std::map<std::pair<int, std::string>, ClientMethodSummary> rows;
  std::unordered_map<std::string, int> group_rank;
  std::unordered_map<std::string, std::unordered_set<int>> group_lanes;
  std::map<std::pair<int, std::string>, std::vector<double>> latencies;
  std::map<std::pair<int, std::string>, std::map<std::string, size_t>> failures;
  std::vector<double> all_ok;
  const auto mine = [&](int lane) {
    return (trace.lanes[static_cast<size_t>(lane)].kind == LaneKind::Client) != nested;
  };
  const auto key_of = [&](int client_lane, const std::string& method) {
    const Lane& lane = trace.lanes[static_cast<size_t>(client_lane)];
    const std::string group = nested ? lane.service : group_of(lane.name);
    const int rank = group_rank.emplace(group, client_lane).first->second;
    group_lanes[group].insert(client_lane);
    auto key = std::make_pair(rank, method);
    auto& row = rows[key];
    row.group = group;
    row.method = method;
    return key;
  };
  size_t calls = 0, ok = 0, timeouts = 0, errors = 0;
  for (size_t i = 0; i < c.size(); ++i) {
    if (!mine(c.client[i])) continue;
    const auto key = key_of(c.client[i], trace.methods.name(c.method[i]));
    ClientMethodSummary& row = rows[key];
    const std::string& outcome = trace.outcomes.name(c.outcome[i]);
    ++row.sent;
    ++calls;
    if (trace.call_completed(i)) {
      ++row.completed;
      // A confirmed cast's time is a round trip to the broker (oslo's cast()), a latency as metrics.json has it.
      if (!c.cast[i] || outcome == "confirmed") {
        latencies[key].push_back(c.t_end[i] - c.t_start[i]);
        all_ok.push_back(c.t_end[i] - c.t_start[i]);
      }
      ++ok;
    } else if (outcome == "timeout") {
      ++row.timed_out;
      ++timeouts;
    } else if (outcome.rfind("error", 0) == 0) {
      ++row.failed;
      ++errors;
      ++failures[key][outcome.size() > 6 ? outcome.substr(6) : std::string("error")];
    } else {
      ++row.pending;
    }
  }
  // Late replies: a reply (direct) or its delivery (brokered) that reached a client after the call had ended.
  const Hops& h = trace.hops;
  for (size_t i = 0; i < h.size(); ++i) {
    const HopKind kind = trace.hop_kind(i);
    if (!h.call[i] || trace.hop_status(i) != HopStatus::Dropped ||
        (kind != HopKind::Reply && kind != HopKind::Delivery))
      continue;
    const Lane& to = trace.lanes[static_cast<size_t>(h.to[i])];
    if ((to.kind != LaneKind::Client && to.kind != LaneKind::Server) || !mine(h.to[i])) continue;
    ++rows[key_of(h.to[i], trace.method_name(i))].late_replies;
  }
  std::map<std::pair<int, std::string>, size_t> casts;
  for (size_t i = 0; i < c.size(); ++i)
    if (c.cast[i] && mine(c.client[i])) ++casts[key_of(c.client[i], trace.methods.name(c.method[i]))];
  for (auto& [key, row] : rows) {
    row.instances = group_lanes[row.group].size();
    row.casts = row.sent > 0 && casts[key] == row.sent;
    row.latency = latency_stats(latencies[key]);
    for (const auto& f : failures[key]) row.failures.emplace_back(f.first, f.second);
    (nested ? s.nested : s.clients).push_back(std::move(row));
  }
  if (nested) return;
  s.calls = calls;
  s.calls_ok = ok;
  s.timeouts = timeouts;
  s.errors = errors;
  s.call_latency = latency_stats(std::move(all_ok));
}

void summarize_publishers(const Trace& trace, const std::vector<uint8_t>& calling, RunSummary& s) {
  std::map<int, PublisherSummary> groups;  // by the group's first lane
  std::unordered_map<std::string, int> first_lane;
  std::unordered_map<std::string, std::unordered_set<int>> members;
  std::unordered_map<std::string, std::unordered_set<uint64_t>> messages;
  const auto group_row = [&](int lane) -> PublisherSummary& {
    const std::string group = group_of(trace.lanes[static_cast<size_t>(lane)].name);
    const int first = first_lane.emplace(group, lane).first->second;
    members[group].insert(lane);
    PublisherSummary& row = groups[first];
    row.group = group;
    return row;
  };
  const Hops& h = trace.hops;
  // A publisher is a client lane that publishes messages outside any RPC call and makes no calls itself.
  for (size_t i = 0; i < h.size(); ++i) {
    const Lane& from = trace.lanes[static_cast<size_t>(h.from[i])];
    if (from.kind != LaneKind::Client || calling[static_cast<size_t>(h.from[i])] || h.call[i] || !h.msg[i] ||
        trace.hop_kind(i) != HopKind::Request)
      continue;
    group_row(h.from[i]);
    messages[group_of(from.name)].insert(h.msg[i]);
  }
  for (size_t i = 0; i < h.size(); ++i) {
    const Lane& to = trace.lanes[static_cast<size_t>(h.to[i])];
    if (to.kind != LaneKind::Client || !members.count(group_of(to.name)) || !h.arrived(i)) continue;
    PublisherSummary& row = group_row(h.to[i]);
    const HopKind kind = trace.hop_kind(i);
    if (kind == HopKind::Confirm) ++row.confirmed;
    if (kind == HopKind::Nack) ++row.nacked;
    if (kind == HopKind::Return) ++row.returned;
  }
  for (auto& [lane, row] : groups) {
    row.published = messages[row.group].size();
    row.instances = members[row.group].size();
    s.publishers.push_back(std::move(row));
  }
}

// Queues and consumers: what each queue routed and delivered, and which deliveries were redeliveries (a message
// the queue had delivered before).
void summarize_queues(const Trace& trace, const TraceIndex& index, const std::vector<LaneEvents>& events,
                      RunSummary& s) {
  std::vector<long> queue_row(trace.lanes.size(), -1), consumer_row(trace.lanes.size(), -1);
  for (const Lane& lane : trace.lanes) {
    if (lane.kind == LaneKind::Queue) {
      QueueSummary q;
      q.lane = lane.id;
      const size_t slash = lane.name.find("/q/");
      q.name = slash == std::string::npos ? lane.name : lane.name.substr(0, slash) + "/" + lane.name.substr(slash + 3);
      const LevelSeries& depth = index.depth(lane.id);
      q.max_depth = depth.max();
      q.depth_at_end = depth.empty() ? 0 : depth.value(depth.size() - 1);
      queue_row[static_cast<size_t>(lane.id)] = static_cast<long>(s.queues.size());
      s.queues.push_back(q);
    } else if (is_consumer(lane)) {
      ConsumerSummary c;
      c.lane = lane.id;
      c.name = lane.name;
      c.queue = lane.service.substr(6);
      const LaneEvents& e = events[static_cast<size_t>(lane.id)];
      c.handled = e.done.size();
      c.latency = latency_stats(e.done);
      c.lost_in_crash = static_cast<size_t>(e.lost);
      consumer_row[static_cast<size_t>(lane.id)] = static_cast<long>(s.consumers.size());
      s.consumers.push_back(c);
    }
  }
  // A delivery is a redelivery when the queue delivered that message before, or when the message was never routed
  // into it: the broker's own copy of a delivery its consumer had already taken on when the delivery was requeued
  // (a connection lost, a broker restarted), which the ledger counts as a message of its own.
  std::unordered_set<uint64_t> routed, delivered;  // (message, queue lane) pairs
  const auto pair_key = [](uint64_t msg, int lane) { return msg * 65536 + static_cast<uint64_t>(lane); };
  const Hops& h = trace.hops;
  for (size_t i = 0; i < h.size(); ++i) {
    const HopKind kind = trace.hop_kind(i);
    const long into = queue_row[static_cast<size_t>(h.to[i])];
    if (kind == HopKind::Route && into >= 0 && trace.hop_status(i) == HopStatus::Ok) {
      ++s.queues[static_cast<size_t>(into)].routed;
      routed.insert(pair_key(h.msg[i], h.to[i]));
    }
    const long from = queue_row[static_cast<size_t>(h.from[i])];
    if (kind != HopKind::Delivery || from < 0 || !h.msg[i]) continue;
    QueueSummary& q = s.queues[static_cast<size_t>(from)];
    ++q.delivered;
    const uint64_t key = pair_key(h.msg[i], h.from[i]);
    const bool first = delivered.insert(key).second && routed.count(key);
    if (first) continue;
    ++q.redelivered;
    const long consumer = consumer_row[static_cast<size_t>(h.to[i])];
    if (consumer >= 0) ++s.consumers[static_cast<size_t>(consumer)].redelivered;
  }
  for (const ConsumerSummary& c : s.consumers) {
    if (!c.latency.count) continue;
    s.worst_consumer_p50 =
        std::isnan(s.worst_consumer_p50) ? c.latency.p50 : std::max(s.worst_consumer_p50, c.latency.p50);
    s.worst_consumer_p99 =
        std::isnan(s.worst_consumer_p99) ? c.latency.p99 : std::max(s.worst_consumer_p99, c.latency.p99);
  }
}

}  // namespace

LatencyStats latency_stats(std::vector<double> samples) {
  LatencyStats s;
  s.count = samples.size();
  if (samples.empty()) return s;
  std::sort(samples.begin(), samples.end());
  // Summed in ascending order, as metrics.json sums them: the same mean to the last bit.
  s.mean = std::accumulate(samples.begin(), samples.end(), 0.0) / static_cast<double>(samples.size());
  s.p50 = nearest_rank(samples, 0.50);
  s.p90 = nearest_rank(samples, 0.90);
  s.p99 = nearest_rank(samples, 0.99);
  s.max = samples.back();
  return s;
}

std::string group_of(const std::string& lane_name) {
  const size_t dash = lane_name.rfind('-');
  if (dash == std::string::npos || dash + 1 == lane_name.size()) return lane_name;
  for (size_t i = dash + 1; i < lane_name.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(lane_name[i]))) return lane_name;
  return lane_name.substr(0, dash);
}

double RunSummary::ledger(const std::string& key) const {
  for (const auto& [k, v] : conservation)
    if (k == key) return v;
  return -1;
}

double RunSummary::ledger_total(const std::string& prefix) const {
  double total = 0;
  for (const auto& [k, v] : conservation)
    if (k.rfind(prefix, 0) == 0) total += v;
  return total;
}

RunSummary summarize(const Trace& trace, const TraceIndex& index) {
  RunSummary s;
  s.conservation = trace.conservation;
  const std::vector<LaneEvents> events = lane_events(trace);
  summarize_calls(trace, false, s);
  summarize_calls(trace, true, s);
  std::vector<uint8_t> calling(trace.lanes.size(), 0);
  for (int32_t client : trace.calls.client) calling[static_cast<size_t>(client)] = 1;
  summarize_publishers(trace, calling, s);
  for (const Lane& lane : trace.lanes) {
    if (lane.kind != LaneKind::Server || is_consumer(lane)) continue;
    const LaneEvents& e = events[static_cast<size_t>(lane.id)];
    s.servers.push_back(ServerSummary{lane.id, lane.name, lane.service, e.service_ends, static_cast<size_t>(e.lost)});
  }
  summarize_queues(trace, index, events, s);
  s.hops = trace.hops.size();
  for (size_t i = 0; i < trace.hops.size(); ++i) {
    if (trace.hop_status(i) == HopStatus::Lost) ++s.lost_hops;
    if (trace.hop_status(i) == HopStatus::Dropped) ++s.dropped_hops;
  }
  return s;
}

}  // namespace buslab::tracefile
