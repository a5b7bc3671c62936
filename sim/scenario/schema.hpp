#pragma once
// The section readers of the scenario loader (sim/scenario_loader.cpp), one file each: each validates its part of
// the document against docs/scenario.md and fills its part of the Scenario. They run in document order, so a
// section can resolve names declared by the sections before it (hosts, brokers, services).
#include <map>
#include <string>
#include <vector>

#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/scenario.hpp"

namespace buslab {

// Upper bound of every count that may make the simulator allocate one entity per unit (hosts of a group,
// replicas, client instances, workers, outstanding requests): far beyond any lab, low enough that a typo cannot
// exhaust memory.
inline constexpr int kMaxInstances = 100000;
// Upper bound of each count of a seeded nemesis (faults.random): each is a fault or two.
inline constexpr int kMaxRandomFaults = 10000;

// Names that must be unique within one kind (services, clients, ...); remembers who declared each.
class UniqueNames {
 public:
  explicit UniqueNames(std::string kind) : kind_(std::move(kind)) {}
  // Records the name read at `name_field` for the element at `owner_path`; fails if it is taken.
  void claim(const JsonReader& name_field, const std::string& name, const std::string& owner_path);

 private:
  std::string kind_;
  std::map<std::string, std::string> owners_;
};

// The host and group names of platform.hosts, for other sections to resolve.
class HostDirectory {
 public:
  // Declares `name` standing for `hosts` (a single host stands for itself); returns the path that declared it
  // first if it is taken, else "".
  std::string declare(const std::string& name, std::vector<std::string> hosts, const std::string& declared_at);
  // The hosts a host or group name stands for, or nullptr.
  const std::vector<std::string>* hosts_of(const std::string& name) const;
  // Host and group names, in declaration order (for hints).
  const std::vector<std::string>& names() const { return names_; }
  // Host names only, in declaration order.
  const std::vector<std::string>& host_names() const { return host_names_; }

 private:
  struct Entry {
    std::vector<std::string> hosts;
    std::string declared_at;
  };
  std::map<std::string, Entry> entries_;
  std::vector<std::string> names_;
  std::vector<std::string> host_names_;
};

PlatformSpec read_platform(const JsonReader& platform, HostDirectory& hosts);
// A list of host or group names, expanded to hosts in order; a host may appear once.
std::vector<std::string> read_host_list(const JsonReader& list, const HostDirectory& hosts);
// One host or group name, expanded.
std::vector<std::string> read_host_or_group(const JsonReader& name, const HostDirectory& hosts);
// One host name (not a group of several).
std::string read_host(const JsonReader& name, const HostDirectory& hosts);

enum class QuantityOf { Time, Size };
// A time or size distribution: a single value (a constant) or an object with `dist`. Must be present.
Distribution read_distribution(const JsonReader& value, QuantityOf quantity);

std::vector<BrokerSpec> read_brokers(const JsonReader& brokers, const HostDirectory& hosts);
std::vector<ServiceSpec> read_services(const JsonReader& services, const std::vector<BrokerSpec>& brokers,
                                       const HostDirectory& hosts);
std::vector<ClientSpec> read_clients(const JsonReader& clients, const std::vector<ServiceSpec>& services,
                                     const HostDirectory& hosts);
// `faults`: a list of faults at set times, or {"schedule": [...], "random": {...}} (the seeded nemesis,
// sim/scenario/random_faults.hpp); sets scenario.faults (and scenario.random_faults).
void read_faults(const JsonReader& faults, Scenario& scenario, const HostDirectory& hosts);
// `servicegroup`, read once services, duration and hosts are known.
ServiceGroupSpec read_servicegroup(const JsonReader& group, const Scenario& scenario, const HostDirectory& hosts);
// The variants list; `set` objects are checked to be objects, their paths are checked when applied.
std::vector<VariantSpec> read_variants(const JsonReader& variants);

// Names of the services, and the methods of one (all endpoints), for references and hints.
std::vector<std::string> service_names_of(const std::vector<ServiceSpec>& services);
std::vector<std::string> method_names_of(const ServiceSpec& service);
// One request of a client (`client`: its defaults, e.g. its service) or of a method (`caller`: its service).
StepSpec read_step(const JsonReader& step, const std::vector<ServiceSpec>& services, const ClientSpec* client,
                   const ServiceSpec* caller);
std::vector<PublisherSpec> read_publishers(const JsonReader& publishers, const std::vector<BrokerSpec>& brokers,
                                           const HostDirectory& hosts);
// `notifiers` and `listeners`: oslo.messaging notifications, read as the AMQP publishers and consumers they are
// (appended to `publishers` and `consumers`).
void read_notifiers(const JsonReader& notifiers, const std::vector<BrokerSpec>& brokers, const HostDirectory& hosts,
                    std::vector<PublisherSpec>& publishers);
void read_listeners(const JsonReader& listeners, const std::vector<BrokerSpec>& brokers, const HostDirectory& hosts,
                    std::vector<ConsumerSpec>& consumers);
std::vector<ConsumerSpec> read_consumers(const JsonReader& consumers, const std::vector<BrokerSpec>& brokers,
                                         const HostDirectory& hosts);
// A broker name, or a failover list "a,b"; each a declared broker.
std::vector<std::string> read_broker_list(const JsonReader& value, const std::vector<BrokerSpec>& brokers);

// The fields every AMQP process group declares the same way: `name` (unique among `names`), `host`, `count`,
// `broker`.
ProcessGroup read_process_group(const JsonReader& entry, UniqueNames& names, const HostDirectory& hosts,
                                const std::vector<BrokerSpec>& brokers);
// An arrival process (clients and publishers); `casts`: nothing waits for a reply, so a closed loop needs a think.
ArrivalSpec read_arrival(const JsonReader& arrival, bool casts);

// Instance names of a group: "<name>-1" ... "<name>-<count>".
std::vector<std::string> replica_names(const std::string& group, int count);
// k if `name` is replica_name(group, k) for some k >= 1, else 0.
long replica_index(const std::string& name, const std::string& group);
// The same for a service's replicas, given names first.
std::vector<std::string> replica_names(const ServiceSpec& service, int count);
long replica_index(const std::string& name, const ServiceSpec& service);
// `"compute-1" to "compute-4"` (or just `"compute-1"`; a list when replicas have names), for messages.
std::string replica_range(const ServiceSpec& service, int count);

}  // namespace buslab
