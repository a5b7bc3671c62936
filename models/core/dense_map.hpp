#pragma once
// A map from small dense ids (handed out 0, 1, 2, ... and never reused, like a router's queue ids) to values, kept
// as a deque indexed by id: a lookup is an index, not a walk down a tree with a cache miss per level, which matters
// on the hot paths that look a queue up several times per message. It offers the part of std::map's interface the
// models use, and iterates in ascending id order as std::map does, so that replacing one by the other changes no
// result. As with std::map, adding an entry moves no other (a deque grows without moving its elements): a pointer to
// a value stays good until that value is erased. Memory is one slot per id ever used (ids are dense), whether its
// entry is still there or not.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <stdexcept>
#include <utility>

namespace buslab {

template <class Key, class Value>
class DenseMap {
 public:
  using value_type = std::pair<const Key, Value>;

  template <class Slots, class Entry>
  class Iterator {
   public:
    Iterator(Slots* slots, size_t i) : slots_(slots), i_(i) { skip_empty(); }
    Entry& operator*() const { return *(*slots_)[i_]; }
    Entry* operator->() const { return &*(*slots_)[i_]; }
    Iterator& operator++() {
      ++i_;
      skip_empty();
      return *this;
    }
    bool operator==(const Iterator& other) const { return i_ == other.i_; }

   private:
    void skip_empty() {
      while (i_ < slots_->size() && !(*slots_)[i_]) ++i_;
    }
    Slots* slots_;
    size_t i_;
  };
  using Slots = std::deque<std::optional<value_type>>;
  using iterator = Iterator<Slots, value_type>;
  using const_iterator = Iterator<const Slots, const value_type>;

  iterator begin() { return iterator(&slots_, 0); }
  iterator end() { return iterator(&slots_, slots_.size()); }
  const_iterator begin() const { return const_iterator(&slots_, 0); }
  const_iterator end() const { return const_iterator(&slots_, slots_.size()); }

  // The value of `key`, nullptr when it has none.
  Value* find(Key key) {
    const auto i = static_cast<size_t>(key);
    return i < slots_.size() && slots_[i] ? &slots_[i]->second : nullptr;
  }
  const Value* find(Key key) const { return const_cast<DenseMap*>(this)->find(key); }
  size_t count(Key key) const { return find(key) ? 1 : 0; }
  Value& at(Key key) {
    Value* value = find(key);
    if (!value) throw std::out_of_range("DenseMap::at: no such id");
    return *value;
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // Adds `value` for `key` unless it has one already (as std::map::emplace); true when added.
  bool emplace(Key key, Value&& value) {
    const auto i = static_cast<size_t>(key);
    if (i >= slots_.size()) slots_.resize(i + 1);
    if (slots_[i]) return false;
    slots_[i].emplace(key, std::move(value));
    ++size_;
    return true;
  }
  size_t erase(Key key) {
    const auto i = static_cast<size_t>(key);
    if (i >= slots_.size() || !slots_[i]) return 0;
    slots_[i].reset();
    --size_;
    return 1;
  }

 private:
  Slots slots_;
  size_t size_ = 0;
};

}  // namespace buslab
