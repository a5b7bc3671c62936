#include "sim/queueing/event_queue.hpp"

#include <stdexcept>

namespace buslab::queueing {

namespace {
constexpr size_t kArity = 4;  // shallower than a binary heap: fewer cache lines touched per pop
}

void EventQueue::push(double t, EventKind kind, uint32_t node, uint64_t data) {
  // The integer order of the key holds for times >= 0 only; -0 becomes +0 (equal times tie on the sequence).
  if (!(t >= 0.0)) throw std::logic_error("queueing engine: an event scheduled before time 0");
  const Event e{t + 0.0, next_seq_++, data, node, kind};
  if (kind == EventKind::Timer)
    for (auto& lane : lanes_)
      if (lane.empty() || !before(e, lane.back())) {
        lane.push_back(e);
        ++in_lanes_;
        return;
      }
  heap_.push_back(e);
  sift_up(heap_.size() - 1);
}

int EventQueue::first_lane() const {
  int first = -1;
  const Event* best = heap_.empty() ? nullptr : &heap_.front();
  for (size_t i = 0; i < lanes_.size(); ++i)
    if (!lanes_[i].empty() && (!best || before(lanes_[i].front(), *best))) {
      best = &lanes_[i].front();
      first = static_cast<int>(i);
    }
  return first;
}

inline size_t EventQueue::least_child(size_t first, size_t last) const {
  if (last - first == kArity) {
    // A full family (nearly every level): a tournament, two independent comparisons then one.
    const size_t a = before(heap_[first + 1], heap_[first]) ? first + 1 : first;
    const size_t b = before(heap_[first + 3], heap_[first + 2]) ? first + 3 : first + 2;
    return before(heap_[b], heap_[a]) ? b : a;
  }
  size_t best = first;
  for (size_t c = first + 1; c < last; ++c)
    if (before(heap_[c], heap_[best])) best = c;
  return best;
}

Event EventQueue::pop() {
  if (const int lane = first_lane(); lane >= 0) {
    auto& from = lanes_[static_cast<size_t>(lane)];
    const Event first = from.front();
    from.pop_front();
    --in_lanes_;
    return first;
  }
  const Event first = heap_.front();
  heap_.front() = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(0);
  return first;
}

void EventQueue::sift_up(size_t i) {
  const Event moving = heap_[i];
  while (i > 0) {
    const size_t parent = (i - 1) / kArity;
    if (!before(moving, heap_[parent])) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = moving;
}

void EventQueue::sift_down(size_t i) {
  const size_t n = heap_.size();
  const Event moving = heap_[i];
  for (;;) {
    const size_t first = i * kArity + 1;
    if (first >= n) break;
    const size_t best = least_child(first, first + kArity < n ? first + kArity : n);
    if (!before(heap_[best], moving)) break;
    heap_[i] = heap_[best];
    i = best;
  }
  heap_[i] = moving;
}

}  // namespace buslab::queueing
