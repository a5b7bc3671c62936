// `notifiers` and `listeners`: oslo.messaging notifications (docs/semantics.md 2.12). A notifier publishes each
// notification of priority p to its exchange with routing key `<topic>.<p>`, and declares the queue `<topic>.<p>`
// on every connection, so notifications wait there even before any listener exists. A listener without a pool
// consumes that shared queue (listeners share it round-robin); a listener of pool P consumes a queue named P bound
// to the same key, so each pool gets its own copy. Listeners acknowledge after dispatch.
#include <fmt/format.h>

#include "sim/scenario/schema.hpp"
#include "sim/scenario/schema_table.hpp"
#include "sim/scenario/suggest.hpp"

namespace buslab {

namespace {

// What notifiers and listeners share: where the notifications go.
struct NotificationTarget {
  std::string exchange = "openstack";  // the control exchange
  std::string topic = "notifications";
  std::string priority = "info";

  std::string routing_key() const { return topic + "." + priority; }
  broker::ExchangeDecl exchange_decl() const { return broker::ExchangeDecl{exchange, broker::ExchangeType::Topic, {}}; }
  broker::QueueDecl queue(const std::string& name) const {
    broker::QueueDecl q;
    q.name = name;
    q.bindings.push_back(broker::BindingDecl{exchange, routing_key(), {}});
    return q;
  }
};

NotificationTarget read_target(const JsonReader& entry) {
  NotificationTarget t;
  if (const JsonReader exchange = entry.field("exchange"); exchange.present()) {
    t.exchange = exchange.name();
    if (t.exchange.rfind("amq.", 0) == 0)
      exchange.fail(R"(an exchange name not starting with "amq." (RabbitMQ reserves them))");
  }
  if (entry.field("topic").present()) t.topic = entry.field("topic").name();
  if (entry.field("priority").present())
    t.priority = entry.field("priority").one_of(notifier_table().choices("priority"));
  return t;
}

}  // namespace

void read_notifiers(const JsonReader& notifiers, const std::vector<BrokerSpec>& brokers, const HostDirectory& hosts,
                    std::vector<PublisherSpec>& publishers) {
  if (!notifiers.present()) return;
  UniqueNames names("notifier");
  for (const auto& entry : notifiers.items("a list of notifiers", false)) {
    entry.expect_object(notifier_table().keys());
    PublisherSpec p;
    static_cast<ProcessGroup&>(p) = read_process_group(entry, names, hosts, brokers);
    const NotificationTarget target = read_target(entry);
    p.exchange = target.exchange;
    p.routing_keys = {target.routing_key()};
    // oslo's defaults: transient messages (amqp_durable_queues=False), not mandatory, no confirms.
    if (entry.field("payload").present()) p.payload_bytes = read_distribution(entry.field("payload"), QuantityOf::Size);
    if (entry.field("start").present()) p.start = entry.field("start").time(JsonReader::Bound::AtLeastZero);
    const JsonReader arrival = entry.field("arrival");
    p.arrival = read_arrival(arrival, false);
    if (p.arrival.kind == ArrivalKind::Closed)
      arrival.field("kind").fail(R"("fixed" or "poisson" (a notifier waits for nothing: no closed loop))");
    p.retry = table_integer(entry, notifier_table(), "retry", p.retry);
    p.declares_exchanges = {target.exchange_decl()};
    p.declares_queues = {target.queue(target.routing_key())};
    publishers.push_back(std::move(p));
  }
}

void read_listeners(const JsonReader& listeners, const std::vector<BrokerSpec>& brokers, const HostDirectory& hosts,
                    std::vector<ConsumerSpec>& consumers) {
  if (!listeners.present()) return;
  UniqueNames names("listener");
  for (const auto& entry : listeners.items("a list of listeners", false)) {
    entry.expect_object(listener_table().keys());
    ConsumerSpec c;
    static_cast<ProcessGroup&>(c) = read_process_group(entry, names, hosts, brokers);
    const NotificationTarget target = read_target(entry);
    c.queue = entry.field("pool").present() ? entry.field("pool").name() : target.routing_key();
    c.declares_queue = target.queue(c.queue);
    c.declares_exchanges = {target.exchange_decl()};
    c.ack = ConsumerAck::AfterProcessing;
    c.workers = 64;  // executor_thread_pool_size
    c.workers = table_integer(entry, listener_table(), "workers", c.workers);
    c.prefetch = table_integer(entry, listener_table(), "prefetch", c.prefetch);
    if (entry.field("processing_time").present())
      c.processing_time = read_distribution(entry.field("processing_time"), QuantityOf::Time);
    consumers.push_back(std::move(c));
  }
}

}  // namespace buslab
