#include "models/rpc/oslo_topology.hpp"

#include <fmt/format.h>

#include "models/core/rng.hpp"

namespace buslab::oslo {

namespace {

constexpr const char* kReplyPrefix = "reply_";

// A queue bound to `exchange` under its own name, as the driver declares a topic consumer's queue (2.2).
std::shared_ptr<const broker::ConsumeSpec> topic_consume(const std::string& exchange, const std::string& name,
                                                         int prefetch) {
  auto spec = std::make_shared<broker::ConsumeSpec>();
  spec->queue.name = name;
  spec->queue.bindings.push_back(broker::BindingDecl{exchange, name, {}});
  spec->prefetch = prefetch;
  return spec;
}

}  // namespace

broker::ExchangeDecl topic_exchange(const std::string& exchange) {
  return broker::ExchangeDecl{exchange, broker::ExchangeType::Topic, {}};
}

broker::ExchangeDecl fanout_exchange(const std::string& topic) {
  broker::ExchangeDecl e{fanout_exchange_name(topic), broker::ExchangeType::Fanout, {}};
  e.options.auto_delete = true;
  return e;
}

std::string fanout_exchange_name(const std::string& topic) {
  return topic + "_fanout";
}

std::string server_queue_name(const std::string& topic, const std::string& server) {
  return topic + "." + server;
}

std::string fanout_queue_name(const std::string& topic, const std::string& server, int start) {
  return fmt::format("{}_fanout_{:012x}", topic, stable_hash(server + "#" + std::to_string(start)) & 0xFFFFFFFFFFFFull);
}

std::string reply_queue_name(const std::string& process) {
  return kReplyPrefix + process;
}

bool is_reply_queue(const std::string& queue) {
  const size_t slash = queue.rfind('/');
  return queue.compare(slash == std::string::npos ? 0 : slash + 1, 6, kReplyPrefix) == 0;
}

std::vector<std::shared_ptr<const broker::ConsumeSpec>> server_consumes(const ServerQueues& queues, int start) {
  std::vector<std::shared_ptr<const broker::ConsumeSpec>> consumes = {
      topic_consume(queues.exchange, queues.topic, queues.prefetch),
      topic_consume(queues.exchange, server_queue_name(queues.topic, queues.server), queues.prefetch)};
  auto fanout = std::make_shared<broker::ConsumeSpec>();
  fanout->queue.name = fanout_queue_name(queues.topic, queues.server, start);
  fanout->queue.options.expires = kTransientQueueTtl;
  fanout->queue.bindings.push_back(broker::BindingDecl{fanout_exchange_name(queues.topic), queues.topic, {}});
  fanout->prefetch = queues.prefetch;
  consumes.push_back(fanout);
  if (!queues.reply_queue.empty()) consumes.push_back(reply_consume(queues.reply_queue));
  return consumes;
}

std::shared_ptr<const broker::ConsumeSpec> reply_consume(const std::string& reply_queue) {
  auto reply = std::make_shared<broker::ConsumeSpec>();
  reply->queue.name = reply_queue;
  reply->queue.options.expires = kTransientQueueTtl;
  return reply;
}

Address request_address(const RpcTarget& target, const std::string& server, const std::string& control_exchange) {
  if (target.fanout) return {fanout_exchange_name(target.topic), target.topic};
  return {target.exchange.empty() ? control_exchange : target.exchange,
          server.empty() ? target.topic : server_queue_name(target.topic, server)};
}

Address reply_address(const std::string& reply_queue) {
  return {"", reply_queue};
}

}  // namespace buslab::oslo
