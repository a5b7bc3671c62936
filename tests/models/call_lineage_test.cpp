// Call lineage against a boot worked out by hand: parents and roots as calls are made while handling others, each
// method counted apart, and a root's end to end running to the last call of its tree (a cast's until a server ran
// it), the same whether the trace records call records or not.
#include "models/accounting/call_lineage.hpp"

#include <gtest/gtest.h>

#include "models/accounting/trace_log.hpp"

namespace buslab {
namespace {

TEST(CallLineage, ChildrenCarryTheirParentAndRoot) {
  TraceLog log(true);
  const CallId boot = log.begin_call(0, "schedule_and_build_instances", RpcMode::Cast, 0.0, 0, "conductor");
  const CallId select = log.begin_call(1, "select_destinations", RpcMode::Call, 0.01, boot, "scheduler");
  const CallId build = log.begin_call(1, "build_and_run_instance", RpcMode::Cast, 0.05, boot, "compute");
  const CallId save = log.begin_call(2, "object_action", RpcMode::Call, 5.0, build, "conductor");
  EXPECT_EQ(log.calls()[boot - 1].parent, 0u);
  EXPECT_EQ(log.calls()[boot - 1].root, boot);
  EXPECT_EQ(log.calls()[select - 1].parent, boot);
  EXPECT_EQ(log.calls()[save - 1].parent, build);
  EXPECT_EQ(log.calls()[save - 1].root, boot);
  EXPECT_TRUE(log.tally().nested());
}

// Two boots, the second's build never run; times chosen so that each figure below is a subtraction by hand.
void two_boots(TraceLog& log) {
  const CallId boot = log.begin_call(0, "schedule_and_build_instances", RpcMode::Cast, 1.0, 0, "conductor");
  log.end_call(boot, 1.001, CallOutcome::Sent, kNoLane);
  const CallId select = log.begin_call(1, "select_destinations", RpcMode::Call, 1.01, boot, "scheduler");
  log.end_call(select, 1.05, CallOutcome::Ok, 3);
  const CallId build = log.begin_call(1, "build_and_run_instance", RpcMode::Cast, 1.06, boot, "compute");
  log.end_call(build, 1.061, CallOutcome::Sent, kNoLane);
  log.ran_by(boot, 1, 1.07);  // the conductor finished the boot's method; its build still runs
  const CallId save = log.begin_call(2, "object_action", RpcMode::Call, 6.0, build, "conductor");
  log.end_call(save, 6.02, CallOutcome::Ok, 1);
  log.ran_by(build, 2, 6.03);  // the compute finished the build after its save: the tree ends
  const CallId lost = log.begin_call(0, "schedule_and_build_instances", RpcMode::Cast, 2.0, 0, "conductor");
  log.end_call(lost, 2.001, CallOutcome::Sent, kNoLane);
}

void expect_two_boots(const TraceLog& log) {
  const auto by = log.tally().by_method();
  ASSERT_EQ(by.size(), 4u);
  const MethodCalls& boots = by.at("conductor.schedule_and_build_instances");
  EXPECT_EQ(boots.calls, 2u);
  EXPECT_EQ(boots.roots, 2u);
  EXPECT_EQ(boots.ok, 2u);
  ASSERT_EQ(boots.end_to_end.count(), 1u);  // the lost boot's cast was never run: unfinished
  EXPECT_NEAR(boots.end_to_end.summarize().max, 6.03 - 1.0, 1e-12);
  const MethodCalls& selects = by.at("scheduler.select_destinations");
  EXPECT_EQ(selects.roots, 0u);
  EXPECT_EQ(selects.end_to_end.count(), 0u);
  EXPECT_NEAR(selects.latency.summarize().max, 1.05 - 1.01, 1e-12);
  EXPECT_EQ(by.at("conductor.object_action").latency.count(), 1u);
  EXPECT_EQ(by.at("compute.build_and_run_instance").mode, RpcMode::Cast);
  EXPECT_EQ(by.at("compute.build_and_run_instance").pending(), 0u);
}

TEST(CallLineage, EndToEndRunsToTheLastCallOfTheTree) {
  TraceLog recorded(true);
  two_boots(recorded);
  EXPECT_FALSE(recorded.calls().empty());  // a recorded log keeps its call records (the next test's does not)
  expect_two_boots(recorded);
}

TEST(CallLineage, ARunWithoutTraceTalliesTheSame) {
  TraceLog unrecorded(false);
  two_boots(unrecorded);
  EXPECT_TRUE(unrecorded.calls().empty());
  expect_two_boots(unrecorded);
}

TEST(CallLineage, ACallPendingAtTheEndLeavesItsTreeUnfinished) {
  TraceLog log(false);
  const CallId root = log.begin_call(0, "a", RpcMode::Call, 0.0, 0, "s");
  log.begin_call(1, "b", RpcMode::Call, 0.5, root, "t");
  log.end_call(root, 2.0, CallOutcome::Timeout, kNoLane);  // the root gave up; its child is still out
  const auto by = log.tally().by_method();
  EXPECT_EQ(by.at("s.a").timed_out, 1u);
  EXPECT_EQ(by.at("s.a").end_to_end.count(), 0u);
  EXPECT_EQ(by.at("t.b").pending(), 1u);
}

TEST(CallLineage, ATimedOutCallAServerStillRunsEndsItsTreeWhenTheServerIsDone) {
  TraceLog log(false);
  const CallId report = log.begin_call(0, "object_action", RpcMode::Call, 10.0, 0, "conductor");
  log.end_call(report, 70.0, CallOutcome::Timeout, kNoLane);  // the caller gives up at 60 s, still queued
  // Were the run to end now, its tree would end at the timeout.
  EXPECT_NEAR(log.tally().by_method().at("conductor.object_action").end_to_end.summarize().max, 60.0, 1e-12);
  log.ran_by(report, 1, 106.5);  // the row is written 96.5 s after the call was made
  const MethodCalls m = log.tally().by_method().at("conductor.object_action");
  ASSERT_EQ(m.end_to_end.count(), 1u);
  EXPECT_NEAR(m.end_to_end.summarize().max, 96.5, 1e-12);
  EXPECT_EQ(m.latency.count(), 0u);  // no answer: no latency sample
}

TEST(CallLineage, ATimedOutCallNeverRunEndsItsTreeAtTheTimeoutWhenTheRunEnds) {
  TraceLog log(false);
  const CallId report = log.begin_call(0, "object_action", RpcMode::Call, 10.0, 0, "conductor");
  log.end_call(report, 70.0, CallOutcome::Timeout, kNoLane);
  const MethodCalls m = log.tally().by_method().at("conductor.object_action");
  ASSERT_EQ(m.end_to_end.count(), 1u);
  EXPECT_NEAR(m.end_to_end.summarize().max, 60.0, 1e-12);
}

}  // namespace
}  // namespace buslab
