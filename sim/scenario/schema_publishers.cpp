// `publishers`: AMQP publishers (not RPC): exchange, routing keys, headers, persistence, mandatory, confirms.
#include <fmt/format.h>

#include "sim/scenario/schema.hpp"
#include "sim/scenario/schema_table.hpp"
#include "sim/scenario/suggest.hpp"

namespace buslab {

namespace {

bool flag(const JsonReader& field) {
  if (!field.present()) return false;
  if (!field.value().is_boolean()) field.fail("true or false");
  return field.value().get<bool>();
}

}  // namespace

std::vector<PublisherSpec> read_publishers(const JsonReader& publishers, const std::vector<BrokerSpec>& brokers,
                                           const HostDirectory& hosts) {
  std::vector<PublisherSpec> out;
  if (!publishers.present()) return out;
  UniqueNames names("publisher");
  for (const auto& entry : publishers.items("a list of publishers", false)) {
    entry.expect_object(publisher_table().keys());
    PublisherSpec p;
    static_cast<ProcessGroup&>(p) = read_process_group(entry, names, hosts, brokers);
    const BrokerSpec& first =
        *std::find_if(brokers.begin(), brokers.end(), [&](const BrokerSpec& b) { return b.name == p.brokers.front(); });
    const JsonReader exchange = entry.field("exchange");
    if (!exchange.present() || !exchange.value().is_string() || !exchange.value().get<std::string>().empty()) {
      std::vector<std::string> exchanges = {"amq.direct", "amq.fanout", "amq.topic", "amq.headers", "amq.match"};
      for (const auto& e : first.exchanges) exchanges.push_back(e.name);
      p.exchange = exchange.reference(exchanges, R"(an exchange declared on its broker, an amq.* one, or "")");
    }
    const JsonReader key = entry.field("routing_key");
    if (key.present()) {
      p.routing_keys.clear();
      if (key.value().is_string()) {
        p.routing_keys.push_back(key.value().get<std::string>());
      } else {
        for (const auto& k : key.items("a routing key, or a non-empty list of them", true)) {
          if (!k.value().is_string()) k.fail("a routing key (a string)");
          p.routing_keys.push_back(k.value().get<std::string>());
        }
      }
    }
    if (entry.field("key_choice").present())
      p.key_choice = entry.field("key_choice").one_of(publisher_table().choices("key_choice")) == "random"
                         ? KeyChoice::Random
                         : KeyChoice::RoundRobin;
    if (const JsonReader headers = entry.field("headers"); headers.present()) {
      if (!headers.value().is_object()) headers.fail(R"(an object of strings, like {"format": "pdf"})");
      for (const auto& [k, v] : headers.value().items()) {
        if (!v.is_string()) headers.field(k).fail("a string");
        p.headers.emplace_back(k, v.get<std::string>());
      }
    }
    p.persistent = flag(entry.field("persistent"));
    p.mandatory = flag(entry.field("mandatory"));
    p.confirms = flag(entry.field("confirms"));
    if (entry.field("payload").present()) p.payload_bytes = read_distribution(entry.field("payload"), QuantityOf::Size);
    if (entry.field("start").present()) p.start = entry.field("start").time(JsonReader::Bound::AtLeastZero);
    // A closed loop waits for confirms: without them a publisher would never wait for anything.
    const JsonReader arrival = entry.field("arrival");
    p.arrival = read_arrival(arrival, false);
    if (p.arrival.kind == ArrivalKind::Closed && !p.confirms)
      arrival.field("kind").fail(
          R"("fixed" or "poisson" ("closed" keeps publishes unconfirmed: it needs "confirms": true))");
    p.retry = table_integer(entry, publisher_table(), "retry", p.retry);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace buslab
