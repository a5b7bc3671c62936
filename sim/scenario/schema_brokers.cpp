// `brokers`: message brokers, where they run, what each step of a message costs them in CPU, their memory
// alarm, disk and heartbeat, and the topology they declare at boot (exchanges, queues, bindings).
#include <fmt/format.h>

#include "sim/scenario/schema.hpp"
#include "sim/scenario/schema_table.hpp"
#include "sim/scenario/suggest.hpp"

namespace buslab {
namespace {

// RabbitMQ pre-declares these in every virtual host.
const std::vector<std::string>& standard_exchanges() {
  static const std::vector<std::string> names = {"amq.direct", "amq.fanout", "amq.topic", "amq.headers", "amq.match"};
  return names;
}

BrokerCost read_cost(const JsonReader& cost) {
  BrokerCost out;
  if (!cost.present()) return out;
  cost.expect_object(broker_cost_table().keys());
  if (cost.field("publish").present()) out.publish = cost.field("publish").work();
  if (cost.field("route").present()) out.route = cost.field("route").work();
  if (cost.field("deliver").present()) out.deliver = cost.field("deliver").work();
  if (cost.field("ack").present()) out.ack = cost.field("ack").work();
  return out;
}

bool boolean_or(const JsonReader& field, bool fallback) {
  if (!field.present()) return fallback;
  if (!field.value().is_boolean()) field.fail("true or false");
  return field.value().get<bool>();
}

// A headers exchange's binding arguments (and x-match): an object of strings.
broker::Headers read_arguments(const JsonReader& arguments) {
  broker::Headers out;
  if (!arguments.present()) return out;
  if (!arguments.value().is_object())
    arguments.fail(R"(an object of strings, like {"x-match": "all", "format": "pdf"})");
  for (const auto& [key, value] : arguments.value().items()) {
    const JsonReader v = arguments.field(key);
    if (!value.is_string()) v.fail("a string");
    if (key == "x-match") v.one_of({"all", "any", "all-with-x", "any-with-x"});
    out.emplace_back(key, value.get<std::string>());
  }
  return out;
}

// An exchange a binding, an alternate or a dead-letter exchange names: one declared here or a standard one.
std::string read_exchange_ref(const JsonReader& ref, const std::vector<std::string>& declared, bool allow_default) {
  std::vector<std::string> names = declared;
  for (const auto& s : standard_exchanges()) names.push_back(s);
  if (allow_default && ref.present() && ref.value().is_string() && ref.value().get<std::string>().empty()) return "";
  if (!allow_default && ref.present() && ref.value().is_string() && ref.value().get<std::string>().empty())
    ref.fail_message(R"(the default exchange "" takes no explicit bindings (ACCESS_REFUSED in AMQP))");
  return ref.reference(names, allow_default ? R"(an exchange declared on this broker, a standard amq.* one, or "")"
                                            : "an exchange declared on this broker or a standard amq.* one");
}

std::vector<broker::ExchangeDecl> read_exchanges(const JsonReader& exchanges) {
  std::vector<broker::ExchangeDecl> out;
  if (!exchanges.present()) return out;
  UniqueNames names("exchange");
  const auto entries = exchanges.items("a list of exchanges", false);
  std::vector<std::string> declared;
  for (const auto& entry : entries)
    declared.push_back(entry.present() && entry.value().is_object() && entry.value().contains("name") &&
                               entry.value()["name"].is_string()
                           ? entry.value()["name"].get<std::string>()
                           : "");
  for (const auto& entry : entries) {
    entry.expect_object(exchange_table().keys());
    broker::ExchangeDecl e;
    e.name = entry.field("name").name();
    if (e.name.rfind("amq.", 0) == 0)
      entry.field("name").fail(R"(a name not starting with "amq." (reserved for the broker's own exchanges))");
    names.claim(entry.field("name"), e.name, entry.path());
    const std::string type = entry.field("type").one_of(exchange_table().choices("type"));
    e.type = type == "direct"   ? broker::ExchangeType::Direct
             : type == "topic"  ? broker::ExchangeType::Topic
             : type == "fanout" ? broker::ExchangeType::Fanout
                                : broker::ExchangeType::Headers;
    e.options.durable = boolean_or(entry.field("durable"), false);
    e.options.auto_delete = boolean_or(entry.field("auto_delete"), false);
    if (entry.field("alternate_exchange").present())
      e.options.alternate_exchange = read_exchange_ref(entry.field("alternate_exchange"), declared, false);
    out.push_back(std::move(e));
  }
  return out;
}

broker::QueueOptions read_queue_options(const JsonReader& q, const std::vector<std::string>& exchanges) {
  broker::QueueOptions o;
  o.durable = boolean_or(q.field("durable"), false);
  o.exclusive = boolean_or(q.field("exclusive"), false);
  o.auto_delete = boolean_or(q.field("auto_delete"), false);
  if (q.field("message_ttl").present()) o.message_ttl = q.field("message_ttl").time(JsonReader::Bound::AtLeastZero);
  if (q.field("expires").present()) o.expires = q.field("expires").time(JsonReader::Bound::AboveZero);
  if (q.field("max_length").present())
    o.max_length = static_cast<uint64_t>(table_integer(q, queue_table(), "max_length"));
  if (q.field("max_length_bytes").present())
    o.max_length_bytes = static_cast<uint64_t>(q.field("max_length_bytes").size());
  if (q.field("overflow").present()) {
    const std::string overflow = q.field("overflow").one_of(queue_table().choices("overflow"));
    o.overflow = overflow == "drop-head"        ? broker::Overflow::DropHead
                 : overflow == "reject-publish" ? broker::Overflow::RejectPublish
                                                : broker::Overflow::RejectPublishDlx;
  }
  if (q.field("dead_letter_exchange").present())
    o.dead_letter_exchange = read_exchange_ref(q.field("dead_letter_exchange"), exchanges, true);
  if (q.field("dead_letter_routing_key").present()) {
    if (!o.dead_letter_exchange)
      q.field("dead_letter_routing_key").forbid(R"("dead_letter_routing_key" needs a "dead_letter_exchange")");
    const JsonReader key = q.field("dead_letter_routing_key");
    if (!key.value().is_string()) key.fail("a routing key (a string)");
    o.dead_letter_routing_key = key.value().get<std::string>();
  }
  o.single_active_consumer = boolean_or(q.field("single_active_consumer"), false);
  return o;
}

std::string read_key(const JsonReader& key) {
  if (!key.present()) return "";
  if (!key.value().is_string()) key.fail("a routing or binding key (a string)");
  return key.value().get<std::string>();
}

std::vector<broker::QueueDecl> read_queues(const JsonReader& queues, const std::vector<std::string>& exchanges) {
  std::vector<broker::QueueDecl> out;
  if (!queues.present()) return out;
  UniqueNames names("queue");
  for (const auto& entry : queues.items("a list of queues", false)) {
    entry.expect_object(queue_table().keys());
    broker::QueueDecl q;
    q.name = entry.field("name").name();
    if (q.name.rfind("amq.", 0) == 0)
      entry.field("name").fail(R"(a name not starting with "amq." (reserved for the broker's own queues))");
    names.claim(entry.field("name"), q.name, entry.path());
    q.options = read_queue_options(entry, exchanges);
    if (entry.field("bindings").present())
      for (const auto& b : entry.field("bindings").items("a list of bindings", false)) {
        b.expect_object(queue_binding_table().keys());
        q.bindings.push_back(broker::BindingDecl{read_exchange_ref(b.field("exchange"), exchanges, false),
                                                 read_key(b.field("key")), read_arguments(b.field("arguments"))});
      }
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<ExchangeBindingSpec> read_exchange_bindings(const JsonReader& bindings,
                                                        const std::vector<std::string>& exchanges) {
  std::vector<ExchangeBindingSpec> out;
  if (!bindings.present()) return out;
  for (const auto& b : bindings.items("a list of exchange-to-exchange bindings", false)) {
    b.expect_object(exchange_binding_table().keys());
    out.push_back(ExchangeBindingSpec{read_exchange_ref(b.field("source"), exchanges, false),
                                      read_exchange_ref(b.field("destination"), exchanges, false),
                                      read_key(b.field("key")), read_arguments(b.field("arguments"))});
  }
  return out;
}

}  // namespace

std::vector<BrokerSpec> read_brokers(const JsonReader& brokers, const HostDirectory& hosts) {
  std::vector<BrokerSpec> out;
  if (!brokers.present()) return out;
  UniqueNames names("broker");
  for (const auto& entry : brokers.items("a list of brokers", false)) {
    entry.expect_object(broker_table().keys());
    BrokerSpec broker;
    broker.name = entry.field("name").name();
    names.claim(entry.field("name"), broker.name, entry.path());
    broker.host = read_host(entry.field("host"), hosts);
    broker.cost = read_cost(entry.field("cost"));
    if (entry.field("heartbeat").present())
      broker.heartbeat = entry.field("heartbeat").time(JsonReader::Bound::AboveZero);
    if (entry.field("memory_high_watermark").present()) {
      const double bytes = entry.field("memory_high_watermark").size();
      if (bytes < 1) entry.field("memory_high_watermark").fail("a size of at least 1 byte");
      broker.memory_high_watermark = static_cast<uint64_t>(bytes);
    }
    if (const JsonReader disk = entry.field("disk"); disk.present()) {
      disk.expect_object(broker_disk_table().keys());
      if (disk.field("write_bandwidth").present())
        broker.disk_write_bandwidth = disk.field("write_bandwidth").bandwidth();
    }
    broker.exchanges = read_exchanges(entry.field("exchanges"));
    std::vector<std::string> declared;
    for (const auto& e : broker.exchanges) declared.push_back(e.name);
    broker.queues = read_queues(entry.field("queues"), declared);
    broker.exchange_bindings = read_exchange_bindings(entry.field("exchange_bindings"), declared);
    out.push_back(std::move(broker));
  }
  return out;
}

}  // namespace buslab

namespace buslab {

std::vector<std::string> read_broker_list(const JsonReader& value, const std::vector<BrokerSpec>& brokers) {
  std::vector<std::string> names;
  for (const auto& b : brokers) names.push_back(b.name);
  if (!value.present() || !value.value().is_string() || value.value().get<std::string>().find(',') == std::string::npos)
    return {value.reference(names, "a broker name, or names separated by commas (a failover list)")};
  std::vector<std::string> out;
  const std::string text = value.value().get<std::string>();
  size_t start = 0;
  for (;;) {
    const size_t comma = text.find(',', start);
    const std::string name = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (std::find(names.begin(), names.end(), name) == names.end())
      value.fail("brokers separated by commas, each declared in \"brokers\"",
                 fmt::format("{} is not one", json_quoted(name)));
    if (std::find(out.begin(), out.end(), name) != out.end())
      value.fail("each broker once in a failover list", fmt::format("{} twice", json_quoted(name)));
    out.push_back(name);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace buslab
