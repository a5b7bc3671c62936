#pragma once
// One exchange: its type, its declaration flags and its binding table, indexed for routing.
//
// Index per type, so that routing costs O(matches) for the bindings oslo.messaging creates in bulk:
//   - direct, and topic bindings without wildcards: a hash table from binding key to bindings (one lookup);
//   - topic bindings with `*`/`#`: scanned, grouped by binding key (RabbitMQ uses a trie; oslo topologies
//     have only a handful of wildcard bindings, if any);
//   - fanout: every binding matches;
//   - headers: scanned (the routing key plays no part, so there is nothing to index).
// Exchange-to-exchange and alternate-exchange routing are the Router's job; an Exchange only reports which of
// its own bindings match.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "models/broker/headers.hpp"
#include "models/broker/headers_binding.hpp"
#include "models/broker/status.hpp"
#include "models/broker/topic_pattern.hpp"
#include "models/core/amqp_declarations.hpp"

namespace buslab::broker {

using QueueId = std::uint32_t;     // assigned by the Router, never reused
using ExchangeId = std::uint32_t;  // assigned by the Router, never reused

// Where a binding leads: a queue, or another exchange (RabbitMQ's exchange-to-exchange extension).
struct Destination {
  enum class Kind : std::uint8_t { Queue, Exchange };
  Kind kind;
  std::uint32_t id;  // a QueueId or an ExchangeId, according to kind

  static Destination queue(QueueId id) { return {Kind::Queue, id}; }
  static Destination exchange(ExchangeId id) { return {Kind::Exchange, id}; }
  friend bool operator==(const Destination& a, const Destination& b) { return a.kind == b.kind && a.id == b.id; }
  friend bool operator<(const Destination& a, const Destination& b) {
    return std::tie(a.kind, a.id) < std::tie(b.kind, b.id);
  }
};

// A binding as RabbitMQ identifies it: destination, binding key and arguments (as a table: canonical order).
struct Binding {
  Destination destination;
  std::string key;
  Headers args;

  friend bool operator<(const Binding& a, const Binding& b) {
    return std::tie(a.destination, a.key, a.args) < std::tie(b.destination, b.key, b.args);
  }
};

class Exchange {
 public:
  Exchange(std::string name, ExchangeType type, ExchangeOptions options);
  Exchange(const Exchange&) = delete;  // the routing index points into bindings_
  Exchange& operator=(const Exchange&) = delete;

  const std::string& name() const { return name_; }
  ExchangeType type() const { return type_; }
  const ExchangeOptions& options() const { return options_; }
  // Every binding whose source is this exchange, in a deterministic order.
  const std::set<Binding>& bindings() const { return bindings_; }

  // Adds a binding. Value: true if added, false if an identical binding already existed (AMQP bind is
  // idempotent). PRECONDITION_FAILED if `args` are invalid for this type (headers: bad x-match).
  StatusOr<bool> add_binding(Destination destination, const std::string& key, const Headers& args);
  // Removes a binding; false if there was no such binding.
  bool remove_binding(Destination destination, const std::string& key, const Headers& args);

  // Appends the destination of every binding matching the message to `queues` or `exchanges` (a destination
  // bound several times may be appended several times) and returns the number of matching bindings.
  std::size_t match(const std::string& routing_key, const Headers& headers, std::vector<QueueId>& queues,
                    std::vector<ExchangeId>& exchanges) const;

 private:
  struct WildcardGroup {
    TopicPattern pattern;
    std::vector<const Binding*> bindings;
  };
  struct HeadersEntry {
    HeadersBinding matcher;
    const Binding* binding;
  };

  void index(const Binding* binding);
  void unindex(const Binding* binding);

  std::string name_;
  ExchangeType type_;
  ExchangeOptions options_;
  std::set<Binding> bindings_;  // owns the bindings; node addresses are stable, so the index can point here
  std::unordered_map<std::string, std::vector<const Binding*>> by_key_;  // direct + literal topic; lookup only
  std::map<std::string, WildcardGroup> wildcards_;                       // topic with `*`/`#`, by binding key
  std::vector<const Binding*> fanout_;
  std::vector<HeadersEntry> headers_;
};

}  // namespace buslab::broker
