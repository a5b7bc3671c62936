#include "models/broker/router.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

namespace buslab::broker {
namespace {

// Names starting "amq." are reserved for the broker (AMQP 0-9-1 exchange.declare / queue.declare rules;
// RabbitMQ answers ACCESS_REFUSED).
bool reserved_name(std::string_view name) {
  return name.substr(0, 4) == "amq.";
}

Status default_exchange_refused() {
  return Status::error(StatusCode::AccessRefused, "operation not permitted on the default exchange");
}

}  // namespace

const char* to_string(RouteOutcome outcome) {
  switch (outcome) {
    case RouteOutcome::Routed:
      return "routed";
    case RouteOutcome::Unroutable:
      return "unroutable";
    case RouteOutcome::NoSuchExchange:
      return "no such exchange";
  }
  return "unknown";
}

Router::Router() {
  add_exchange("amq.direct", ExchangeType::Direct, {true, false, {}});
  add_exchange("amq.fanout", ExchangeType::Fanout, {true, false, {}});
  add_exchange("amq.topic", ExchangeType::Topic, {true, false, {}});
  add_exchange("amq.headers", ExchangeType::Headers, {true, false, {}});
  add_exchange("amq.match", ExchangeType::Headers, {true, false, {}});
}

void Router::add_exchange(const std::string& name, ExchangeType type, ExchangeOptions options) {
  const auto id = static_cast<ExchangeId>(exchanges_.size());
  exchanges_.push_back({std::make_unique<Exchange>(name, type, std::move(options)), {}});
  exchange_ids_.emplace(name, id);
}

Status Router::declare_exchange(const std::string& name, ExchangeType type, ExchangeOptions options) {
  if (name.empty()) return default_exchange_refused();
  if (const Exchange* existing = live_exchange(name)) {
    // RabbitMQ's rabbit_exchange:assert_equivalence compares type, durable, auto_delete and the
    // alternate-exchange argument; any difference closes the channel with PRECONDITION_FAILED.
    if (existing->type() != type) {
      return Status::error(StatusCode::PreconditionFailed,
                           "inequivalent arg 'type' for exchange '" + name + "': received '" + to_string(type) +
                               "' but current is '" + to_string(existing->type()) + "'");
    }
    if (existing->options() != options) {
      return Status::error(StatusCode::PreconditionFailed,
                           "inequivalent durable, auto_delete or alternate-exchange for exchange '" + name + "'");
    }
    return Status::success();
  }
  if (reserved_name(name)) {
    return Status::error(StatusCode::AccessRefused, "exchange name '" + name + "' contains reserved prefix 'amq.'");
  }
  add_exchange(name, type, std::move(options));
  return Status::success();
}

Status Router::delete_exchange(const std::string& name) {
  if (name.empty()) return default_exchange_refused();
  if (reserved_name(name)) {
    return Status::error(StatusCode::AccessRefused, "deletion of system exchange '" + name + "' not allowed");
  }
  auto it = exchange_ids_.find(name);
  if (it == exchange_ids_.end()) return Status::error(StatusCode::NotFound, "no exchange '" + name + "'");
  erase_exchange(it->second);
  return Status::success();
}

StatusOr<QueueId> Router::declare_queue(const std::string& name) {
  std::string chosen = name;
  if (chosen.empty()) {
    // Server-named queue (queue.declare with an empty name). RabbitMQ uses a random "amq.gen-" suffix; a
    // counter keeps runs reproducible. The prefix is reserved, so clients cannot collide with these names.
    do chosen = "amq.gen-" + std::to_string(++generated_names_);
    while (queue_ids_.count(chosen) != 0);
  } else if (reserved_name(chosen)) {
    if (auto it = queue_ids_.find(chosen); it != queue_ids_.end()) return it->second;  // redeclaring amq.gen-N
    return Status::error(StatusCode::AccessRefused, "queue name '" + chosen + "' contains reserved prefix 'amq.'");
  }
  if (auto it = queue_ids_.find(chosen); it != queue_ids_.end()) return it->second;
  const auto id = static_cast<QueueId>(queues_.size());
  queues_.push_back({chosen, true, {}});
  queue_ids_.emplace(std::move(chosen), id);
  return id;
}

Status Router::delete_queue(QueueId queue) {
  const StatusOr<Destination> destination = queue_destination(queue);
  if (!destination.ok()) return destination.status();
  QueueRecord& record = queues_[queue];
  std::vector<ExchangeId> sources;
  for (const InboundBinding& binding : record.inbound) {
    exchanges_[binding.source].exchange->remove_binding(destination.value(), binding.key, binding.args);
    sources.push_back(binding.source);
  }
  record.inbound.clear();
  record.alive = false;
  queue_ids_.erase(record.name);
  std::sort(sources.begin(), sources.end());
  sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
  for (ExchangeId source : sources) auto_delete_if_unbound(source);
  return Status::success();
}

Status Router::bind_queue(const std::string& exchange, QueueId queue, const std::string& key, const Headers& args) {
  return bind(exchange, queue_destination(queue), key, args);
}

Status Router::unbind_queue(const std::string& exchange, QueueId queue, const std::string& key, const Headers& args) {
  return unbind(exchange, queue_destination(queue), key, args);
}

Status Router::bind_exchange(const std::string& source, const std::string& destination, const std::string& key,
                             const Headers& args) {
  const StatusOr<ExchangeId> id = bindable_exchange(destination);
  if (!id.ok()) return id.status();
  return bind(source, Destination::exchange(id.value()), key, args);
}

Status Router::unbind_exchange(const std::string& source, const std::string& destination, const std::string& key,
                               const Headers& args) {
  const StatusOr<ExchangeId> id = bindable_exchange(destination);
  if (!id.ok()) return id.status();
  return unbind(source, Destination::exchange(id.value()), key, args);
}

Status Router::bind(const std::string& source, StatusOr<Destination> destination, const std::string& key,
                    const Headers& args) {
  const StatusOr<ExchangeId> source_id = bindable_exchange(source);
  if (!source_id.ok()) return source_id.status();
  if (!destination.ok()) return destination.status();
  const StatusOr<bool> added = exchanges_[source_id.value()].exchange->add_binding(destination.value(), key, args);
  if (!added.ok()) return added.status();
  if (added.value()) inbound_of(destination.value()).push_back({source_id.value(), key, canonical_arguments(args)});
  return Status::success();
}

Status Router::unbind(const std::string& source, StatusOr<Destination> destination, const std::string& key,
                      const Headers& args) {
  const StatusOr<ExchangeId> source_id = bindable_exchange(source);
  if (!source_id.ok()) return source_id.status();
  if (!destination.ok()) return destination.status();
  // Unbinding a binding that does not exist succeeds silently (RabbitMQ rabbit_db_binding:delete).
  if (!exchanges_[source_id.value()].exchange->remove_binding(destination.value(), key, args)) {
    return Status::success();
  }
  std::vector<InboundBinding>& inbound = inbound_of(destination.value());
  const Headers canonical = canonical_arguments(args);
  auto it = std::find_if(inbound.begin(), inbound.end(), [&](const InboundBinding& b) {
    return b.source == source_id.value() && b.key == key && b.args == canonical;
  });
  if (it != inbound.end()) inbound.erase(it);
  auto_delete_if_unbound(source_id.value());
  return Status::success();
}

StatusOr<ExchangeId> Router::bindable_exchange(const std::string& name) const {
  // The default exchange takes no explicit bindings, as source or destination (https://www.rabbitmq.com/docs/
  // exchanges#default-exchange; RabbitMQ's channel refuses with ACCESS_REFUSED).
  if (name.empty()) return default_exchange_refused();
  auto it = exchange_ids_.find(name);
  if (it == exchange_ids_.end()) return Status::error(StatusCode::NotFound, "no exchange '" + name + "'");
  return it->second;
}

StatusOr<Destination> Router::queue_destination(QueueId queue) const {
  if (queue >= queues_.size() || !queues_[queue].alive) {
    return Status::error(StatusCode::NotFound, "no queue with id " + std::to_string(queue));
  }
  return Destination::queue(queue);
}

std::vector<Router::InboundBinding>& Router::inbound_of(Destination destination) {
  if (destination.kind == Destination::Kind::Queue) return queues_[destination.id].inbound;
  return exchanges_[destination.id].inbound;
}

const Exchange* Router::live_exchange(const std::string& name) const {
  auto it = exchange_ids_.find(name);
  return it == exchange_ids_.end() ? nullptr : exchanges_[it->second].exchange.get();
}

void Router::erase_exchange(ExchangeId id) {
  std::unique_ptr<Exchange> exchange = std::move(exchanges_[id].exchange);
  exchange_ids_.erase(exchange->name());
  // Outgoing bindings: forget them at their destinations.
  for (const Binding& binding : exchange->bindings()) {
    std::vector<InboundBinding>& inbound = inbound_of(binding.destination);
    auto it = std::find_if(inbound.begin(), inbound.end(), [&](const InboundBinding& b) {
      return b.source == id && b.key == binding.key && b.args == binding.args;
    });
    if (it != inbound.end()) inbound.erase(it);
  }
  // Incoming exchange-to-exchange bindings: remove them from their sources, which may now auto-delete.
  std::vector<InboundBinding> inbound = std::move(exchanges_[id].inbound);
  exchanges_[id].inbound.clear();
  std::vector<ExchangeId> sources;
  for (const InboundBinding& binding : inbound) {
    exchanges_[binding.source].exchange->remove_binding(Destination::exchange(id), binding.key, binding.args);
    sources.push_back(binding.source);
  }
  std::sort(sources.begin(), sources.end());
  sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
  for (ExchangeId source : sources) auto_delete_if_unbound(source);
}

void Router::auto_delete_if_unbound(ExchangeId id) {
  // "Auto-deleted exchanges are deleted when their last binding is removed" and only then, so one that was
  // never bound stays (https://www.rabbitmq.com/docs/exchanges#auto-deletion). Bindings count as the
  // exchange's when it is their source, as in RabbitMQ's rabbit_binding maybe_auto_delete.
  const Exchange* exchange = exchanges_[id].exchange.get();
  if (exchange != nullptr && exchange->options().auto_delete && exchange->bindings().empty()) erase_exchange(id);
}

RouteOutcome Router::route(const std::string& exchange, const std::string& routing_key, const Headers& headers,
                           std::vector<QueueId>& out) const {
  out.clear();
  if (exchange.empty()) {
    // The default exchange: every queue bound under its own name and nothing else. It is special-cased in
    // RabbitMQ too and supports no alternate exchange (https://www.rabbitmq.com/docs/ae).
    if (auto it = queue_ids_.find(routing_key); it != queue_ids_.end()) out.push_back(it->second);
    return out.empty() ? RouteOutcome::Unroutable : RouteOutcome::Routed;
  }
  auto start = exchange_ids_.find(exchange);
  if (start == exchange_ids_.end()) return RouteOutcome::NoSuchExchange;

  // Breadth-first walk over exchanges, as RabbitMQ's rabbit_exchange:route1/4: each exchange contributes the
  // destinations of its matching bindings; queues go to `out`, exchanges to `work`. An exchange with NO
  // matching binding hands the message to its alternate exchange instead ("unable to route a message because
  // there were no suitable bindings", https://www.rabbitmq.com/docs/exchanges#ae; route1 consults the AE
  // only when the exchange's own match list is empty). So an exchange whose only match is an e2e binding to
  // an exchange that reaches no queue does not use its AE; that downstream exchange's AE applies instead.
  // Every exchange is routed through at most once (RabbitMQ's "seen" set): the union is computed once over
  // e2e bindings (https://www.rabbitmq.com/docs/exchanges#e2e) and cycles of e2e bindings or AEs terminate
  // ("an AE is encountered which has already attempted to route the message", ae.md). The two vectors stay
  // empty, and so allocate nothing, unless an e2e binding matches or an AE is used.
  std::vector<ExchangeId> work;
  std::vector<ExchangeId> seen;
  std::size_t next = 0;
  ExchangeId current = start->second;
  while (true) {
    const Exchange& x = *exchanges_[current].exchange;
    const std::size_t first_new = work.size();
    if (x.match(routing_key, headers, out, work) == 0 && !x.options().alternate_exchange.empty()) {
      // A missing AE is ignored (RabbitMQ only logs a warning).
      if (auto ae = exchange_ids_.find(x.options().alternate_exchange); ae != exchange_ids_.end()) {
        work.push_back(ae->second);
      }
    }
    if (work.size() > first_new) {
      if (seen.empty()) seen.push_back(start->second);
      std::size_t kept = first_new;
      for (std::size_t i = first_new; i < work.size(); ++i) {
        if (std::find(seen.begin(), seen.end(), work[i]) != seen.end()) continue;
        seen.push_back(work[i]);
        work[kept++] = work[i];
      }
      work.resize(kept);
    }
    if (next == work.size()) break;
    current = work[next++];
  }
  // A set, in ascending QueueId order: several matching bindings to one queue deliver one copy.
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out.empty() ? RouteOutcome::Unroutable : RouteOutcome::Routed;
}

std::optional<QueueId> Router::find_queue(const std::string& name) const {
  auto it = queue_ids_.find(name);
  if (it == queue_ids_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Router::queue_name(QueueId queue) const {
  if (queue >= queues_.size() || !queues_[queue].alive) return std::nullopt;
  return queues_[queue].name;
}

std::optional<ExchangeInfo> Router::exchange_info(const std::string& name) const {
  const Exchange* exchange = live_exchange(name);
  if (exchange == nullptr) return std::nullopt;
  return ExchangeInfo{exchange->type(), exchange->options(), exchange->bindings().size()};
}

}  // namespace buslab::broker
