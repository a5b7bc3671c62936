#pragma once
// The queueing engine's future: plain 32-byte events in a 4-ary min-heap ordered by (time, sequence number), so
// that events at one instant run in the order they were scheduled and a run is deterministic. No allocation per
// event (the heap's array grows and stays). Cancelled events are not searched for: their owner marks them dead
// (a generation that moved on) and counts them here; when dead ones outnumber the living, compact() drops them in
// one pass, so memory stays bounded by what is really pending.
//
// Popping is most of the engine's own cost (the heap holds thousands of events: a timeout per call in flight, and
// cancelled ones until a compaction), so the order is compared as one 128-bit integer (the time's bits, then the
// sequence number: for times >= 0 the bits of a double sort as the double does), and a full family of four
// children is compared as a tournament (two independent comparisons, then one). The order of events is unchanged.
// (Floyd's pop, the hole taken down to a leaf before the last event rises, measured worse here: recent events are
// early ones and rise far.)
//
// Timers set for a fixed delay come in the order they fall due: a call's timeout (60 s by default, nearly always
// cancelled by the reply), a connection's SYN retry, a closed loop's next call (now). Each such stream goes to a
// FIFO lane of its own instead of the heap: a timer joins the first of a few lanes whose last timer is due no
// later than it (the heap when none), so the heap holds only frames, work and odd timers, and none of the dead
// timeouts. Every lane stays sorted by (time, sequence), and a pop takes the earliest of the heap's top and the
// lanes' fronts, so the order of events is the same.
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

namespace buslab::queueing {

enum class EventKind : uint32_t {
  Start,    // node.on_start
  Deliver,  // a frame reaches its node (data: the Envelope*)
  Lost,     // a frame failed on the wire (data: the Envelope*)
  Timer,    // data: the timer's slot and generation
  Server,   // a processor-sharing server's next completion (node: the server, data: its generation)
  Fault,    // data: the index in the fault schedule
  Void,     // cancelled in place
};

struct Event {
  double t;
  uint64_t seq;
  uint64_t data;
  uint32_t node;
  EventKind kind;
};
static_assert(sizeof(Event) == 32);

class EventQueue {
 public:
  // Schedules an event at `t`; its sequence number is the next one.
  void push(double t, EventKind kind, uint32_t node, uint64_t data);
  bool empty() const { return size() == 0; }
  size_t size() const { return heap_.size() + in_lanes_; }
  const Event& top() const {
    const int lane = first_lane();
    return lane < 0 ? heap_.front() : lanes_[static_cast<size_t>(lane)].front();
  }
  Event pop();

  // An event still in the heap will be skipped when it comes up (its owner knows it is dead).
  void count_dead() { ++dead_; }
  // A dead event left the heap by coming up.
  void uncount_dead() {
    if (dead_ > 0) --dead_;
  }
  size_t dead() const { return dead_; }
  // Whether dead events are worth dropping now: more than half the heap, and enough to pay for a pass.
  bool should_compact() const { return dead_ > 4096 && dead_ * 2 > size(); }
  // Keeps only the events `alive` accepts and rebuilds the heap. `alive` may release what a dead event holds.
  template <class Alive>
  void compact(Alive&& alive) {
    size_t kept = 0;
    for (size_t i = 0; i < heap_.size(); ++i)
      if (alive(heap_[i])) heap_[kept++] = heap_[i];
    heap_.resize(kept);
    for (size_t i = heap_.size(); i-- > 0;) sift_down(i);
    for (auto& lane : lanes_) in_lanes_ -= std::erase_if(lane, [&](const Event& e) { return !alive(e); });
    dead_ = 0;
  }
  // Every event but the timers in lanes, in heap order (for a scan of frames that marks some Void in place;
  // their order does not change).
  std::vector<Event>& events() { return heap_; }

 private:
  using Key = unsigned __int128;
  static Key key(const Event& e) { return (static_cast<Key>(std::bit_cast<uint64_t>(e.t)) << 64) | e.seq; }
  static bool before(const Event& a, const Event& b) { return key(a) < key(b); }
  // The index of the first of the children [first, last) in order.
  size_t least_child(size_t first, size_t last) const;
  void sift_up(size_t i);
  void sift_down(size_t i);

  // The lane whose front is the next event, -1 when it is the heap's top.
  int first_lane() const;

  std::vector<Event> heap_;
  std::array<std::deque<Event>, 4> lanes_;  // timers, each lane sorted by (time, sequence)
  size_t in_lanes_ = 0;                     // events in all lanes
  uint64_t next_seq_ = 0;
  size_t dead_ = 0;
};

}  // namespace buslab::queueing
