#pragma once
// Results over time (docs/timeseries.md): the run cut into buckets of equal width, and for each bucket and entity
// what happened in it (calls started and completed, their latencies, errors by kind, requests handled) and how
// full things were (queue depths, executor backlogs, busy workers, the broker's CPU), as the time-weighted mean and
// the maximum over the bucket. It is collected as the run goes, whether a trace is recorded or not: the trace log
// passes on what the models already report to it (TraceObserver), and the models report the few levels the trace
// does not hold (level()). Memory is per bucket and entity, never per event: a bucket's latency samples are kept
// only until the bucket closes, and an entity keeps no rows until the first bucket in which something happened to it
// (the thousands of queues of a large run that never hold a message keep none).
//
// Bucket i covers the times (i w, (i + 1) w], the first one from 0 included and the last one ending when the run
// ended: a run that ends on a boundary has no empty bucket after it. Observations must come in time order (the
// simulated clock never goes back); one stamped before the open bucket is counted in it.
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "models/accounting/trace_log.hpp"
#include "models/core/ids.hpp"

namespace buslab {

enum class SeriesKind : uint8_t { Client, Server, Consumer, Queue, Broker };
const char* to_string(SeriesKind kind);

// Levels the models report (beyond the trace's depth, busy and backlog events). Each kind of entity has its own.
enum class SeriesLevel : uint8_t {
  Busy,     // server, consumer: workers running a request
  Backlog,  // server, consumer: requests waiting in the executor for a worker
  Held,     // server, consumer: deliveries it holds unacknowledged (its prefetch window in use)
  Ready,    // queue: messages ready
  Unacked,  // queue: messages delivered and not yet acknowledged
  Cpu,      // broker: share of its cores running its operations, 0..1
  Waiting,  // broker: operations waiting for a core
};

// The mean over a bucket of a level weighted by time, and its highest value in the bucket.
struct LevelStat {
  float mean = 0;
  float max = 0;
};

// Nearest-rank percentiles of the latencies of one bucket (count 0: none completed in it).
struct BucketLatency {
  uint32_t count = 0;
  double p50 = 0, p99 = 0, max = 0;
};

// One bucket of a client group's calls of one method.
struct ClientBucket {
  uint32_t started = 0;
  uint32_t completed = 0;  // calls answered with success; casts handed to the transport
  uint32_t timed_out = 0;
  uint32_t failed = 0;
  std::vector<std::pair<uint16_t, uint32_t>> failures;  // (index into failure_reasons(), count), by index
  BucketLatency latency;                                // calls answered with success
};

// One bucket of a server, consumer, queue or broker: levels in slots by kind (level_slot()), and for servers and
// consumers the requests they ran to the end.
struct LaneBucket {
  uint32_t handled = 0;
  LevelStat levels[3];
};

class TimeSeries : public TraceObserver {
 public:
  // The entity kind-specific slot of a level in LaneBucket::levels: busy/ready/cpu 0, backlog/unacked/waiting 1,
  // held 2.
  static int level_slot(SeriesLevel level) {
    switch (level) {
      case SeriesLevel::Busy:
      case SeriesLevel::Ready:
      case SeriesLevel::Cpu:
        return 0;
      case SeriesLevel::Backlog:
      case SeriesLevel::Unacked:
      case SeriesLevel::Waiting:
        return 1;
      case SeriesLevel::Held:
        return 2;
    }
    return 0;
  }

  explicit TimeSeries(const TraceLog& trace) : trace_(trace) {}

  // Collects from time 0 in buckets of `width` seconds (> 0). Until then every observation is ignored.
  void start(double width);
  bool collecting() const { return width_ > 0; }
  double bucket_width() const { return width_; }

  // Calls from `lane` are counted for client group `group`, which calls `service` (lanes not named so, a server's
  // nested calls, are not). Its entities are named "<group>/<service>.<method>", as `buslab check` names them.
  void client_lane(LaneId lane, const std::string& group, const std::string& service);
  // A level of the entity of `lane` is `value` from time `t` on. Inline: the models report a few levels per hop
  // (tens per call), and the common case (an entity already seen, in the open bucket) is a handful of instructions.
  void level(double t, LaneId lane, SeriesLevel level, double value) {
    if (!collecting() || finished_) return;
    Lane& state = lane_state(lane, t);
    Track& track = state.tracks[level_slot(level)];
    t = std::max(t, track.since);
    track.integral += track.value * (t - track.since);
    track.since = t;
    track.value = value;
    track.max = std::max(track.max, value);
    if ((level == SeriesLevel::Ready || level == SeriesLevel::Unacked) && value > 0) state.held_any = true;
  }

  void on_event(double t, LaneId lane, EventType type, double value) override;
  void on_call_begin(double t, LaneId client, uint32_t method) override;
  void on_call_end(double t, const CallRecord& call) override;

  // The run ended at `end`: closes the open buckets (the last one is shorter when `end` is not on a boundary) and
  // lays the entities out for reading. Nothing may be observed after.
  void finish(double end);

  // --- After finish().
  struct Entity {
    SeriesKind kind;
    std::string name;  // a client's "<group>/<service>.<method>", "*" for every client call together; others as in
                       // metrics.json
    std::vector<ClientBucket> calls;  // clients: one per bucket
    std::vector<LaneBucket> lane;     // others: one per bucket
    std::vector<BucketLatency> done;  // consumers: publish-to-done latency of the messages handled, one per bucket
  };
  size_t buckets() const { return buckets_; }
  double end() const { return end_; }
  // The bounds of bucket `i`, printed exactly as decimals of the width ("0.15", not 0.15000000000000002).
  double bucket_start(size_t i) const;
  double bucket_end(size_t i) const;
  // Failure reasons seen in the run, sorted: the columns of errors by kind.
  const std::vector<std::string>& failure_reasons() const { return reasons_; }
  // Clients ("*" first, then by group and method), servers and consumers in creation order, queues by name,
  // brokers. Queues that never held a message are left out.
  const std::vector<Entity>& entities() const { return out_; }

 private:
  struct Track {
    double value = 0, since = 0, integral = 0, max = 0;
  };
  struct Calls {
    ClientBucket open;
    std::vector<double> latencies;  // of the open bucket
    size_t first = 0;               // bucket of its first observation
    std::vector<ClientBucket> rows;
  };
  struct Lane {
    bool tracked = false;  // some observation came
    SeriesKind kind = SeriesKind::Server;
    bool skip = false;      // not an entity of the series (a host, an exchange)
    bool held_any = false;  // queues: ever held a message
    size_t first = 0;       // buckets before its first row: its first observation, or later while its rows are blank
    Track tracks[3];
    uint32_t handled = 0;
    std::vector<double> latencies;
    std::vector<LaneBucket> rows;
    std::vector<BucketLatency> done;
  };

  void advance(double t) {
    while (t > open_end_) close_bucket();
  }
  void close_bucket();
  // The state of `lane`, the clock brought to `t`.
  Lane& lane_state(LaneId lane, double t) {
    advance(t);
    const auto index = static_cast<size_t>(lane);
    if (index < lanes_.size() && lanes_[index].tracked) return lanes_[index];
    return first_sight(lane);
  }
  // The state of a lane not seen yet: what kind of entity it is, from when.
  Lane& first_sight(LaneId lane);
  Calls& calls_of(LaneId client, uint32_t method);
  uint16_t reason_index(const std::string& reason);
  static BucketLatency summarize(std::vector<double>& samples);
  static void close_calls(Calls& calls);

  const TraceLog& trace_;
  double width_ = 0;
  uint64_t scale_ = 1;  // bucket i starts at i * units_ / scale_
  uint64_t units_ = 0;
  size_t open_ = 0;      // index of the open bucket
  double open_end_ = 0;  // where it ends
  bool finished_ = false;
  size_t buckets_ = 0;
  double end_ = 0;
  std::vector<int> lane_group_;                      // lane -> index into groups_, -1: not a client group's
  std::vector<std::string> groups_;                  // "<group>/<service>."
  std::map<std::pair<int, uint32_t>, Calls> calls_;  // (group, method)
  Calls all_calls_;
  std::vector<Lane> lanes_;                // by lane id
  std::vector<std::string> reason_names_;  // in order of first sight (indices stored in open buckets)
  std::vector<std::string> reasons_;       // sorted, after finish()
  std::vector<Entity> out_;
};

}  // namespace buslab
