#pragma once
// The other side of the ledger's books: at the end of a run, what the processes and the network actually hold,
// counted from their own containers (queues, deliveries awaiting an acknowledgement, CPU jobs, backlogs, buffers,
// frames on the wire), never from the ledger. compare_books() then checks, with exact equalities,
//   - messages created (counted as each was) == messages that met a fate (counted as each did) + the census, and
//   - place by place, what the ledger says is there == what is there.
// A message a model forgets without a fate, one held twice, or one held after its fate breaks one of them.
#include <cstdint>
#include <string>
#include <vector>

#include "models/accounting/ledger.hpp"

namespace buslab {

struct Census {
  uint64_t queued = 0;       // ready in broker queues (Place::QueueReady)
  uint64_t unacked = 0;      // delivered, awaiting an acknowledgement, held by no consumer (Place::QueueUnacked)
  uint64_t unrouted = 0;     // publishes a broker received and has not routed (Place::Broker)
  uint64_t in_servers = 0;   // in server and consumer executors (Place::ServerBacklog + Place::InService)
  uint64_t at_senders = 0;   // encoded, waiting for a connection, decoded (Place::Sender + Outbox + Receiver)
  uint64_t on_the_wire = 0;  // frames in flight that carry a message of their own (Place::InTransit)

  uint64_t total() const { return queued + unacked + unrouted + in_servers + at_senders + on_the_wire; }
};

// The deliveries the brokers keep a copy of until acknowledged (every message id in their queues' unacknowledged
// lists, and deliveries without acknowledgement not yet sent), and the ids every other process holds: the
// deliveries that count as the broker's are those still live that no process holds (a consumer that has one
// holds it; one whose fate came before its ack reached the broker is no one's).
uint64_t unacked_held_by_brokers(const Ledger& ledger, std::vector<MsgId> broker_deliveries,
                                 std::vector<MsgId> held_by_processes);

// The disagreements between the ledger and the census, each a sentence; empty when every message is accounted for.
std::vector<std::string> compare_books(const Ledger& ledger, const Census& census);

}  // namespace buslab
