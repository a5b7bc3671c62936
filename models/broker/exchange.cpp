#include "models/broker/exchange.hpp"

#include <algorithm>
#include <utility>

namespace buslab::broker {
namespace {

// Erases one occurrence of `binding` from `entries` (order is irrelevant: Router sorts its output).
void erase_pointer(std::vector<const Binding*>& entries, const Binding* binding) {
  auto it = std::find(entries.begin(), entries.end(), binding);
  if (it == entries.end()) return;
  *it = entries.back();
  entries.pop_back();
}

void emit(const Binding& binding, std::vector<QueueId>& queues, std::vector<ExchangeId>& exchanges) {
  if (binding.destination.kind == Destination::Kind::Queue) {
    queues.push_back(binding.destination.id);
  } else {
    exchanges.push_back(binding.destination.id);
  }
}

}  // namespace

Exchange::Exchange(std::string name, ExchangeType type, ExchangeOptions options)
    : name_(std::move(name)), type_(type), options_(std::move(options)) {}

StatusOr<bool> Exchange::add_binding(Destination destination, const std::string& key, const Headers& args) {
  // Only the headers type interprets arguments (RabbitMQ validates bindings per exchange type); for the
  // other types they are opaque but still part of the binding's identity.
  if (type_ == ExchangeType::Headers) {
    const StatusOr<HeadersBinding> parsed = HeadersBinding::parse(args);
    if (!parsed.ok()) return parsed.status();
  }
  auto [it, inserted] = bindings_.insert(Binding{destination, key, canonical_arguments(args)});
  if (inserted) index(&*it);
  return inserted;
}

bool Exchange::remove_binding(Destination destination, const std::string& key, const Headers& args) {
  auto it = bindings_.find(Binding{destination, key, canonical_arguments(args)});
  if (it == bindings_.end()) return false;
  unindex(&*it);
  bindings_.erase(it);
  return true;
}

void Exchange::index(const Binding* binding) {
  switch (type_) {
    case ExchangeType::Direct:
      by_key_[binding->key].push_back(binding);
      return;
    case ExchangeType::Topic: {
      TopicPattern pattern(binding->key);
      if (pattern.is_literal()) {
        by_key_[binding->key].push_back(binding);
      } else {
        auto group = wildcards_.try_emplace(binding->key, WildcardGroup{std::move(pattern), {}}).first;
        group->second.bindings.push_back(binding);
      }
      return;
    }
    case ExchangeType::Fanout:
      fanout_.push_back(binding);
      return;
    case ExchangeType::Headers:
      // add_binding validated the arguments, so parse() cannot fail here.
      headers_.push_back({HeadersBinding::parse(binding->args).value(), binding});
      return;
  }
}

void Exchange::unindex(const Binding* binding) {
  switch (type_) {
    case ExchangeType::Direct:
    case ExchangeType::Topic: {
      if (auto it = by_key_.find(binding->key); it != by_key_.end()) {
        erase_pointer(it->second, binding);
        if (it->second.empty()) by_key_.erase(it);
        return;
      }
      if (auto it = wildcards_.find(binding->key); it != wildcards_.end()) {
        erase_pointer(it->second.bindings, binding);
        if (it->second.bindings.empty()) wildcards_.erase(it);
      }
      return;
    }
    case ExchangeType::Fanout:
      erase_pointer(fanout_, binding);
      return;
    case ExchangeType::Headers: {
      auto it = std::find_if(headers_.begin(), headers_.end(),
                             [binding](const HeadersEntry& entry) { return entry.binding == binding; });
      if (it != headers_.end()) headers_.erase(it);
      return;
    }
  }
}

std::size_t Exchange::match(const std::string& routing_key, const Headers& headers, std::vector<QueueId>& queues,
                            std::vector<ExchangeId>& exchanges) const {
  std::size_t matched = 0;
  switch (type_) {
    case ExchangeType::Direct:
    case ExchangeType::Topic:
      if (auto it = by_key_.find(routing_key); it != by_key_.end()) {
        for (const Binding* binding : it->second) emit(*binding, queues, exchanges);
        matched += it->second.size();
      }
      for (const auto& [key, group] : wildcards_) {  // empty for direct exchanges
        if (!group.pattern.matches(routing_key)) continue;
        for (const Binding* binding : group.bindings) emit(*binding, queues, exchanges);
        matched += group.bindings.size();
      }
      break;
    case ExchangeType::Fanout:
      for (const Binding* binding : fanout_) emit(*binding, queues, exchanges);
      matched = fanout_.size();
      break;
    case ExchangeType::Headers:
      for (const HeadersEntry& entry : headers_) {
        if (!entry.matcher.matches(headers)) continue;
        emit(*entry.binding, queues, exchanges);
        ++matched;
      }
      break;
  }
  return matched;
}

}  // namespace buslab::broker
