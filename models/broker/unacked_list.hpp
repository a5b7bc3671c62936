#pragma once
// A queue's deliveries awaiting their acknowledgement, by delivery tag. Tags are handed out in increasing order and
// acknowledgements come back roughly in that order, so the deliveries sit in a vector sorted by tag (appended at
// the back, found by binary search from the first one still awaited) instead of a std::map node allocated and
// rebalanced per delivery: a brokered call adds and settles two. A settled delivery leaves a hole (no message) that
// the front skips; the holes go all at once when no delivery is awaited any more or when they outnumber those
// still awaited, so memory is bounded by them, whatever order the acknowledgements come in. A vector, not a deque:
// an empty one allocates nothing, and a run of 10,000 servers has 20,000 queues, most never used. Iteration is in
// tag order, as with the std::map it replaces.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "models/core/message.hpp"

namespace buslab::broker {

class UnackedList {
 public:
  struct Entry {
    uint64_t tag;
    uint64_t seq;  // the message's enqueue order
    uint32_t consumer;
    MessagePtr message;  // null once settled
  };

  // Delivery `tag`, greater than every tag added before, awaits its acknowledgement.
  void add(uint64_t tag, uint64_t seq, uint32_t consumer, MessagePtr message) {
    tidy();
    if (!entries_.empty() && tag <= entries_.back().tag)
      throw std::logic_error("internal error: delivery tags out of order");
    entries_.push_back(Entry{tag, seq, consumer, std::move(message)});
    ++live_;
  }
  // The delivery `tag` if it still awaits its acknowledgement, else nullptr.
  Entry* find(uint64_t tag) {
    const auto first = entries_.begin() + static_cast<std::ptrdiff_t>(head_);
    auto it = std::lower_bound(first, entries_.end(), tag, [](const Entry& e, uint64_t t) { return e.tag < t; });
    return it != entries_.end() && it->tag == tag && it->message ? &*it : nullptr;
  }
  const Entry* find(uint64_t tag) const { return const_cast<UnackedList*>(this)->find(tag); }
  // Settles `entry` (from find or for_each): its message, which the list holds no more.
  MessagePtr take(Entry& entry) {
    --live_;
    return std::move(entry.message);
  }
  // Calls f(entry) for each delivery still awaited, in tag order; f may take() it.
  template <class F>
  void for_each(F&& f) {
    for (size_t i = head_; i < entries_.size(); ++i)
      if (entries_[i].message) f(entries_[i]);
  }
  template <class F>
  void for_each(F&& f) const {
    for (size_t i = head_; i < entries_.size(); ++i)
      if (entries_[i].message) f(entries_[i]);
  }
  size_t size() const { return live_; }
  void clear() {
    entries_.clear();
    head_ = 0;
    live_ = 0;
  }

 private:
  // Skips the settled deliveries at the front; drops every settled one when none is awaited any more, or when they
  // are most of the list.
  void tidy() {
    while (head_ < entries_.size() && !entries_[head_].message) ++head_;
    if (live_ == 0) {
      entries_.clear();
      head_ = 0;
      return;
    }
    const size_t settled = entries_.size() - live_;
    if (settled > 64 && settled > live_) {
      std::erase_if(entries_, [](const Entry& e) { return !e.message; });
      head_ = 0;
    }
  }

  std::vector<Entry> entries_;  // by tag, ascending
  size_t head_ = 0;             // the entries before it are all settled
  size_t live_ = 0;             // entries with a message
};

}  // namespace buslab::broker
