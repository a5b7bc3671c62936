// `consumers`: AMQP consumers (not RPC) of a queue declared on their broker: prefetch, acknowledgement mode,
// priority, workers, processing time, rejections.
#include <fmt/format.h>

#include "sim/scenario/schema.hpp"
#include "sim/scenario/schema_table.hpp"
#include "sim/scenario/suggest.hpp"

namespace buslab {

std::vector<ConsumerSpec> read_consumers(const JsonReader& consumers, const std::vector<BrokerSpec>& brokers,
                                         const HostDirectory& hosts) {
  std::vector<ConsumerSpec> out;
  if (!consumers.present()) return out;
  UniqueNames names("consumer");
  for (const auto& entry : consumers.items("a list of consumers", false)) {
    entry.expect_object(consumer_table().keys());
    ConsumerSpec c;
    static_cast<ProcessGroup&>(c) = read_process_group(entry, names, hosts, brokers);
    const BrokerSpec& first =
        *std::find_if(brokers.begin(), brokers.end(), [&](const BrokerSpec& b) { return b.name == c.brokers.front(); });
    std::vector<std::string> queues;
    for (const auto& q : first.queues) queues.push_back(q.name);
    c.queue =
        entry.field("queue").reference(queues, fmt::format("a queue declared on broker {}", json_quoted(first.name)));
    c.prefetch = table_integer(entry, consumer_table(), "prefetch", c.prefetch);
    if (entry.field("ack").present()) {
      const std::string ack = entry.field("ack").one_of(consumer_table().choices("ack"));
      c.ack = ack == "auto"     ? ConsumerAck::Auto
              : ack == "before" ? ConsumerAck::BeforeProcessing
                                : ConsumerAck::AfterProcessing;
    }
    c.priority = table_integer(entry, consumer_table(), "priority", c.priority);
    c.workers = table_integer(entry, consumer_table(), "workers", c.workers);
    if (entry.field("processing_time").present())
      c.processing_time = read_distribution(entry.field("processing_time"), QuantityOf::Time);
    if (const JsonReader reject = entry.field("reject"); reject.present()) {
      reject.expect_object(reject_table().keys());
      const JsonReader p = reject.field("probability");
      c.reject_probability = p.probability();
      if (c.reject_probability > 0 && c.ack != ConsumerAck::AfterProcessing)
        p.fail_message(R"(only a consumer that acknowledges after processing ("ack": "after") can reject)");
      if (const JsonReader requeue = reject.field("requeue"); requeue.present()) {
        if (!requeue.value().is_boolean()) requeue.fail("true or false");
        c.reject_requeue = requeue.value().get<bool>();
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace buslab
