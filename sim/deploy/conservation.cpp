#include "sim/deploy/conservation.hpp"

#include <fmt/format.h>

#include "models/accounting/census.hpp"

namespace buslab {

namespace {

// What the processes and the network hold at the end, from their own containers (models/accounting/census.hpp).
Census take_census(const World& world, const Deployment& deployment) {
  Census census;
  std::vector<MsgId> deliveries, held;
  for (const BrokerNode* broker : deployment.brokers()) {
    census.queued += broker->ready_messages();
    census.unrouted += broker->unrouted_messages();
    broker->delivery_copies(deliveries);
  }
  for (const ServerNode* server : deployment.servers()) {
    census.in_servers += server->requests_held();
    census.at_senders += server->messages_in_hand();
    server->held_messages(held);
  }
  for (const ConsumerNode* consumer : deployment.consumers()) {
    census.in_servers += consumer->executor().messages_held();
    consumer->held_messages(held);
  }
  for (const ClientNode* client : deployment.clients()) {
    census.at_senders += client->messages_in_hand();
    client->held_messages(held);
  }
  for (const PublisherNode* publisher : deployment.publishers()) {
    census.at_senders += publisher->messages_in_hand();
    publisher->held_messages(held);
  }
  census.unacked = unacked_held_by_brokers(world.ledger, std::move(deliveries), std::move(held));
  census.on_the_wire = static_cast<uint64_t>(world.quiescence.messages_in_transit());
  return census;
}

}  // namespace

std::vector<std::string> check_conservation(const World& world, const Deployment& deployment) {
  std::vector<std::string> problems = compare_books(world.ledger, take_census(world, deployment));
  // Every call a client issued ended one way (its outcome, counted when it ended) or is still in hand (counted
  // from the callers' tables at the end).
  for (const auto& [group, methods] : world.metrics.clients())
    for (const auto& [method, s] : methods)
      if (s.sent != s.completed + s.timed_out + s.failed + s.pending)
        problems.push_back(fmt::format(
            "client {} issued {} {} requests, but {} completed, {} timed out, {} failed and {} are still pending",
            group, s.sent, method, s.completed, s.timed_out, s.failed, s.pending));
  return problems;
}

}  // namespace buslab
