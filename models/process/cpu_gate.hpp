#pragma once
// How many requests of one process compute at once: all its threads for a thread pool (the host's cores then
// share them), one for green threads, whose CPU work runs on one OS thread (eventlet, gevent). A request asks
// for CPU work; the gate starts it now or when a slot frees, in FIFO order.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <utility>
#include <vector>

#include "models/core/runtime.hpp"
#include "models/core/tags.hpp"

namespace buslab {

class CpuGate {
 public:
  explicit CpuGate(int slots) : slots_(slots) {}
  // Asks for `flops` of CPU for `job`; returns the (job, flops) pairs that start now.
  std::vector<std::pair<uint64_t, double>> request(uint64_t job, double flops);
  // `job`'s CPU work ended; returns the pairs that start now.
  std::vector<std::pair<uint64_t, double>> release();
  // Forgets everything (the process died).
  void clear();
  int running() const { return running_; }
  size_t waiting() const { return waiting_.size(); }

 private:
  std::vector<std::pair<uint64_t, double>> start_ready();
  int slots_;
  int running_ = 0;
  std::deque<std::pair<uint64_t, double>> waiting_;
};

// Starts the CPU work of the (job, flops) pairs the gate let through, tagged TagKind::Service with their job.
void start_service_work(Runtime& rt, const std::vector<std::pair<uint64_t, double>>& ready);

}  // namespace buslab
