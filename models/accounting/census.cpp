#include "models/accounting/census.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace buslab {

uint64_t unacked_held_by_brokers(const Ledger& ledger, std::vector<MsgId> broker_deliveries,
                                 std::vector<MsgId> held_by_processes) {
  std::sort(held_by_processes.begin(), held_by_processes.end());
  std::sort(broker_deliveries.begin(), broker_deliveries.end());
  broker_deliveries.erase(std::unique(broker_deliveries.begin(), broker_deliveries.end()), broker_deliveries.end());
  uint64_t count = 0;
  for (MsgId id : broker_deliveries)
    if (ledger.is_live(id) && !std::binary_search(held_by_processes.begin(), held_by_processes.end(), id)) ++count;
  return count;
}

std::vector<std::string> compare_books(const Ledger& ledger, const Census& census) {
  std::vector<std::string> problems;
  const uint64_t live = ledger.created() - ledger.ended();
  if (live != census.total())
    problems.push_back(
        fmt::format("{} messages were created, {} met their fate and the processes and the network hold {}: {} {}",
                    ledger.created(), ledger.ended(), census.total(),
                    live > census.total() ? live - census.total() : census.total() - live,
                    live > census.total() ? "unaccounted for" : "held more than once or after their fate"));
  const LedgerTotals t = ledger.totals();
  const auto compare = [&](uint64_t in_ledger, uint64_t held, const char* what) {
    if (in_ledger != held)
      problems.push_back(fmt::format("the ledger has {} messages {}, {} are", in_ledger, what, held));
  };
  compare(t.remaining_at(Place::QueueReady), census.queued, "ready in queues");
  compare(t.remaining_at(Place::QueueUnacked), census.unacked, "delivered and unacknowledged, kept by brokers");
  compare(t.remaining_at(Place::Broker), census.unrouted, "received by brokers and not routed");
  compare(t.remaining_at(Place::ServerBacklog) + t.remaining_at(Place::InService), census.in_servers,
          "in servers and consumers");
  compare(t.remaining_at(Place::Sender) + t.remaining_at(Place::Outbox) + t.remaining_at(Place::Receiver),
          census.at_senders, "held by their senders or receivers");
  compare(t.remaining_at(Place::InTransit), census.on_the_wire, "on the wire");
  return problems;
}

}  // namespace buslab
