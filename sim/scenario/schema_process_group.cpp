// The fields AMQP process groups share: name, host, count and broker list.
#include "sim/scenario/schema.hpp"

namespace buslab {

ProcessGroup read_process_group(const JsonReader& entry, UniqueNames& names, const HostDirectory& hosts,
                                const std::vector<BrokerSpec>& brokers) {
  ProcessGroup group;
  group.path = entry.path();
  group.name = entry.field("name").name();
  names.claim(entry.field("name"), group.name, entry.path());
  group.hosts = read_host_or_group(entry.field("host"), hosts);
  if (entry.field("count").present()) group.count = entry.field("count").integer(1, kMaxInstances);
  group.brokers = read_broker_list(entry.field("broker"), brokers);
  return group;
}

}  // namespace buslab
