#include "models/process/cpu_gate.hpp"

namespace buslab {

std::vector<std::pair<uint64_t, double>> CpuGate::start_ready() {
  std::vector<std::pair<uint64_t, double>> started;
  while (!waiting_.empty() && running_ < slots_) {
    started.push_back(waiting_.front());
    waiting_.pop_front();
    ++running_;
  }
  return started;
}

std::vector<std::pair<uint64_t, double>> CpuGate::request(uint64_t job, double flops) {
  waiting_.emplace_back(job, flops);
  return start_ready();
}

std::vector<std::pair<uint64_t, double>> CpuGate::release() {
  if (running_ > 0) --running_;
  return start_ready();
}

void CpuGate::clear() {
  running_ = 0;
  waiting_.clear();
}

void start_service_work(Runtime& rt, const std::vector<std::pair<uint64_t, double>>& ready) {
  for (const auto& [job, flops] : ready) rt.start_work(flops, make_tag(TagKind::Service, job));
}

}  // namespace buslab
