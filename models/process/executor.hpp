#pragma once
// An RPC server's executor (oslo.messaging executors, docs/semantics.md 2.7): a request holds one of `workers` workers
// from the moment it is admitted until it is done (its CPU work, its waits, the calls it makes); more requests
// wait in an unbounded FIFO backlog. The CPU gate (cpu_gate.hpp) bounds how many of them compute at once.
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "models/core/envelope.hpp"
#include "models/core/ids.hpp"
#include "models/core/message.hpp"

namespace buslab {

struct ExecutorJob {
  MessagePtr request;
  // Brokered: the server already acknowledged it to the broker. Decided before it is submitted (ack before the
  // work, or auto-ack) and kept until it is finished: the executor counts the others (unacked()).
  bool acked = false;
  uint64_t delivery_tag = 0;    // brokered: to acknowledge it later
  uint32_t queue = 0;           // brokered: the queue it came from
  LaneId queue_lane = kNoLane;  // brokered: that queue's lane
  uint32_t connection = 0;      // brokered: the broker connection it came on (acks are only valid there)
  double arrived_at = 0.0;
  double started_at = 0.0;  // when it was admitted
  // Progress of the method (servers): which step runs, what the reply will carry.
  size_t step = 0;
  uint64_t reply_bytes = 0;
  uint32_t endpoint = 0;
  std::string selected;      // the server a select method chose, or a call step's answer
  int status = 0;            // ReplyStatus of the reply
  double cpu_seconds = 0.0;  // the CPU work it asked for, in core-seconds
  // Done, its reply published, its worker held until the broker confirms the reply (oslo's confirm_publish).
  bool replied = false;
  uint64_t reply_seq = 0;

  // A request delivered by a broker (a Deliver frame, whose message it takes) on connection `connection`.
  static ExecutorJob delivered(Envelope& delivery, uint32_t connection, double now);
};

using JobId = uint64_t;

class Executor {
 public:
  explicit Executor(int workers);

  // Queues a request in the backlog.
  void submit(ExecutorJob job);
  // Admits backlog requests while workers are free; returns their ids, in arrival order.
  std::vector<JobId> admit();
  ExecutorJob& job(JobId id) { return active_.at(id); }
  bool has(JobId id) const { return active_.count(id) > 0; }
  // The request `id` is done: frees its worker and returns it.
  ExecutorJob finish(JobId id);
  // Every request held, admitted or waiting, in arrival order (the process died).
  std::vector<ExecutorJob> take_all();

  int workers() const { return workers_; }
  int busy() const { return static_cast<int>(active_.size()); }
  size_t backlog() const { return backlog_.size(); }
  bool empty() const { return active_.empty() && backlog_.empty(); }
  // Requests held, admitted or waiting, not acknowledged yet: a brokered process's prefetch window in use.
  size_t unacked() const { return unacked_; }
  const std::map<JobId, ExecutorJob>& active() const { return active_; }
  // How many requests it holds, admitted or waiting: a job replied to and waiting for its reply's confirm holds a
  // worker but no request (the request met its fate). For the end-of-run census, as held_messages.
  size_t messages_held() const;
  // Appends the ids of the requests it holds (for the end-of-run census).
  void held_messages(std::vector<MsgId>& ids) const;

 private:
  int workers_;
  JobId next_id_ = 1;
  std::map<JobId, ExecutorJob> active_;
  std::deque<ExecutorJob> backlog_;
  size_t unacked_ = 0;
};

}  // namespace buslab
