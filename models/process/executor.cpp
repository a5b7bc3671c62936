#include "models/process/executor.hpp"

#include <algorithm>
#include <stdexcept>

namespace buslab {

ExecutorJob ExecutorJob::delivered(Envelope& delivery, uint32_t connection, double now) {
  ExecutorJob job;
  job.request = std::move(delivery.message);
  job.delivery_tag = delivery.tag;
  job.queue = delivery.queue;
  job.queue_lane = delivery.from_lane;
  job.connection = connection;
  job.arrived_at = now;
  return job;
}

Executor::Executor(int workers) : workers_(workers) {
  if (workers < 1) throw std::invalid_argument("executor: workers must be >= 1");
}

void Executor::submit(ExecutorJob job) {
  if (!job.acked) ++unacked_;
  backlog_.push_back(std::move(job));
}

std::vector<JobId> Executor::admit() {
  std::vector<JobId> admitted;
  while (!backlog_.empty() && busy() < workers_) {
    const JobId id = next_id_++;
    active_.emplace(id, std::move(backlog_.front()));
    backlog_.pop_front();
    admitted.push_back(id);
  }
  return admitted;
}

ExecutorJob Executor::finish(JobId id) {
  auto it = active_.find(id);
  if (it == active_.end()) throw std::logic_error("executor: finishing an unknown request");
  ExecutorJob job = std::move(it->second);
  active_.erase(it);
  if (!job.acked) --unacked_;
  return job;
}

namespace {

// A job replied to (its worker held for the reply's confirm) has met its fate: it holds its worker, not a message.
bool holds_request(const ExecutorJob& job) {
  return job.request && !job.replied;
}

}  // namespace

size_t Executor::messages_held() const {
  size_t held = backlog_.size();
  for (const auto& [id, job] : active_) held += holds_request(job);
  return held;
}

void Executor::held_messages(std::vector<MsgId>& ids) const {
  for (const auto& [id, job] : active_)
    if (holds_request(job)) ids.push_back(job.request->id);
  for (const auto& job : backlog_)
    if (job.request) ids.push_back(job.request->id);
}

std::vector<ExecutorJob> Executor::take_all() {
  std::vector<ExecutorJob> jobs;
  for (auto& [id, job] : active_) jobs.push_back(std::move(job));
  for (auto& job : backlog_) jobs.push_back(std::move(job));
  active_.clear();
  backlog_.clear();
  unacked_ = 0;
  std::stable_sort(jobs.begin(), jobs.end(),
                   [](const ExecutorJob& a, const ExecutorJob& b) { return a.arrived_at < b.arrived_at; });
  return jobs;
}

}  // namespace buslab
