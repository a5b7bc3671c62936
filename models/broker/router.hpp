#pragma once
// Interim routing: literal topic/direct keys and the default exchange (replaced by the full router).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "models/core/message.hpp"

namespace buslab::broker {

using QueueId = uint32_t;
enum class ExchangeType { Direct, Topic, Fanout, Headers };
enum class RouteOutcome { Routed, Unroutable, NoSuchExchange };

class Router {
 public:
  void declare_exchange(const std::string& name, ExchangeType type) { exchanges_[name] = type; }
  QueueId declare_queue(const std::string& name) {
    queues_[name] = static_cast<QueueId>(queues_.size());
    return queues_[name];
  }
  void bind_queue(const std::string& exchange, QueueId queue, const std::string& key) {
    bindings_[exchange][key].push_back(queue);
  }
  RouteOutcome route(const std::string& exchange, const std::string& key, const Headers&,
                     std::vector<QueueId>& out) const {
    out.clear();
    if (exchange.empty()) {
      auto it = queues_.find(key);
      if (it != queues_.end()) out.push_back(it->second);
      return out.empty() ? RouteOutcome::Unroutable : RouteOutcome::Routed;
    }
    auto ex = bindings_.find(exchange);
    if (ex == bindings_.end()) return RouteOutcome::Unroutable;
    auto it = ex->second.find(key);
    if (it != ex->second.end()) out = it->second;
    return out.empty() ? RouteOutcome::Unroutable : RouteOutcome::Routed;
  }

 private:
  std::map<std::string, ExchangeType> exchanges_;
  std::map<std::string, QueueId> queues_;
  std::map<std::string, std::map<std::string, std::vector<QueueId>>> bindings_;
};

}  // namespace buslab::broker
