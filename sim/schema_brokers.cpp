// `brokers`: message brokers, where they run and what each step of a message costs them in CPU.
#include "sim/schema.hpp"

namespace buslab {
namespace {

BrokerCost read_cost(const JsonReader& cost) {
  BrokerCost out;
  if (!cost.present()) return out;
  cost.expect_object({"publish", "route", "deliver", "ack"});
  if (cost.field("publish").present()) out.publish = cost.field("publish").work();
  if (cost.field("route").present()) out.route = cost.field("route").work();
  if (cost.field("deliver").present()) out.deliver = cost.field("deliver").work();
  if (cost.field("ack").present()) out.ack = cost.field("ack").work();
  return out;
}

}  // namespace

std::vector<BrokerSpec> read_brokers(const JsonReader& brokers, const HostDirectory& hosts) {
  std::vector<BrokerSpec> out;
  if (!brokers.present()) return out;
  UniqueNames names("broker");
  for (const auto& entry : brokers.items("a list of brokers", false)) {
    entry.expect_object({"name", "host", "cost"});
    BrokerSpec broker;
    broker.name = entry.field("name").name();
    names.claim(entry.field("name"), broker.name, entry.path());
    broker.host = read_host(entry.field("host"), hosts);
    broker.cost = read_cost(entry.field("cost"));
    out.push_back(std::move(broker));
  }
  return out;
}

}  // namespace buslab
