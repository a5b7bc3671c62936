#include "sim/queueing/ps_server.hpp"

#include <algorithm>

namespace buslab::queueing {

void PsServer::advance(double now) {
  if (live_ > 0 && now > last_) attained_ += rate() * (now - last_);
  last_ = now;
}

void PsServer::drop_dead_top() {
  while (!jobs_.empty() && jobs_.front().dead) {
    std::pop_heap(jobs_.begin(), jobs_.end(), later);
    jobs_.pop_back();
  }
}

void PsServer::add(double now, double work, uint32_t owner, uint64_t tag) {
  advance(now);
  jobs_.push_back(Job{attained_ + work, next_seq_++, tag, owner, false});
  std::push_heap(jobs_.begin(), jobs_.end(), later);
  ++live_;
}

double PsServer::next_completion() {
  drop_dead_top();
  if (live_ == 0) return std::numeric_limits<double>::infinity();
  return last_ + std::max(0.0, jobs_.front().finish - attained_) / rate();
}

void PsServer::take_done(double now, std::vector<Job>& done) {
  done.clear();
  drop_dead_top();
  if (live_ == 0) return;
  advance(now);
  // The job this completion was computed for ends now, whatever rounding left of it; so do those ending at the
  // same value (equal jobs started together), within rounding.
  attained_ = std::max(attained_, jobs_.front().finish);
  const double limit = attained_ + 1e-12 * std::max(1.0, attained_);
  while (!jobs_.empty() && (jobs_.front().dead || jobs_.front().finish <= limit)) {
    std::pop_heap(jobs_.begin(), jobs_.end(), later);
    if (!jobs_.back().dead) {
      done.push_back(jobs_.back());
      --live_;
    }
    jobs_.pop_back();
  }
  if (live_ == 0) {
    // Empty: start the clock again from zero, so that it never grows large enough to lose precision.
    jobs_.clear();
    attained_ = 0.0;
  }
}

void PsServer::remove_owner(double now, uint32_t owner) {
  advance(now);
  for (auto& job : jobs_)
    if (!job.dead && job.owner == owner) {
      job.dead = true;
      --live_;
    }
  if (live_ == 0) {
    jobs_.clear();
    attained_ = 0.0;
  }
}

}  // namespace buslab::queueing
