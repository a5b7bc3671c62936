#include <gtest/gtest.h>

#include "models/process/cpu_gate.hpp"
#include "models/process/executor.hpp"

namespace buslab {

namespace {

ExecutorJob job(MsgId id, double at) {
  ExecutorJob j;
  j.request = std::make_unique<Message>();
  j.request->id = id;
  j.arrived_at = at;
  return j;
}

}  // namespace

TEST(Executor, RequestsBeyondTheWorkersWaitInTheBacklog) {
  Executor ex(2);
  ex.submit(job(1, 0.0));
  ex.submit(job(2, 0.1));
  ex.submit(job(3, 0.2));
  const auto admitted = ex.admit();
  ASSERT_EQ(admitted.size(), 2u);
  EXPECT_EQ(ex.busy(), 2);
  EXPECT_EQ(ex.backlog(), 1u);
  EXPECT_EQ(ex.finish(admitted[0]).request->id, 1u);
  const auto next = ex.admit();
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(ex.job(next[0]).request->id, 3u);
  EXPECT_EQ(ex.backlog(), 0u);
  EXPECT_THROW(ex.finish(admitted[0]), std::logic_error);
}

TEST(Executor, TakeAllReturnsEverythingInArrivalOrder) {
  Executor ex(1);
  ex.submit(job(1, 0.0));
  ex.admit();
  ex.submit(job(2, 1.0));
  ex.submit(job(3, 2.0));
  const auto all = ex.take_all();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].request->id, 1u);
  EXPECT_EQ(all[2].request->id, 3u);
  EXPECT_TRUE(ex.empty());
  EXPECT_TRUE(ex.admit().empty());
}

TEST(Executor, RefusesZeroWorkers) {
  EXPECT_THROW(Executor(0), std::invalid_argument);
}

TEST(CpuGate, GreenThreadsComputeOneAtATimeInArrivalOrder) {
  CpuGate gate(1);
  auto first = gate.request(1, 10.0);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].first, 1u);
  EXPECT_TRUE(gate.request(2, 20.0).empty());
  EXPECT_TRUE(gate.request(3, 30.0).empty());
  EXPECT_EQ(gate.waiting(), 2u);
  auto next = gate.release();
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].first, 2u);
  EXPECT_DOUBLE_EQ(next[0].second, 20.0);
}

TEST(CpuGate, AThreadPoolComputesUpToItsSlots) {
  CpuGate gate(2);
  EXPECT_EQ(gate.request(1, 1).size(), 1u);
  EXPECT_EQ(gate.request(2, 1).size(), 1u);
  EXPECT_TRUE(gate.request(3, 1).empty());
  EXPECT_EQ(gate.running(), 2);
  gate.clear();
  EXPECT_EQ(gate.running(), 0);
  EXPECT_EQ(gate.request(4, 1).size(), 1u);
}

TEST(Executor, CountsTheRequestsItHoldsUnacknowledged) {
  Executor executor(1);
  ExecutorJob acked;
  acked.acked = true;
  executor.submit(std::move(acked));
  executor.submit(ExecutorJob{});
  executor.submit(ExecutorJob{});
  EXPECT_EQ(executor.unacked(), 2u);  // waiting or running, until finished
  const auto first = executor.admit();
  ASSERT_EQ(first.size(), 1u);
  executor.finish(first[0]);  // the acknowledged one: nothing changes
  EXPECT_EQ(executor.unacked(), 2u);
  const auto second = executor.admit();
  executor.finish(second[0]);
  EXPECT_EQ(executor.unacked(), 1u);
  executor.take_all();
  EXPECT_EQ(executor.unacked(), 0u);
}

}  // namespace buslab
