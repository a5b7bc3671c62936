#pragma once
// The AMQP declarations a process sends a broker (exchange.declare, queue.declare with its arguments, queue.bind,
// basic.consume) and the option sets they carry: protocol vocabulary, like the frames that carry them
// (envelope.hpp). The broker's exchanges and queues (models/broker) implement them. A process sends them again on
// every (re)connection, as kombu re-declares its entities (docs/semantics.md 2.11), so that a restarted broker, or the
// next one in a failover list, gets the topology back.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/core/ids.hpp"

namespace buslab::broker {

// Message headers and binding arguments: an AMQP field table reduced to string keys and string values
// (values are compared as strings; typed AMQP values are not modelled). Keys are expected to be unique; when a
// key repeats, the first occurrence counts.
using Headers = std::vector<std::pair<std::string, std::string>>;

enum class ExchangeType { Direct, Topic, Fanout, Headers };

// "direct", "topic", "fanout", "headers": the AMQP type names.
const char* to_string(ExchangeType type);
// The type called `name` (AMQP type name), if any.
std::optional<ExchangeType> parse_exchange_type(std::string_view name);

struct ExchangeOptions {
  bool durable = false;            // kept for the broker layer; routing does not depend on it
  bool auto_delete = false;        // deleted when its last binding (as source) goes, if it ever had one
  std::string alternate_exchange;  // the `alternate-exchange` argument; empty = none

  friend bool operator==(const ExchangeOptions& a, const ExchangeOptions& b) {
    return a.durable == b.durable && a.auto_delete == b.auto_delete && a.alternate_exchange == b.alternate_exchange;
  }
  friend bool operator!=(const ExchangeOptions& a, const ExchangeOptions& b) { return !(a == b); }
};

// What a full queue does with one more message (x-overflow).
enum class Overflow { DropHead, RejectPublish, RejectPublishDlx };

struct QueueOptions {
  bool durable = false;
  bool exclusive = false;                    // deleted when its owner's connection closes
  bool auto_delete = false;                  // deleted when its last consumer goes (if it ever had one)
  double message_ttl = kNever;               // x-message-ttl, seconds
  double expires = kNever;                   // x-expires: deleted after this long unused, seconds
  std::optional<uint64_t> max_length;        // ready messages
  std::optional<uint64_t> max_length_bytes;  // ready message bytes
  Overflow overflow = Overflow::DropHead;
  std::optional<std::string> dead_letter_exchange;
  std::optional<std::string> dead_letter_routing_key;
  bool single_active_consumer = false;
};

struct ExchangeDecl {
  std::string name;
  ExchangeType type = ExchangeType::Direct;
  ExchangeOptions options;
};

struct BindingDecl {
  std::string exchange;
  std::string key;
  Headers arguments;  // headers exchanges: the match arguments (x-match and the headers)
};

struct QueueDecl {
  std::string name;
  QueueOptions options;
  std::vector<BindingDecl> bindings;
};

// basic.consume on a queue, declared (with its bindings) first.
struct ConsumeSpec {
  QueueDecl queue;
  int prefetch = 0;
  bool auto_ack = false;
  int priority = 0;
};

}  // namespace buslab::broker
