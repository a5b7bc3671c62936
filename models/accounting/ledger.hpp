#pragma once
// Message conservation: every message created in a run ends in exactly one fate (consumed, dropped with a
// reason, expired, lost), or is still somewhere at the end (queued, in flight, in a server). A second fate for
// the same message, or a fate for an unknown one, is a bug in a model and throws at once.
//
// The ledger keeps two books: each message's fate or place (for the breakdown), and tallies counted as events
// happen (messages created, fates). At the end of a run the tallies are checked against a census of what the
// processes and the network actually hold, counted from their own containers (models/accounting/census.hpp).
#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/core/ids.hpp"

namespace buslab {

enum class Fate : uint8_t { Live, Consumed, Dropped, Expired, Lost };

enum class DropReason : uint8_t {
  Unroutable,    // no queue matched and the publish was not mandatory
  Refused,       // direct: no process listened on the server's port
  LateReply,     // a reply that came after its call had ended (timeout)
  Rejected,      // rejected by a consumer without requeue, or refused by a full queue
  MaxLength,     // pushed out of a full queue (drop-head)
  QueueDeleted,  // its queue was deleted
  Unsupported,   // the server could not dispatch it and it was a cast (no reply to carry the error)
  Returned,      // unroutable and mandatory: returned to its publisher, which dropped it
  NoExchange,    // published to an exchange that does not exist (a channel error in AMQP)
  Failed,        // its sender gave it up (no broker connection, retry exhausted)
  kCount
};

enum class LossCause : uint8_t {
  ProcessCrash,  // held by a process that died (in its backlog, in service, or arriving after)
  Network,       // its transfer failed (link or host down)
  BrokerCrash,   // a transient message in a broker that went down
  kCount
};

// Where a live message is, for the end-of-run breakdown.
enum class Place : uint8_t {
  Sender,         // being encoded by its sender
  Outbox,         // held by its sender while its broker connection is down
  InTransit,      // on the wire
  Broker,         // received by a broker, not yet routed (waiting for its CPU, or blocked by flow control)
  QueueReady,     // in a broker queue, waiting for a consumer
  QueueUnacked,   // delivered, not yet acknowledged
  ServerBacklog,  // received by a server, waiting for a worker
  InService,      // being run by a worker
  Receiver,       // a reply being decoded by its caller
  kCount
};

const char* to_string(Fate fate);
const char* to_string(DropReason reason);
const char* to_string(LossCause cause);
const char* to_string(Place place);

class LedgerViolation : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

struct LedgerTotals {
  uint64_t created = 0;
  uint64_t consumed = 0;
  uint64_t expired = 0;
  std::array<uint64_t, static_cast<size_t>(DropReason::kCount)> dropped{};
  std::array<uint64_t, static_cast<size_t>(LossCause::kCount)> lost{};
  std::array<uint64_t, static_cast<size_t>(Place::kCount)> remaining{};

  uint64_t dropped_total() const;
  uint64_t lost_total() const;
  uint64_t remaining_total() const;
  uint64_t remaining_at(Place place) const { return remaining[static_cast<size_t>(place)]; }
};

class Ledger {
 public:
  // A new live message, at its sender.
  MsgId create();
  void place(MsgId id, Place place);
  void consume(MsgId id);
  void drop(MsgId id, DropReason reason);
  void expire(MsgId id);
  void lose(MsgId id, LossCause cause);

  // A broker keeps its own copy of a delivered message until it is acknowledged (a consumer's connection closing
  // gives it back to the queue). The broker says when it has one and when it lets it go; a consumer that dies
  // with the message hands it back to the broker only if the broker still has it.
  void set_broker_copy(MsgId id, bool kept);
  bool broker_copy(MsgId id) const { return entry(id).broker_copy; }

  Fate fate(MsgId id) const;
  Place place_of(MsgId id) const;
  bool is_live(MsgId id) const { return fate(id) == Fate::Live; }
  // Messages created, counted as they are.
  uint64_t created() const { return created_; }
  // Messages that met their fate, counted as each did: what the census of the live ones is checked against.
  uint64_t ended() const { return ended_; }
  // Messages lost so far (any cause), kept as they happen: the trace records how many a crash took.
  uint64_t lost_count() const { return lost_count_; }
  // Every message's fate or place, summed over the entries.
  LedgerTotals totals() const;

 private:
  struct Entry {
    Fate fate = Fate::Live;
    uint8_t detail = 0;  // Place while live, DropReason or LossCause after
    bool broker_copy = false;
  };
  Entry& live_entry(MsgId id, const char* action);
  const Entry& entry(MsgId id) const;
  // The fate of `id`, counted.
  void end(MsgId id, const char* action, Fate fate, uint8_t detail);
  std::vector<Entry> entries_;  // index = id - 1
  uint64_t created_ = 0;
  uint64_t ended_ = 0;
  uint64_t lost_count_ = 0;
};

}  // namespace buslab
