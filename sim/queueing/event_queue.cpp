#include "sim/queueing/event_queue.hpp"

namespace buslab::queueing {

namespace {
constexpr size_t kArity = 4;  // shallower than a binary heap: fewer cache lines touched per pop
}

void EventQueue::push(double t, EventKind kind, uint32_t node, uint64_t data) {
  heap_.push_back(Event{t, next_seq_++, data, node, kind});
  sift_up(heap_.size() - 1);
}

Event EventQueue::pop() {
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
    size_t best = first;
    const size_t last = first + kArity < n ? first + kArity : n;
    for (size_t c = first + 1; c < last; ++c)
      if (before(heap_[c], heap_[best])) best = c;
    if (!before(heap_[best], moving)) break;
    heap_[i] = heap_[best];
    i = best;
  }
  heap_[i] = moving;
}

}  // namespace buslab::queueing
