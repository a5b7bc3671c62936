#include "models/accounting/time_series.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "models/accounting/latency.hpp"

namespace buslab {

namespace {

// Consumers are server lanes whose "service" says which queue they read (sim/deploy/deployment.cpp).
bool is_consumer(const LaneInfo& info) {
  return info.kind == LaneKind::Server && info.service.rfind("queue ", 0) == 0;
}

// A queue lane is named "<broker>/q/<queue>"; metrics.json names the queue "<broker>/<queue>".
std::string queue_name(const LaneInfo& info) {
  const std::string prefix = info.broker + "/q/";
  if (info.name.rfind(prefix, 0) == 0) return info.broker + "/" + info.name.substr(prefix.size());
  return info.name;
}

// Whether a row is what a default LaneBucket is (the prefix's rows), bit for bit: no -0 passes for 0.
bool is_blank(const LaneBucket& row) {
  if (row.handled != 0) return false;
  for (const LevelStat& level : row.levels)
    if (level.mean != 0 || level.max != 0 || std::signbit(level.mean) || std::signbit(level.max)) return false;
  return true;
}

// `rows` after `first` rows of nothing (the buckets before the entity's first observation).
template <class Row>
std::vector<Row> prefixed(size_t first, std::vector<Row>&& rows) {
  if (first == 0) return std::move(rows);
  std::vector<Row> out;
  out.reserve(first + rows.size());
  out.resize(first);
  out.insert(out.end(), rows.begin(), rows.end());
  std::vector<Row>().swap(rows);
  return out;
}

}  // namespace

const char* to_string(SeriesKind kind) {
  switch (kind) {
    case SeriesKind::Client:
      return "client";
    case SeriesKind::Server:
      return "server";
    case SeriesKind::Consumer:
      return "consumer";
    case SeriesKind::Queue:
      return "queue";
    case SeriesKind::Broker:
      return "broker";
  }
  return "?";
}

void TimeSeries::start(double width) {
  if (!(width > 0) || !std::isfinite(width)) throw std::invalid_argument("time series: the bucket width must be > 0");
  width_ = width;
  // A width that is a short decimal (0.05) gives bucket bounds computed as integers over a power of ten, so that
  // they print as written; any other falls back to multiples of the width.
  scale_ = 0;
  uint64_t scale = 1;
  for (int digits = 0; digits <= 9; ++digits, scale *= 10) {
    const double units = std::round(width * static_cast<double>(scale));
    if (units >= 1 && units < 9e15 && std::fabs(units / static_cast<double>(scale) - width) <= 1e-12 * width) {
      scale_ = scale;
      units_ = static_cast<uint64_t>(units);
      break;
    }
  }
  open_ = 0;
  open_end_ = bucket_start(1);
}

double TimeSeries::bucket_start(size_t i) const {
  if (scale_ == 0) return static_cast<double>(i) * width_;
  return static_cast<double>(i * units_) / static_cast<double>(scale_);
}

double TimeSeries::bucket_end(size_t i) const {
  return i + 1 >= buckets_ ? end_ : bucket_start(i + 1);
}

void TimeSeries::client_lane(LaneId lane, const std::string& group, const std::string& service) {
  const auto index = static_cast<size_t>(lane);
  if (lane_group_.size() <= index) lane_group_.resize(index + 1, -1);
  const std::string prefix = group + "/" + service + ".";
  auto it = std::find(groups_.begin(), groups_.end(), prefix);
  if (it == groups_.end()) it = groups_.insert(groups_.end(), prefix);
  lane_group_[index] = static_cast<int>(it - groups_.begin());
}

TimeSeries::Lane& TimeSeries::first_sight(LaneId lane) {
  const auto index = static_cast<size_t>(lane);
  if (lanes_.size() <= index) lanes_.resize(index + 1);
  Lane& state = lanes_[index];
  state.tracked = true;
  state.first = open_;
  for (Track& track : state.tracks) track.since = bucket_start(open_);
  const LaneInfo& info = trace_.lane(lane);
  switch (info.kind) {
    case LaneKind::Queue:
      state.kind = SeriesKind::Queue;
      break;
    case LaneKind::Broker:
      state.kind = SeriesKind::Broker;
      break;
    case LaneKind::Server:
      state.kind = is_consumer(info) ? SeriesKind::Consumer : SeriesKind::Server;
      break;
    default:
      state.skip = true;
      break;
  }
  return state;
}

void TimeSeries::on_event(double t, LaneId lane, EventType type, double value) {
  if (!collecting() || finished_) return;
  switch (type) {
    case EventType::Busy:
      level(t, lane, SeriesLevel::Busy, value);
      return;
    case EventType::Backlog:
      level(t, lane, SeriesLevel::Backlog, value);
      return;
    case EventType::Depth:
      level(t, lane, SeriesLevel::Ready, value);
      return;
    case EventType::ServiceEnd:
      ++lane_state(lane, t).handled;
      return;
    case EventType::Done: {
      Lane& state = lane_state(lane, t);
      ++state.handled;
      if (state.kind == SeriesKind::Consumer) state.latencies.push_back(value);
      return;
    }
    default:
      return;
  }
}

TimeSeries::Calls& TimeSeries::calls_of(LaneId client, uint32_t method) {
  const int group = lane_group_[static_cast<size_t>(client)];
  auto [it, added] = calls_.try_emplace({group, method});
  if (added) it->second.first = open_;
  return it->second;
}

void TimeSeries::on_call_begin(double t, LaneId client, uint32_t method) {
  if (!collecting() || finished_) return;
  if (static_cast<size_t>(client) >= lane_group_.size() || lane_group_[static_cast<size_t>(client)] < 0) return;
  advance(t);
  ++calls_of(client, method).open.started;
  ++all_calls_.open.started;
}

uint16_t TimeSeries::reason_index(const std::string& reason) {
  auto it = std::find(reason_names_.begin(), reason_names_.end(), reason);
  if (it == reason_names_.end()) it = reason_names_.insert(reason_names_.end(), reason);
  return static_cast<uint16_t>(it - reason_names_.begin());
}

void TimeSeries::on_call_end(double t, const CallRecord& call) {
  if (!collecting() || finished_) return;
  const auto lane = static_cast<size_t>(call.client);
  if (lane >= lane_group_.size() || lane_group_[lane] < 0) return;
  advance(t);
  Calls* both[] = {&calls_of(call.client, call.method), &all_calls_};
  const uint16_t reason = call.outcome == CallOutcome::Error ? reason_index(call.error) : 0;
  for (Calls* c : both) {
    ClientBucket& open = c->open;
    switch (call.outcome) {
      case CallOutcome::Ok:
      case CallOutcome::Confirmed:  // a cast's round trip to the broker's confirm, as metrics.json counts it
        ++open.completed;
        c->latencies.push_back(t - call.t_start);
        break;
      case CallOutcome::Sent:
        ++open.completed;
        break;
      case CallOutcome::Timeout:
        ++open.timed_out;
        break;
      case CallOutcome::Error: {
        ++open.failed;
        auto it =
            std::find_if(open.failures.begin(), open.failures.end(), [&](const auto& f) { return f.first == reason; });
        if (it == open.failures.end())
          open.failures.emplace_back(reason, 1);
        else
          ++it->second;
        break;
      }
      case CallOutcome::Pending:
        break;
    }
  }
}

BucketLatency TimeSeries::summarize(std::vector<double>& samples) {
  BucketLatency s;
  if (samples.empty()) return s;
  std::sort(samples.begin(), samples.end());
  s.count = static_cast<uint32_t>(samples.size());
  s.p50 = nearest_rank(samples, 0.50);
  s.p99 = nearest_rank(samples, 0.99);
  s.max = samples.back();
  samples.clear();
  return s;
}

void TimeSeries::close_calls(Calls& calls) {
  calls.open.latency = summarize(calls.latencies);
  calls.rows.push_back(std::move(calls.open));
  calls.open = ClientBucket{};
}

void TimeSeries::close_bucket() {
  const double from = bucket_start(open_);
  const double to = open_end_;
  const double span = to - from;
  for (auto& [key, calls] : calls_) close_calls(calls);
  close_calls(all_calls_);
  for (Lane& state : lanes_) {
    if (!state.tracked || state.skip) continue;
    LaneBucket row;
    row.handled = state.handled;
    state.handled = 0;
    for (int slot = 0; slot < 3; ++slot) {
      Track& track = state.tracks[slot];
      track.integral += track.value * (to - track.since);
      row.levels[slot].mean = static_cast<float>(span > 0 ? track.integral / span : track.value);
      row.levels[slot].max = static_cast<float>(track.max);
      track.integral = 0;
      track.since = to;
      track.max = track.value;
    }
    // Until a lane's first row with something in it, its rows are the zeros of the prefix finish() lays out
    // (`first` counts them): a run's thousands of queues that never hold a message keep no rows at all.
    const bool consumer = state.kind == SeriesKind::Consumer;
    if (state.rows.empty() && is_blank(row) && (!consumer || state.latencies.empty())) {
      ++state.first;
      continue;
    }
    state.rows.push_back(row);
    if (consumer) state.done.push_back(summarize(state.latencies));
  }
  ++open_;
  open_end_ = bucket_start(open_ + 1);
}

void TimeSeries::finish(double end) {
  if (!collecting() || finished_) return;
  end_ = std::max(end, bucket_start(open_));
  while (open_end_ < end_) close_bucket();
  // The bucket holding the end is the last, and ends there.
  open_end_ = end_;
  close_bucket();
  finished_ = true;
  buckets_ = open_;

  // Failure reasons sorted by name; the buckets' indices follow.
  reasons_ = reason_names_;
  std::sort(reasons_.begin(), reasons_.end());
  std::vector<uint16_t> renumber(reason_names_.size());
  for (size_t i = 0; i < reason_names_.size(); ++i)
    renumber[i] =
        static_cast<uint16_t>(std::find(reasons_.begin(), reasons_.end(), reason_names_[i]) - reasons_.begin());

  // Every entity gets a row per bucket: before its first observation, nothing happened to it.
  const auto client_entity = [&](const std::string& name, Calls& calls) {
    Entity e{SeriesKind::Client, name, {}, {}, {}};
    e.calls.resize(calls.first);
    for (ClientBucket& row : calls.rows) {
      for (auto& [reason, n] : row.failures) reason = renumber[reason];
      std::sort(row.failures.begin(), row.failures.end());
      e.calls.push_back(std::move(row));
    }
    out_.push_back(std::move(e));
  };
  if (!calls_.empty()) client_entity("*", all_calls_);
  for (auto& [key, calls] : calls_)
    client_entity(groups_[static_cast<size_t>(key.first)] + trace_.methods().at(key.second), calls);

  std::vector<Entity> by_kind[5];
  for (size_t id = 0; id < lanes_.size(); ++id) {
    Lane& state = lanes_[id];
    if (!state.tracked || state.skip || (state.kind == SeriesKind::Queue && !state.held_any)) continue;
    const LaneInfo& info = trace_.lane(static_cast<LaneId>(id));
    Entity e{state.kind, state.kind == SeriesKind::Queue ? queue_name(info) : info.name, {}, {}, {}};
    // The rows move into the entity, or are copied once and freed at once: a run of 10,000 servers never holds
    // its series twice.
    e.lane = prefixed(state.first, std::move(state.rows));
    if (state.kind == SeriesKind::Consumer) e.done = prefixed(state.first, std::move(state.done));
    by_kind[static_cast<int>(state.kind)].push_back(std::move(e));
  }
  auto& queues = by_kind[static_cast<int>(SeriesKind::Queue)];
  std::stable_sort(queues.begin(), queues.end(), [](const Entity& a, const Entity& b) { return a.name < b.name; });
  for (auto& group : by_kind)
    for (Entity& e : group) out_.push_back(std::move(e));
  calls_.clear();
  lanes_.clear();
}

}  // namespace buslab
