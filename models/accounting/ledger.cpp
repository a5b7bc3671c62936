#include "models/accounting/ledger.hpp"

#include <fmt/format.h>

namespace buslab {

const char* to_string(Fate fate) {
  switch (fate) {
    case Fate::Live:
      return "live";
    case Fate::Consumed:
      return "consumed";
    case Fate::Dropped:
      return "dropped";
    case Fate::Expired:
      return "expired";
    case Fate::Lost:
      return "lost";
  }
  return "?";
}

const char* to_string(DropReason reason) {
  switch (reason) {
    case DropReason::Unroutable:
      return "unroutable";
    case DropReason::Refused:
      return "refused";
    case DropReason::LateReply:
      return "late_reply";
    case DropReason::Rejected:
      return "rejected";
    case DropReason::MaxLength:
      return "max_length";
    case DropReason::QueueDeleted:
      return "queue_deleted";
    case DropReason::Unsupported:
      return "unsupported";
    case DropReason::Returned:
      return "returned";
    case DropReason::NoExchange:
      return "no_exchange";
    case DropReason::Failed:
      return "failed";
    case DropReason::kCount:
      break;
  }
  return "?";
}

const char* to_string(LossCause cause) {
  switch (cause) {
    case LossCause::ProcessCrash:
      return "process_crash";
    case LossCause::Network:
      return "network";
    case LossCause::BrokerCrash:
      return "broker_crash";
    case LossCause::kCount:
      break;
  }
  return "?";
}

const char* to_string(Place place) {
  switch (place) {
    case Place::Sender:
      return "at_sender";
    case Place::Outbox:
      return "outbox";
    case Place::InTransit:
      return "in_transit";
    case Place::Broker:
      return "at_broker";
    case Place::QueueReady:
      return "queued";
    case Place::QueueUnacked:
      return "unacked";
    case Place::ServerBacklog:
      return "server_backlog";
    case Place::InService:
      return "in_service";
    case Place::Receiver:
      return "at_receiver";
    case Place::kCount:
      break;
  }
  return "?";
}

uint64_t LedgerTotals::dropped_total() const {
  uint64_t sum = 0;
  for (auto n : dropped) sum += n;
  return sum;
}

uint64_t LedgerTotals::lost_total() const {
  uint64_t sum = 0;
  for (auto n : lost) sum += n;
  return sum;
}

uint64_t LedgerTotals::remaining_total() const {
  uint64_t sum = 0;
  for (auto n : remaining) sum += n;
  return sum;
}

MsgId Ledger::create() {
  entries_.push_back(Entry{Fate::Live, static_cast<uint8_t>(Place::Sender), false});
  ++created_;
  return entries_.size();
}

const Ledger::Entry& Ledger::entry(MsgId id) const {
  if (id == 0 || id > entries_.size()) throw LedgerViolation(fmt::format("ledger: unknown message {}", id));
  return entries_[id - 1];
}

Ledger::Entry& Ledger::live_entry(MsgId id, const char* action) {
  if (id == 0 || id > entries_.size())
    throw LedgerViolation(fmt::format("ledger: {} of unknown message {}", action, id));
  Entry& e = entries_[id - 1];
  if (e.fate != Fate::Live)
    throw LedgerViolation(fmt::format("ledger: {} of message {}, which was already {}", action, id, to_string(e.fate)));
  return e;
}

void Ledger::end(MsgId id, const char* action, Fate fate, uint8_t detail) {
  Entry& e = live_entry(id, action);
  e.fate = fate;
  e.detail = detail;
  ++ended_;
}

void Ledger::place(MsgId id, Place place) {
  live_entry(id, "move").detail = static_cast<uint8_t>(place);
}

void Ledger::set_broker_copy(MsgId id, bool kept) {
  entry(id);  // known, or a violation
  entries_[id - 1].broker_copy = kept;
}

void Ledger::consume(MsgId id) {
  end(id, "consume", Fate::Consumed, 0);
}

void Ledger::drop(MsgId id, DropReason reason) {
  end(id, "drop", Fate::Dropped, static_cast<uint8_t>(reason));
}

void Ledger::expire(MsgId id) {
  end(id, "expiry", Fate::Expired, 0);
}

void Ledger::lose(MsgId id, LossCause cause) {
  end(id, "loss", Fate::Lost, static_cast<uint8_t>(cause));
  ++lost_count_;
}

Fate Ledger::fate(MsgId id) const {
  return entry(id).fate;
}

Place Ledger::place_of(MsgId id) const {
  const Entry& e = entry(id);
  if (e.fate != Fate::Live)
    throw LedgerViolation(fmt::format("ledger: place of message {}, which is {}", id, to_string(e.fate)));
  return static_cast<Place>(e.detail);
}

LedgerTotals Ledger::totals() const {
  LedgerTotals t;
  t.created = entries_.size();
  for (const Entry& e : entries_) {
    switch (e.fate) {
      case Fate::Live:
        ++t.remaining[e.detail];
        break;
      case Fate::Consumed:
        ++t.consumed;
        break;
      case Fate::Dropped:
        ++t.dropped[e.detail];
        break;
      case Fate::Expired:
        ++t.expired;
        break;
      case Fate::Lost:
        ++t.lost[e.detail];
        break;
    }
  }
  return t;
}

}  // namespace buslab
