#include "sim/conservation.hpp"

#include <fmt/format.h>

namespace buslab {

std::vector<std::string> check_conservation(const World& world, const Deployment& deployment) {
  std::vector<std::string> problems;
  const LedgerTotals totals = world.ledger.totals();
  if (!totals.balanced())
    problems.push_back(fmt::format(
        "{} messages created but {} accounted for", totals.created,
        totals.consumed + totals.dropped_total() + totals.expired + totals.lost_total() + totals.remaining_total()));

  uint64_t ready = 0, unacked = 0;
  for (const BrokerNode* broker : deployment.brokers())
    for (broker::QueueId q = 0; q < broker->queue_count(); ++q) {
      ready += broker->queue(q).ready();
      unacked += broker->queue(q).unacked();
    }
  auto remaining = [&](Place p) { return totals.remaining[static_cast<size_t>(p)]; };
  if (remaining(Place::QueueReady) != ready)
    problems.push_back(fmt::format("the ledger has {} messages ready in queues, the brokers hold {}",
                                   remaining(Place::QueueReady), ready));
  if (remaining(Place::QueueUnacked) > unacked)
    problems.push_back(fmt::format("the ledger has {} messages delivered and unacknowledged, the brokers hold {}",
                                   remaining(Place::QueueUnacked), unacked));

  uint64_t held = 0;
  for (const ServerNode* server : deployment.servers())
    held += static_cast<uint64_t>(server->executor().busy()) + server->executor().backlog();
  if (remaining(Place::ServerBacklog) + remaining(Place::InService) != held)
    problems.push_back(fmt::format("the ledger has {} requests in servers, the servers hold {}",
                                   remaining(Place::ServerBacklog) + remaining(Place::InService), held));

  uint64_t at_clients = 0;
  for (const ClientNode* client : deployment.clients()) at_clients += client->messages_in_hand();
  if (remaining(Place::Sender) + remaining(Place::Receiver) != at_clients)
    problems.push_back(fmt::format("the ledger has {} messages being encoded or decoded, the clients hold {}",
                                   remaining(Place::Sender) + remaining(Place::Receiver), at_clients));

  if (static_cast<int64_t>(remaining(Place::InTransit)) > world.quiescence.in_transit())
    problems.push_back(fmt::format("the ledger has {} messages on the wire, but only {} frames are in flight",
                                   remaining(Place::InTransit), world.quiescence.in_transit()));
  return problems;
}

}  // namespace buslab
