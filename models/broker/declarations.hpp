#pragma once
// What a process asks a broker to declare: exchanges, queues with their options and bindings, and consumers.
// A process sends them again on every (re)connection, as kombu re-declares its entities (docs/semantics.md 2.11),
// so that a restarted broker, or the next one in a failover list, gets the topology back.
#include <string>
#include <vector>

#include "models/broker/exchange.hpp"
#include "models/broker/headers.hpp"
#include "models/broker/queue.hpp"

namespace buslab::broker {

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
