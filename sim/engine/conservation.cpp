#include "sim/engine/conservation.hpp"

#include <fmt/format.h>

namespace buslab {

std::vector<std::string> check_conservation(const World& world, const Deployment& deployment) {
  std::vector<std::string> problems;
  const LedgerTotals totals = world.ledger.totals();
  if (!totals.balanced())
    problems.push_back(fmt::format(
        "{} messages created but {} accounted for", totals.created,
        totals.consumed + totals.dropped_total() + totals.expired + totals.lost_total() + totals.remaining_total()));

  uint64_t ready = 0, unacked = 0, unrouted = 0;
  for (const BrokerNode* broker : deployment.brokers()) {
    ready += broker->ready_messages();
    unacked += broker->unacked_messages();
    unrouted += broker->unrouted_messages();
  }
  auto remaining = [&](Place p) { return totals.remaining[static_cast<size_t>(p)]; };
  if (remaining(Place::QueueReady) != ready)
    problems.push_back(fmt::format("the ledger has {} messages ready in queues, the brokers hold {}",
                                   remaining(Place::QueueReady), ready));
  if (remaining(Place::QueueUnacked) > unacked)
    problems.push_back(fmt::format("the ledger has {} messages delivered and unacknowledged, the brokers hold {}",
                                   remaining(Place::QueueUnacked), unacked));

  if (remaining(Place::Broker) != unrouted)
    problems.push_back(fmt::format("the ledger has {} messages received by brokers and not routed, the brokers hold {}",
                                   remaining(Place::Broker), unrouted));

  uint64_t held = 0;
  for (const ServerNode* server : deployment.servers())
    held += static_cast<uint64_t>(server->executor().busy()) + server->executor().backlog();
  for (const ConsumerNode* consumer : deployment.consumers())
    held += static_cast<uint64_t>(consumer->executor().busy()) + consumer->executor().backlog();
  if (remaining(Place::ServerBacklog) + remaining(Place::InService) != held)
    problems.push_back(fmt::format("the ledger has {} messages in servers and consumers, they hold {}",
                                   remaining(Place::ServerBacklog) + remaining(Place::InService), held));

  uint64_t at_senders = 0;
  for (const ClientNode* client : deployment.clients()) at_senders += client->messages_in_hand();
  for (const ServerNode* server : deployment.servers()) at_senders += server->messages_in_hand();
  for (const PublisherNode* publisher : deployment.publishers()) at_senders += publisher->messages_in_hand();
  const uint64_t ledger_senders = remaining(Place::Sender) + remaining(Place::Receiver) + remaining(Place::Outbox);
  if (ledger_senders != at_senders)
    problems.push_back(fmt::format("the ledger has {} messages held by their senders or receivers, they hold {}",
                                   ledger_senders, at_senders));

  // Every call a client issued ended one way (its outcome, counted when it ended) or is still in hand (counted
  // from the callers' tables at the end).
  for (const auto& [group, methods] : world.metrics.clients())
    for (const auto& [method, s] : methods)
      if (s.sent != s.completed + s.timed_out + s.failed + s.pending)
        problems.push_back(fmt::format(
            "client {} issued {} {} requests, but {} completed, {} timed out, {} failed and {} are still pending",
            group, s.sent, method, s.completed, s.timed_out, s.failed, s.pending));

  if (static_cast<int64_t>(remaining(Place::InTransit)) > world.quiescence.in_transit())
    problems.push_back(fmt::format("the ledger has {} messages on the wire, but only {} frames are in flight",
                                   remaining(Place::InTransit), world.quiescence.in_transit()));
  return problems;
}

}  // namespace buslab
