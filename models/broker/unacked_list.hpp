#pragma once
// A queue's deliveries awaiting their acknowledgement, by delivery tag. Tags are handed out in increasing order and
// acknowledgements come back roughly in that order, so the deliveries sit in a deque sorted by tag (appended at the
// back, found by binary search) instead of a std::map node allocated and rebalanced per delivery: a brokered call
// adds and settles two. A settled delivery leaves a hole (no message) that goes when it reaches the front, or with
// every other hole once they outnumber the deliveries still awaited, so memory is bounded by those, whatever order
// the acknowledgements come in. Iteration is in tag order, as the std::map it replaces.
#include <algorithm>
#include <cstdint>
#include <deque>
#include <stdexcept>

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
    auto it =
        std::lower_bound(entries_.begin(), entries_.end(), tag, [](const Entry& e, uint64_t t) { return e.tag < t; });
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
    for (Entry& e : entries_)
      if (e.message) f(e);
  }
  template <class F>
  void for_each(F&& f) const {
    for (const Entry& e : entries_)
      if (e.message) f(e);
  }
  size_t size() const { return live_; }
  void clear() {
    entries_.clear();
    live_ = 0;
  }

 private:
  // Drops the settled deliveries at the front, and all of them once they are most of the list.
  void tidy() {
    while (!entries_.empty() && !entries_.front().message) entries_.pop_front();
    const size_t settled = entries_.size() - live_;
    if (settled > 64 && settled > live_)
      entries_.erase(std::remove_if(entries_.begin(), entries_.end(), [](const Entry& e) { return !e.message; }),
                     entries_.end());
  }

  std::deque<Entry> entries_;  // by tag, ascending
  size_t live_ = 0;            // entries with a message
};

}  // namespace buslab::broker
