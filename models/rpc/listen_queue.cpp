#include "models/rpc/listen_queue.hpp"

#include <algorithm>
#include <stdexcept>

#include "models/rpc/linux_timers.hpp"

namespace buslab {

namespace {

constexpr double kClientRto = 0.2;  // TCP_RTO_MIN: a loopback RTT gives the minimum
constexpr double kSynAckRto = 1.0;  // TCP_TIMEOUT_INIT
constexpr int kSynAckRetries = 5;   // tcp_synack_retries

}  // namespace

uint64_t ListenQueue::hold(MessagePtr request, double now) {
  const uint64_t key = next_key_++;
  HalfOpen h;
  h.request = std::move(request);
  h.client_at = linux_timer_fires(now, kClientRto);
  h.client_wait = 2 * kClientRto;
  h.synack_at = linux_timer_fires(now, kSynAckRto);
  h.synack_wait = 2 * kSynAckRto;
  h.synacks_left = kSynAckRetries;
  half_open_.emplace(key, std::move(h));
  return key;
}

double ListenQueue::next_try(uint64_t key) {
  auto it = half_open_.find(key);
  if (it == half_open_.end()) throw std::logic_error("listen queue: no half-open connection " + std::to_string(key));
  HalfOpen& h = it->second;
  if (h.synack_at <= h.client_at) {
    // The SYN-ACK timer comes first: a retransmission, or, once they are spent, the end of the connection.
    if (h.synacks_left == 0) return -1.0;
    const double at = h.synack_at;
    --h.synacks_left;
    h.synack_at = linux_timer_fires(at, h.synack_wait);
    h.synack_wait *= 2;
    if (h.client_at == at) {  // both at once: one try
      h.client_at = linux_timer_fires(at, h.client_wait);
      h.client_wait *= 2;
    }
    return at;
  }
  const double at = h.client_at;
  h.client_at = linux_timer_fires(at, h.client_wait);
  h.client_wait *= 2;
  return at;
}

MessagePtr ListenQueue::release(uint64_t key) {
  auto it = half_open_.find(key);
  if (it == half_open_.end()) throw std::logic_error("listen queue: no half-open connection " + std::to_string(key));
  MessagePtr request = std::move(it->second.request);
  half_open_.erase(it);
  return request;
}

std::vector<MessagePtr> ListenQueue::take_all() {
  std::vector<MessagePtr> requests;
  for (auto& [key, h] : half_open_) requests.push_back(std::move(h.request));
  half_open_.clear();
  return requests;
}

void ListenQueue::held_messages(std::vector<MsgId>& ids) const {
  for (const auto& [key, h] : half_open_) ids.push_back(h.request->id);
}

}  // namespace buslab
