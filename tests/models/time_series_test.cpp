// The time series against buckets worked out by hand: counts land in the bucket of their instant, levels average
// over time, latencies are the nearest-rank percentiles of the calls completed in each bucket.
#include <gtest/gtest.h>

#include "models/accounting/time_series.hpp"
#include "models/world/world.hpp"

namespace buslab {

namespace {

struct Fixture {
  World world{false};  // no trace recorded: the series must not need one
  LaneId client = world.trace.add_lane(LaneInfo{"api-1", LaneKind::Client, "h", "", "", 0});
  LaneId server = world.trace.add_lane(LaneInfo{"svc-1", LaneKind::Server, "h", "", "svc", 4});
  LaneId queue = world.trace.add_lane(LaneInfo{"mq/q/work", LaneKind::Queue, "h", "mq", "", 0});
  LaneId idle_queue = world.trace.add_lane(LaneInfo{"mq/q/idle", LaneKind::Queue, "h", "mq", "", 0});
  LaneId consumer = world.trace.add_lane(LaneInfo{"c-1", LaneKind::Server, "h", "", "queue work", 1});
  LaneId broker = world.trace.add_lane(LaneInfo{"mq", LaneKind::Broker, "h", "", "", 0});

  const TimeSeries::Entity& entity(const std::string& name) {
    for (const auto& e : world.series.entities())
      if (e.name == name) return e;
    throw std::runtime_error("no entity " + name);
  }
};

}  // namespace

TEST(TimeSeries, CallsCountInTheBucketOfTheirInstant) {
  Fixture f;
  f.world.series.client_lane(f.client, "api", "compute");
  f.world.series.start(1.0);
  auto& trace = f.world.trace;
  const CallId a = trace.begin_call(f.client, "add", RpcMode::Call, 0.2);
  const CallId b = trace.begin_call(f.client, "add", RpcMode::Call, 0.5);
  const CallId c = trace.begin_call(f.client, "add", RpcMode::Call, 1.0);  // on the boundary: the first bucket's
  const CallId d = trace.begin_call(f.client, "add", RpcMode::Call, 1.5);
  trace.end_call(a, 1.2, CallOutcome::Ok, kNoLane);  // 1.0 s
  trace.end_call(b, 1.6, CallOutcome::Ok, kNoLane);  // 1.1 s
  trace.end_call(c, 1.9, CallOutcome::Timeout, kNoLane);
  trace.end_call(d, 2.6, CallOutcome::Error, kNoLane, "refused");
  f.world.series.finish(2.75);

  ASSERT_EQ(f.world.series.buckets(), 3u);
  EXPECT_EQ(f.world.series.bucket_end(2), 2.75);  // the last bucket ends with the run
  const auto& calls = f.entity("api/compute.add").calls;
  EXPECT_EQ(calls[0].started, 3u);
  EXPECT_EQ(calls[1].started, 1u);
  EXPECT_EQ(calls[0].completed, 0u);
  EXPECT_EQ(calls[1].completed, 2u);
  EXPECT_EQ(calls[1].timed_out, 1u);
  EXPECT_EQ(calls[2].failed, 1u);
  ASSERT_EQ(f.world.series.failure_reasons(), std::vector<std::string>{"refused"});
  ASSERT_EQ(calls[2].failures.size(), 1u);
  EXPECT_EQ(calls[2].failures[0].second, 1u);
  EXPECT_EQ(calls[1].latency.count, 2u);
  EXPECT_DOUBLE_EQ(calls[1].latency.p50, 1.0);
  EXPECT_DOUBLE_EQ(calls[1].latency.p99, 1.1);
  EXPECT_DOUBLE_EQ(calls[1].latency.max, 1.1);
  EXPECT_EQ(calls[2].latency.count, 0u);
  // "*" is every client call together, first.
  EXPECT_EQ(f.world.series.entities().front().name, "*");
  EXPECT_EQ(f.entity("*").calls[1].completed, 2u);
}

TEST(TimeSeries, LevelsAverageOverTimeAndKeepTheirMaximum) {
  Fixture f;
  f.world.series.start(2.0);
  auto& trace = f.world.trace;
  // Busy: 0 until 0.5, 4 until 1.0, 2 until 3.0, then 0.
  trace.event(0.5, f.server, EventType::Busy, 4);
  trace.event(1.0, f.server, EventType::Busy, 2);
  trace.event(3.0, f.server, EventType::Busy, 0);
  // A level that changes several times at one instant counts at its last value, but its maximum is seen.
  trace.event(3.0, f.server, EventType::Backlog, 7);
  trace.event(3.0, f.server, EventType::Backlog, 1);
  f.world.series.level(3.5, f.server, SeriesLevel::Held, 3);
  f.world.series.finish(4.0);

  const auto& rows = f.entity("svc-1").lane;
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_FLOAT_EQ(rows[0].levels[0].mean, (4 * 0.5 + 2 * 1.0) / 2.0);
  EXPECT_FLOAT_EQ(rows[0].levels[0].max, 4);
  EXPECT_FLOAT_EQ(rows[1].levels[0].mean, (2 * 1.0) / 2.0);
  EXPECT_FLOAT_EQ(rows[1].levels[0].max, 2);  // carried in from the bucket before
  EXPECT_FLOAT_EQ(rows[1].levels[1].mean, 1 * 1.0 / 2.0);
  EXPECT_FLOAT_EQ(rows[1].levels[1].max, 7);
  EXPECT_FLOAT_EQ(rows[1].levels[2].mean, 3 * 0.5 / 2.0);
}

TEST(TimeSeries, EntitiesHaveARowPerBucketFromTheStart) {
  Fixture f;
  f.world.series.start(1.0);
  f.world.trace.event(2.5, f.server, EventType::ServiceEnd);  // first seen in the third bucket
  f.world.trace.event(2.7, f.server, EventType::ServiceEnd);
  f.world.trace.event(0.1, f.idle_queue, EventType::Depth, 0);  // never held a message: left out
  f.world.trace.event(0.2, f.queue, EventType::Depth, 2);
  f.world.series.finish(3.0);  // a run ending on a boundary has no empty bucket after it
  ASSERT_EQ(f.world.series.buckets(), 3u);
  const auto& server = f.entity("svc-1").lane;
  ASSERT_EQ(server.size(), 3u);
  EXPECT_EQ(server[0].handled, 0u);
  EXPECT_EQ(server[2].handled, 2u);
  EXPECT_EQ(f.entity("mq/work").kind, SeriesKind::Queue);  // named as in metrics.json
  EXPECT_FLOAT_EQ(f.entity("mq/work").lane[2].levels[0].mean, 2);
  for (const auto& e : f.world.series.entities()) EXPECT_NE(e.name, "mq/idle");
}

TEST(TimeSeries, ConsumersGetTheLatencyOfWhatTheyHandled) {
  Fixture f;
  f.world.series.start(1.0);
  f.world.trace.event(1.5, f.consumer, EventType::Done, 0.25);
  f.world.trace.event(1.6, f.consumer, EventType::Done, 0.75);
  f.world.series.level(1.7, f.broker, SeriesLevel::Cpu, 0.5);
  f.world.series.finish(2.0);
  const auto& c = f.entity("c-1");
  EXPECT_EQ(c.kind, SeriesKind::Consumer);
  ASSERT_EQ(c.done.size(), 2u);
  EXPECT_EQ(c.done[0].count, 0u);
  EXPECT_EQ(c.done[1].count, 2u);
  EXPECT_DOUBLE_EQ(c.done[1].p50, 0.25);
  EXPECT_DOUBLE_EQ(c.done[1].max, 0.75);
  EXPECT_EQ(c.lane[1].handled, 2u);
  EXPECT_FLOAT_EQ(f.entity("mq").lane[1].levels[0].mean, 0.5 * 0.3);
}

TEST(TimeSeries, BucketBoundsAreExactDecimals) {
  Fixture f;
  f.world.series.start(0.05);
  f.world.series.finish(1.0);
  EXPECT_EQ(f.world.series.buckets(), 20u);
  EXPECT_EQ(f.world.series.bucket_start(3), 0.15);  // not 3 * 0.05 = 0.15000000000000002
  EXPECT_EQ(f.world.series.bucket_end(19), 1.0);
}

TEST(TimeSeries, CallsOfLanesNotNamedAClientGroupAreLeftOut) {
  Fixture f;
  f.world.series.start(1.0);
  const CallId nested = f.world.trace.begin_call(f.server, "lookup", RpcMode::Call, 0.1);
  f.world.trace.end_call(nested, 0.2, CallOutcome::Ok, kNoLane);
  f.world.series.finish(1.0);
  for (const auto& e : f.world.series.entities()) EXPECT_NE(e.kind, SeriesKind::Client);
}

TEST(TimeSeries, NothingIsCollectedBeforeItStarts) {
  Fixture f;
  f.world.trace.event(0.5, f.server, EventType::Busy, 4);
  f.world.series.finish(1.0);
  EXPECT_FALSE(f.world.series.collecting());
  EXPECT_TRUE(f.world.series.entities().empty());
}

}  // namespace buslab
