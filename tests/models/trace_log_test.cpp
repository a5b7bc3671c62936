#include <gtest/gtest.h>

#include "models/accounting/trace_log.hpp"

namespace buslab {

TEST(TraceLog, LevelEventsAtOneInstantKeepTheLast) {
  TraceLog log(true);
  const LaneId q = log.add_lane(LaneInfo{"q", LaneKind::Queue, "h", "b", "", 0});
  log.event(1.0, q, EventType::Depth, 1);
  log.event(1.0, q, EventType::Depth, 2);
  log.event(1.0, q, EventType::Depth, 3);
  log.event(2.0, q, EventType::Depth, 3);  // no change: not recorded
  log.event(3.0, q, EventType::Depth, 0);
  ASSERT_EQ(log.events().size(), 2u);
  EXPECT_EQ(log.events()[0].value, 3);
  EXPECT_EQ(log.events()[1].t, 3.0);
}

TEST(TraceLog, CallsGetIdsEvenWhenNotRecording) {
  TraceLog log(false);
  const CallId a = log.begin_call(0, "add", RpcMode::Call, 0.5);
  const CallId b = log.begin_call(0, "add", RpcMode::Cast, 0.6);
  EXPECT_EQ(a, 1u);
  EXPECT_EQ(b, 2u);
  EXPECT_TRUE(log.call_pending(a));
  log.end_call(a, 1.0, CallOutcome::Ok, 3);
  EXPECT_FALSE(log.call_pending(a));
  log.event(1.0, 0, EventType::Up, 1);
  EXPECT_TRUE(log.events().empty());
}

TEST(TraceLog, HopsKeepTheMessageTakenOutByTheReceiver) {
  TraceLog log(true);
  Envelope env;
  env.hop = HopKind::Request;
  env.message = std::make_unique<Message>();
  env.message->id = 7;
  env.message->rpc.call = 3;
  env.message->rpc.method = "add";
  const auto header = log.header(env);
  env.message.reset();  // the receiver took it
  log.hop(header, env, 2.0);
  ASSERT_EQ(log.hops().size(), 1u);
  EXPECT_EQ(log.hops()[0].msg, 7u);
  EXPECT_EQ(log.hops()[0].call, 3u);
  EXPECT_EQ(log.methods()[log.hops()[0].method], "add");
}

}  // namespace buslab
