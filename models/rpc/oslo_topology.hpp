#pragma once
// oslo.messaging's rabbit driver, as far as the broker sees it: the exchanges and queues its RPC servers and
// callers declare (docs/semantics.md 2.2, 2.5) and how it addresses requests and replies (2.3). Deployment,
// callers, servers and the report all take names and declarations from here.
#include <memory>
#include <string>
#include <vector>

#include "models/core/amqp_declarations.hpp"
#include "models/rpc/target.hpp"

namespace buslab::oslo {

// rabbit_transient_queues_ttl: fanout and reply queues expire after 30 minutes without consumers (2.2, 2.5).
inline constexpr double kTransientQueueTtl = 1800.0;

// A service's topic exchange `exchange` (the control exchange unless its Target names one): topic type,
// neither durable nor auto-delete (amqp_durable_queues = amqp_auto_delete = False, 2.2).
broker::ExchangeDecl topic_exchange(const std::string& exchange);
// The topic's fanout exchange `<topic>_fanout`: fanout, auto-delete (2.2).
broker::ExchangeDecl fanout_exchange(const std::string& topic);
std::string fanout_exchange_name(const std::string& topic);

// The queue shared by every server of `topic` is called `topic`; the one for server `server` only,
// `topic.server` (2.2).
std::string server_queue_name(const std::string& topic, const std::string& server);
// The fanout queue server `server` declares at its `start`-th start (0 first): `<topic>_fanout_<uuid4 hex>`, a
// new name at each start. A stable hash of the server and the start stands for the uuid, so runs repeat.
std::string fanout_queue_name(const std::string& topic, const std::string& server, int start);
// The reply queue of process `process`: `reply_<uuid4 hex>` in oslo (2.5); here `reply_<process>`, readable.
std::string reply_queue_name(const std::string& process);
// Whether `queue` (a queue name, or `<broker>/<queue>` as metrics.json names them) is a reply queue.
bool is_reply_queue(const std::string& queue);

// What an RPC server of `topic` on `exchange` declares and consumes at its `start`-th start (2.2): the topic
// queue, its own topic.server queue (both bound to the exchange under their names), and a new fanout queue bound
// to the topic's fanout exchange; with `reply_queue` (a server whose methods call others), its reply queue too.
struct ServerQueues {
  std::string exchange;
  std::string topic;
  std::string server;
  int prefetch = 0;         // basic.qos of each consumer (rabbit_qos_prefetch_count)
  std::string reply_queue;  // "" when it makes no calls
};
std::vector<std::shared_ptr<const broker::ConsumeSpec>> server_consumes(const ServerQueues& queues, int start);
// A caller's reply queue, consumed by its reply waiter: on the default exchange, x-expires 1800 s (2.5).
std::shared_ptr<const broker::ConsumeSpec> reply_consume(const std::string& reply_queue);

// Where a publish goes: exchange and routing key.
struct Address {
  std::string exchange;
  std::string routing_key;
};
// A request to `target` (2.3): a fanout cast to `<topic>_fanout`; else the target's exchange (or
// `control_exchange`) under the topic, or `topic.server` when aimed at `server` (the target's, with "@selected"
// already replaced).
Address request_address(const RpcTarget& target, const std::string& server, const std::string& control_exchange);
// A reply (2.3, 2.5): the default exchange, under the caller's reply queue name (published mandatory).
Address reply_address(const std::string& reply_queue);

}  // namespace buslab::oslo
