#include "models/rpc/executor.hpp"

#include <algorithm>
#include <stdexcept>

namespace buslab {

Executor::Executor(int workers, int cpu_slots) : workers_(workers), cpu_slots_(std::min(cpu_slots, workers)) {
  if (workers < 1 || cpu_slots < 1) throw std::invalid_argument("executor: workers and cpu slots must be >= 1");
  slots_.resize(static_cast<size_t>(cpu_slots_));
  for (int s = cpu_slots_ - 1; s >= 0; --s) free_slots_.push_back(s);
}

void Executor::submit(ExecutorJob job) {
  backlog_.push_back(std::move(job));
}

std::vector<int> Executor::start_ready() {
  while (!backlog_.empty() && busy() < workers_) {
    cpu_wait_.push_back(std::move(backlog_.front()));
    backlog_.pop_front();
  }
  std::vector<int> started;
  while (!cpu_wait_.empty() && !free_slots_.empty()) {
    const int slot = free_slots_.back();
    free_slots_.pop_back();
    slots_[static_cast<size_t>(slot)] = std::move(cpu_wait_.front());
    cpu_wait_.pop_front();
    ++computing_;
    started.push_back(slot);
  }
  return started;
}

ExecutorJob Executor::finish(int slot) {
  auto& held = slots_.at(static_cast<size_t>(slot));
  if (!held) throw std::logic_error("executor: finishing an empty slot");
  ExecutorJob job = std::move(*held);
  held.reset();
  --computing_;
  free_slots_.push_back(slot);
  // Keep the lowest free slot on top so slot use does not depend on finishing order more than needed.
  std::sort(free_slots_.begin(), free_slots_.end(), std::greater<>());
  return job;
}

std::vector<ExecutorJob> Executor::take_all() {
  std::vector<ExecutorJob> jobs;
  for (auto& held : slots_) {
    if (held) jobs.push_back(std::move(*held));
    held.reset();
  }
  for (auto& job : cpu_wait_) jobs.push_back(std::move(job));
  for (auto& job : backlog_) jobs.push_back(std::move(job));
  cpu_wait_.clear();
  backlog_.clear();
  computing_ = 0;
  free_slots_.clear();
  for (int s = cpu_slots_ - 1; s >= 0; --s) free_slots_.push_back(s);
  std::stable_sort(jobs.begin(), jobs.end(),
                   [](const ExecutorJob& a, const ExecutorJob& b) { return a.arrived_at < b.arrived_at; });
  return jobs;
}

}  // namespace buslab
