#pragma once
// A processor-sharing server with `cores` identical cores of `speed` units per second: a host's CPU (flops) or a
// disk (bytes, one "core"). With k jobs in service each job gets min(1, cores / k) of one core, as SimGrid's CPU
// model gives each single-core execution (a job never runs on two cores at once, and k jobs share `cores` cores
// equally). Since every job then progresses at the same rate, the server keeps one clock of the work each job has
// received (`attained_`), and a job ends when that clock reaches its start value plus its size: the jobs sit in a
// min-heap by that finishing value and the next completion is one division away. A job is removed (its process
// died) by marking it dead; dead jobs leave the heap when they reach its top, or all at once when the server is
// empty.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace buslab::queueing {

class PsServer {
 public:
  struct Job {
    double finish;  // the attained-work value at which it ends
    uint64_t seq;   // start order: among jobs ending together, the first started ends first
    uint64_t tag;
    uint32_t owner;  // the node it works for
    bool dead;
  };

  PsServer(int cores, double speed) : cores_(cores), speed_(speed) {}

  // Starts a job of `work` units at time `now`.
  void add(double now, double work, uint32_t owner, uint64_t tag);
  // When the next job ends (infinity when none is in service).
  double next_completion();
  // Moves the server to `now` (the time next_completion gave) and takes the jobs that end there, in order.
  void take_done(double now, std::vector<Job>& done);
  // Forgets every job of `owner` (its process died); they stop sharing the cores at once.
  void remove_owner(double now, uint32_t owner);

  int in_service() const { return live_; }
  // The rate each job in service progresses at, units per second.
  double rate() const { return live_ <= cores_ ? speed_ : speed_ * cores_ / live_; }

 private:
  void advance(double now);
  void drop_dead_top();
  static bool later(const Job& a, const Job& b) {
    return a.finish > b.finish || (a.finish == b.finish && a.seq > b.seq);
  }

  int cores_;
  double speed_;
  double attained_ = 0.0;  // work each job in service has received since the server was last empty
  double last_ = 0.0;      // when attained_ was last brought up to date
  int live_ = 0;
  uint64_t next_seq_ = 0;
  std::vector<Job> jobs_;  // min-heap by (finish, seq), dead ones included
};

}  // namespace buslab::queueing
