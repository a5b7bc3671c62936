#pragma once
// An RPC server's executor (oslo.messaging executors, semantics.md 2.7): requests take one of `workers` slots,
// and wait in an unbounded FIFO backlog while none is free. `cpu_slots` bounds how many of the admitted requests
// compute at once: all of them for threads, one for green threads (eventlet), whose CPU work shares one core.
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "models/core/ids.hpp"
#include "models/core/message.hpp"

namespace buslab {

struct ExecutorJob {
  MessagePtr request;
  bool acked = false;           // brokered: the server already acknowledged it to the broker
  uint64_t delivery_tag = 0;    // brokered: to acknowledge it later
  uint32_t queue = 0;           // brokered: the queue it came from
  LaneId queue_lane = kNoLane;  // brokered: that queue's lane
  uint32_t connection = 0;      // brokered: the broker connection it came on (acks are only valid there)
  double arrived_at = 0.0;
  double started_at = 0.0;  // when it got its CPU
};

class Executor {
 public:
  Executor(int workers, int cpu_slots);

  // Queues a request in the backlog.
  void submit(ExecutorJob job);
  // Moves waiting jobs forward (backlog -> worker -> CPU) and returns the slots whose CPU work starts now.
  std::vector<int> start_ready();
  ExecutorJob& job(int slot) { return *slots_.at(static_cast<size_t>(slot)); }
  // The job in `slot` is done: frees its worker and returns it.
  ExecutorJob finish(int slot);
  // Every job held, backlog included, in arrival order (the process died).
  std::vector<ExecutorJob> take_all();

  int workers() const { return workers_; }
  // Workers holding a request (computing or waiting for the CPU).
  int busy() const { return static_cast<int>(computing_ + cpu_wait_.size()); }
  size_t backlog() const { return backlog_.size(); }
  bool empty() const { return busy() == 0 && backlog_.empty(); }

 private:
  int workers_;
  int cpu_slots_;
  size_t computing_ = 0;
  std::vector<std::optional<ExecutorJob>> slots_;  // jobs computing, by slot
  std::vector<int> free_slots_;                    // stack, lowest slot on top
  std::deque<ExecutorJob> cpu_wait_;               // hold a worker, wait for the CPU
  std::deque<ExecutorJob> backlog_;                // wait for a worker
};

}  // namespace buslab
