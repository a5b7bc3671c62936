#pragma once
// The broker's routing layer: the set of exchanges and queues of one virtual host, the bindings between them,
// and publish-time routing (exchange types, the default exchange, exchange-to-exchange bindings, alternate
// exchanges). Pure domain logic: no time, no message storage.
//
// Routing result: the SET of destination queues, each at most once however many bindings match (RabbitMQ
// tutorial five: "lazy.pink.rabbit" matches both "*.*.rabbit" and "lazy.#" of one queue and is delivered
// once), in ascending QueueId order. Ids are handed out in declaration order and never reused, so this is the
// order in which the queues were first declared; it depends on nothing else, hence is the same on every run.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "models/broker/exchange.hpp"
#include "models/broker/headers.hpp"
#include "models/broker/status.hpp"

namespace buslab::broker {

enum class [[nodiscard]] RouteOutcome{
    Routed,          // at least one queue
    Unroutable,      // the exchange exists but no queue matched (dropped, or basic.return if mandatory)
    NoSuchExchange,  // publishing to a missing exchange: channel error 404 NOT_FOUND in AMQP, not a drop
};
const char* to_string(RouteOutcome outcome);

struct ExchangeInfo {
  ExchangeType type;
  ExchangeOptions options;
  std::size_t binding_count;  // bindings whose source is this exchange
};

class Router {
 public:
  // Pre-declares the AMQP 0-9-1 standard exchanges amq.direct, amq.fanout, amq.topic, amq.headers and
  // amq.match (durable), as RabbitMQ does in every virtual host (https://www.rabbitmq.com/docs/exchanges).
  Router();

  // Declares an exchange; redeclaring with the same type and options is a no-op. ACCESS_REFUSED for "" and
  // for new names starting "amq."; PRECONDITION_FAILED if it exists with another type or other options.
  Status declare_exchange(const std::string& name, ExchangeType type, ExchangeOptions options = {});
  // Deletes an exchange and every binding from or to it. NOT_FOUND if absent; ACCESS_REFUSED for "" and amq.*.
  Status delete_exchange(const std::string& name);

  // Declares a queue and binds it implicitly to the default exchange under its name; redeclaring returns the
  // same id. An empty name makes the broker pick a unique one ("amq.gen-N", see queue_name()). ACCESS_REFUSED
  // for client-chosen names starting "amq.".
  StatusOr<QueueId> declare_queue(const std::string& name);
  // Deletes a queue and all its bindings (auto-delete exchanges left without bindings go too). NOT_FOUND if
  // the id is unknown or already deleted.
  Status delete_queue(QueueId queue);

  // Binds `queue` to `exchange`; idempotent. NOT_FOUND for a missing exchange or queue, ACCESS_REFUSED for
  // the default exchange, PRECONDITION_FAILED for invalid headers arguments.
  Status bind_queue(const std::string& exchange, QueueId queue, const std::string& key, const Headers& args = {});
  // Removes that binding; removing one that does not exist is a no-op, as in RabbitMQ. Same errors as bind.
  Status unbind_queue(const std::string& exchange, QueueId queue, const std::string& key, const Headers& args = {});
  // Binds exchange `destination` to exchange `source` (RabbitMQ extension); same rules as bind_queue.
  Status bind_exchange(const std::string& source, const std::string& destination, const std::string& key,
                       const Headers& args = {});
  // Removes an exchange-to-exchange binding; same rules as unbind_queue.
  Status unbind_exchange(const std::string& source, const std::string& destination, const std::string& key,
                         const Headers& args = {});

  // Routes one publish: fills `out` (cleared first) with the destination queues, ascending QueueId, no
  // duplicates. Does not allocate when `out` has enough capacity and no exchange-to-exchange binding or
  // alternate exchange is involved.
  RouteOutcome route(const std::string& exchange, const std::string& routing_key, const Headers& headers,
                     std::vector<QueueId>& out) const;

  // The id of the live queue called `name`, if any.
  std::optional<QueueId> find_queue(const std::string& name) const;
  // The name of a live queue, if the id is known and not deleted.
  std::optional<std::string> queue_name(QueueId queue) const;
  // Type, options and binding count of exchange `name`; nullopt for "" and missing exchanges.
  std::optional<ExchangeInfo> exchange_info(const std::string& name) const;

 private:
  // A binding seen from its destination, so that deleting the destination finds its bindings directly.
  struct InboundBinding {
    ExchangeId source;
    std::string key;
    Headers args;  // canonical_arguments() form
  };
  struct QueueRecord {
    std::string name;
    bool alive = true;
    std::vector<InboundBinding> inbound;
  };
  struct ExchangeRecord {
    std::unique_ptr<Exchange> exchange;  // null once deleted
    std::vector<InboundBinding> inbound;
  };

  // Resolves an exchange named in a bind/unbind: ACCESS_REFUSED for "", NOT_FOUND if missing.
  StatusOr<ExchangeId> bindable_exchange(const std::string& name) const;
  StatusOr<Destination> queue_destination(QueueId queue) const;
  Status bind(const std::string& source, StatusOr<Destination> destination, const std::string& key,
              const Headers& args);
  Status unbind(const std::string& source, StatusOr<Destination> destination, const std::string& key,
                const Headers& args);
  std::vector<InboundBinding>& inbound_of(Destination destination);
  const Exchange* live_exchange(const std::string& name) const;
  // Deletes `id` (bindings from and to it), then auto-deletes sources left without bindings.
  void erase_exchange(ExchangeId id);
  // Deletes `id` if it is auto-delete and has no binding left (RabbitMQ rabbit_binding maybe_auto_delete).
  void auto_delete_if_unbound(ExchangeId id);
  void add_exchange(const std::string& name, ExchangeType type, ExchangeOptions options);

  std::vector<ExchangeRecord> exchanges_;                     // indexed by ExchangeId
  std::unordered_map<std::string, ExchangeId> exchange_ids_;  // live exchanges; lookup only, never iterated
  std::vector<QueueRecord> queues_;                           // indexed by QueueId
  std::unordered_map<std::string, QueueId> queue_ids_;        // live queues; lookup only, never iterated
  std::size_t generated_names_ = 0;
};

}  // namespace buslab::broker
