#include <gtest/gtest.h>

#include "models/rpc/executor.hpp"

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
  Executor ex(2, 2);
  ex.submit(job(1, 0.0));
  ex.submit(job(2, 0.1));
  ex.submit(job(3, 0.2));
  const auto started = ex.start_ready();
  EXPECT_EQ(started.size(), 2u);
  EXPECT_EQ(ex.busy(), 2);
  EXPECT_EQ(ex.backlog(), 1u);
  const ExecutorJob done = ex.finish(started[0]);
  EXPECT_EQ(done.request->id, 1u);
  const auto next = ex.start_ready();
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(ex.job(next[0]).request->id, 3u);
  EXPECT_EQ(ex.backlog(), 0u);
}

TEST(Executor, GreenThreadsHoldWorkersButComputeOneAtATime) {
  Executor ex(4, 1);
  for (MsgId id = 1; id <= 6; ++id) ex.submit(job(id, static_cast<double>(id)));
  const auto started = ex.start_ready();
  EXPECT_EQ(started.size(), 1u);
  EXPECT_EQ(ex.busy(), 4);  // four green threads hold a request each
  EXPECT_EQ(ex.backlog(), 2u);
  ex.finish(started[0]);
  const auto next = ex.start_ready();
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(ex.job(next[0]).request->id, 2u);
  EXPECT_EQ(ex.busy(), 4);
  EXPECT_EQ(ex.backlog(), 1u);
}

TEST(Executor, TakeAllReturnsEverythingInArrivalOrder) {
  Executor ex(1, 1);
  ex.submit(job(1, 0.0));
  ex.start_ready();
  ex.submit(job(2, 1.0));
  ex.submit(job(3, 2.0));
  const auto all = ex.take_all();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].request->id, 1u);
  EXPECT_EQ(all[2].request->id, 3u);
  EXPECT_TRUE(ex.empty());
  EXPECT_EQ(ex.start_ready().size(), 0u);
}

TEST(Executor, RefusesZeroWorkers) {
  EXPECT_THROW(Executor(0, 1), std::invalid_argument);
}

}  // namespace buslab
