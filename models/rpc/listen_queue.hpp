#pragma once
// The kernel side of a direct server's listening socket, as Linux keeps it (docs/semantics.md 4.1). Its accept
// queue holds `slots` connections (the listen backlog + 1) that completed their handshake and wait for the process
// to accept them:
// - a SYN is answered unless the accept queue is full when it arrives; handshakes still in progress do not count,
//   so SYNs that arrive together are all answered and their clients count themselves connected;
// - a handshake that completes (the client's ACK, then its request) into a full queue is dropped
//   (tcp_abort_on_overflow = 0): the connection stays half-open, and each retransmission of the request by the
//   client (TCP_RTO_MIN, 200 ms, doubling) or of the SYN-ACK by the server (1 s, doubling) lets it try again, until
//   the server gives the SYN-ACK up after 5 retransmissions (tcp_synack_retries) and resets the connection.
// This class keeps the half-open connections and their schedule; the server decides what "full" means (how many
// connections wait for it) and accepts.
#include <cstdint>
#include <map>
#include <vector>

#include "models/core/message.hpp"

namespace buslab {

class ListenQueue {
 public:
  explicit ListenQueue(int slots) : slots_(slots) {}

  // False when no limit is modelled (slots 0): every SYN is answered, every handshake completes.
  bool limited() const { return slots_ > 0; }
  // Whether a SYN, or a completing handshake, finds room with `waiting` connections in the accept queue.
  bool has_room(size_t waiting) const { return !limited() || waiting < static_cast<size_t>(slots_); }

  // A request whose handshake found the queue full, kept half-open from `now`; returns its key.
  uint64_t hold(MessagePtr request, double now);
  // When the next retransmission of held connection `key` reaches the kernel (and that retransmission is spent),
  // or a negative number when the server has given the connection up (it resets it).
  double next_try(uint64_t key);
  bool holds(uint64_t key) const { return half_open_.count(key) > 0; }
  MessagePtr release(uint64_t key);
  // The held requests, in the order they were held; the queue is then empty (the process died).
  std::vector<MessagePtr> take_all();
  size_t size() const { return half_open_.size(); }
  void held_messages(std::vector<MsgId>& ids) const;

 private:
  struct HalfOpen {
    MessagePtr request;
    double client_at = 0.0, client_wait = 0.0;  // the client's next retransmission of its request, and the wait after
    double synack_at = 0.0, synack_wait = 0.0;  // the server's next SYN-ACK retransmission, and the wait after
    int synacks_left = 0;
  };
  int slots_ = 0;
  uint64_t next_key_ = 1;
  std::map<uint64_t, HalfOpen> half_open_;
};

}  // namespace buslab
