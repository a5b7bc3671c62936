#pragma once
// The scenario as the simulator uses it: plain data, validated and with every default filled in by the loader
// (sim/scenario_loader.hpp). docs/scenario.md documents each field for users; keep the two in step.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/core/amqp_declarations.hpp"
#include "models/core/distribution.hpp"
#include "models/core/host_clock.hpp"
#include "models/core/message.hpp"
#include "models/process/arrival.hpp"
#include "models/rpc/server_choice.hpp"
#include "sim/scenario/cost_profile.hpp"

namespace buslab {

// CPU work given either in flops or as a time on one core of the host that runs it.
struct Work {
  double flops = 0.0;
  double seconds = 0.0;
  // The flops this work takes on a core of `core_speed` flop/s.
  double on(double core_speed) const { return flops + seconds * core_speed; }
};

struct HostSpec {
  std::string name;   // expanded: "compute3"
  std::string group;  // the `name` it was stamped from ("compute"), or its own name
  int cores = 1;
  double speed = 1e9;         // flop/s per core
  double latency = 50e-6;     // s, its own link
  double bandwidth = 1.25e9;  // bytes/s, its own link
  ClockSpec clock;            // its wall clock: offset, drift, NTP (exact by default)
};

struct LinkSpec {
  std::string name;
  double latency = 0.0;            // s
  double bandwidth = 0.0;          // bytes/s
  std::vector<std::string> hosts;  // expanded host names
};

struct PlatformSpec {
  std::string network_model = "CM02";  // "CM02" or "LV08"
  std::vector<HostSpec> hosts;         // expanded, in file order
  std::vector<LinkSpec> links;
};

// A broker's own costs, replacing the profile's (`broker.*`) for this broker; absent: the profile's.
struct BrokerCost {
  std::optional<Work> publish;
  std::optional<Work> route;
  std::optional<Work> deliver;
  std::optional<Work> ack;
};

// An exchange-to-exchange binding (RabbitMQ extension): messages routed through `source` also go through
// `destination` when the binding matches.
struct ExchangeBindingSpec {
  std::string source;
  std::string destination;
  std::string key;
  broker::Headers arguments;
};

struct BrokerSpec {
  std::string name;
  std::string host;
  BrokerCost cost;
  // Topology declared when the broker boots (a definitions file); durable entities survive its restarts.
  std::vector<broker::ExchangeDecl> exchanges;
  std::vector<broker::QueueDecl> queues;  // with their bindings
  std::vector<ExchangeBindingSpec> exchange_bindings;
  uint64_t memory_high_watermark = 0;   // bytes of messages held that block publishers; 0: no limit
  double heartbeat = 60.0;              // AMQP heartbeat timeout: how long a dead peer goes unnoticed, s
  double disk_write_bandwidth = 200e6;  // bytes/s: persistent messages in durable queues are written to disk

  const broker::QueueDecl* find_queue(const std::string& queue) const;
};

enum class ExecutorKind { Blocking, Threading, Eventlet };
enum class AckTiming { BeforeProcessing, AfterProcessing };
enum class TransportKind { Direct, Broker };

// One request a client (or a server's method) makes: oslo's call or cast on a target narrowed by prepare().
struct StepSpec {
  std::string service;  // the service called (its topic and transport)
  std::string method;
  RpcMode mode = RpcMode::Call;
  std::string server;  // "" = any; a replica name; "@selected" = the server the previous call selected
  bool fanout = false;
  std::string name_space;
  std::string version;
  std::optional<double> timeout;  // default: the client's `timeout`, or 60 s in a server's method
  Distribution args_bytes = Distribution::constant(1024);
  int retries = 0;
  double call_monitor_timeout = 0.0;  // oslo's call_monitor_timeout (brokered calls), s; 0: none
};

struct MethodSpec {
  std::string name;
  Distribution service_time;                               // seconds on one idle core
  Distribution reply_bytes = Distribution::constant(256);  // bytes before encoding
  Distribution io_time = Distribution::constant(0.0);      // seconds waiting without CPU
  std::vector<StepSpec> steps;                             // calls and casts it makes, in order
  std::string select;                                      // a service whose replica it picks and returns
  double error_probability = 0.0;                          // it raises (the caller gets a RemoteError)
  // The CPU time on given replicas (by name) instead of `service_time`: one slow server among fast ones.
  std::map<std::string, Distribution> replica_service_time;
};

// An oslo endpoint: its target's namespace and version, and its methods.
struct EndpointSpec {
  std::string name_space;  // "" = None
  std::string version;     // "" = None: any version
  std::vector<MethodSpec> methods;
};

struct ServiceSpec {
  std::string name;
  TransportKind transport = TransportKind::Direct;
  std::string broker;                // when transport == Broker: the first of `brokers`
  std::vector<std::string> brokers;  // when transport == Broker: the failover list, in order
  std::string topic;
  std::string exchange = "openstack";  // oslo's Target.exchange: the control exchange unless given
  int replicas = 1;
  // Names of the first replicas, as oslo servers are named by their host ("server1", "compute-node-3"); the
  // others, and replicas added later, are "<name>-<k>".
  std::vector<std::string> replica_names;
  std::vector<std::string> hosts;  // expanded host names, replicas placed round-robin
  ExecutorKind executor = ExecutorKind::Threading;
  int workers = 64;
  int prefetch = 0;
  AckTiming ack = AckTiming::BeforeProcessing;
  std::string codec = "json";
  // xmlrpc transports: the listen backlog (Linux lets backlog + 1 connections wait); absent: the profile's (5).
  std::optional<int> listen_backlog;
  double start = 0.0;                  // when its replicas start (their queues exist from then on)
  std::vector<double> replica_speeds;  // flop/s per core of the first replicas; 0: their host's
  std::string protocol = "direct";     // direct transport: "direct", "xmlrpc", "xmlrpc-threaded", "jsonrpc", "zerorpc"
  std::vector<MethodSpec> methods;     // sorted by name (the JSON object does not keep file order)
  // oslo endpoints; empty: `methods` form one endpoint without target (namespace None, version 1.0).
  std::vector<EndpointSpec> endpoints;

  const MethodSpec* find_method(const std::string& method) const;
};

// ArrivalKind, ArrivalSpec (models/process/arrival.hpp) and ServerChoice (models/rpc/server_choice.hpp) are the
// models' own types, used here as they are; a call's mode is the message's.
using CallMode = RpcMode;

struct ClientSpec {
  std::string name;
  std::vector<std::string> hosts;  // expanded; instances placed round-robin
  int count = 1;
  std::string service;
  std::string method;
  CallMode mode = CallMode::Call;
  std::optional<std::string> server;  // a replica name
  double timeout = 60.0;
  Distribution payload_bytes = Distribution::constant(1024);
  double start = 0.0;
  ArrivalSpec arrival;
  ServerChoice server_choice = ServerChoice::RoundRobin;
  int retry = -1;  // brokered: reconnect attempts a request waits through while the broker is away; -1: forever
  // The requests run at each arrival; empty: one, made of `service`, `method`, `mode`, `server`, `timeout`,
  // `payload` and the prepare fields below.
  std::vector<StepSpec> steps;
  std::string name_space;
  std::string version;
  bool fanout = false;
  int retries = 0;
  double call_monitor_timeout = 0.0;

  // `steps`, or the one request the single-request fields describe.
  std::vector<StepSpec> requests() const;
};

enum class KeyChoice { RoundRobin, Random };

// An AMQP publisher (not RPC): publishes messages to an exchange with routing keys and headers.
// What every AMQP process group (publishers, consumers, notifiers, listeners) has.
struct ProcessGroup {
  std::string path;  // where it was declared ("publishers[0]", "listeners[1]"), for messages
  std::string name;
  std::vector<std::string> hosts;  // expanded; instances placed round-robin
  int count = 1;
  std::vector<std::string> brokers;  // failover list
};

struct PublisherSpec : ProcessGroup {
  std::string exchange;  // "" is the default exchange
  std::vector<std::string> routing_keys{""};
  KeyChoice key_choice = KeyChoice::RoundRobin;
  broker::Headers headers;
  bool persistent = false;
  bool mandatory = false;
  bool confirms = false;
  Distribution payload_bytes = Distribution::constant(1024);
  double start = 0.0;
  ArrivalSpec arrival;  // closed: `outstanding` unconfirmed publishes (needs confirms)
  int retry = -1;
  // Declared on each connection (a notifier declares its exchange and the queue <topic>.<priority>).
  std::vector<broker::ExchangeDecl> declares_exchanges;
  std::vector<broker::QueueDecl> declares_queues;
};

enum class ConsumerAck { Auto, BeforeProcessing, AfterProcessing };

// An AMQP consumer (not RPC): consumes a queue declared on its broker and processes each message.
struct ConsumerSpec : ProcessGroup {
  std::string queue;  // declared in the first broker's `queues`, or by the consumer itself (`declares_queue`)
  std::optional<broker::QueueDecl> declares_queue;       // a notification listener declares its own queue
  std::vector<broker::ExchangeDecl> declares_exchanges;  // ... and the exchange it binds it to
  int prefetch = 0;
  ConsumerAck ack = ConsumerAck::AfterProcessing;
  int priority = 0;
  int workers = 1;  // messages processed at once
  Distribution processing_time = Distribution::constant(0.0);
  double reject_probability = 0.0;  // a processed message is rejected instead of acknowledged
  bool reject_requeue = false;
};

enum class FaultAction { Kill, Restart, HostDown, HostUp, LinkDown, LinkUp, AddReplicas, Hang, Resume };

// The name a scenario file gives an action ("add_replicas").
const char* fault_action_name(FaultAction action);

struct FaultSpec {
  double at = 0.0;
  FaultAction action = FaultAction::Kill;
  std::string target;
  int count = 1;                   // add_replicas
  std::vector<std::string> hosts;  // add_replicas, expanded (empty: the service's hosts)
};

// One kind of nova service in the service group: the replicas of an RPC service, or processes that only report
// (`hosts`), each a row (binary, host) of the services table.
struct ServiceGroupMember {
  std::string binary;              // "nova-compute"
  std::string service;             // an RPC service whose replicas report; "" for processes on `hosts`
  std::vector<std::string> hosts;  // expanded: one reporting process per host (when `service` is "")
  bool via_conductor = false;      // reports are object_action calls to `conductor` (nova-compute), else DB writes
  std::string conductor;           // the conductor service
  std::string zone;                // "nova" for nova-compute, "internal" for the others, unless given
  bool disabled = false;
  bool forced_down = false;
  double join = 0.0;  // when it joins the group (its first report comes initial_delay later)
};

// nova's servicegroup DB driver (docs/semantics.md 3.1).
struct ServiceGroupSpec {
  bool declared = false;
  double report_interval = 10.0;
  double service_down_time = 60.0;            // as configured; effective_down_time() applies nova's override
  double initial_delay = 5.0;                 // INITIAL_REPORTING_DELAY
  double report_timeout = 60.0;               // rpc_response_timeout of a compute's report call
  double query_time = 0.002;                  // a direct DB write's duration
  double precision = 1.0;                     // updated_at's resolution (DATETIME: whole seconds)
  std::string reader;                         // the host whose clock `service list` and the transitions read
  std::string epoch = "2014-01-09 20:55:00";  // the UTC date and time at true time 0
  double epoch_seconds = 0.0;                 // the same, in seconds since 1970 (filled by the loader)
  std::vector<double> observe;                // instants of a `nova-manage service list`, in order
  std::vector<ServiceGroupMember> members;
};

// A seeded nemesis (`faults.random`, docs/scenario.md): how many faults of each kind to draw, and where. It is
// expanded into concrete FaultSpecs when the scenario is loaded (sim/scenario/random_faults.hpp): the run sees
// only those.
struct RandomFaultsSpec {
  uint64_t seed = 1;
  double from = 0.0, to = 0.0;  // the window every fault starts in
  int kills = 0, restarts = 0, host_down = 0, link_down = 0, hangs = 0, broker_crashes = 0;
  double down_min = 1.0, down_max = 5.0;  // how long an outage lasts
  double same_instant = 0.1;              // chance a fault starts at the instant of the one drawn before it
  size_t drawn = 0;                       // the faults it expanded into: the last `drawn` of Scenario::faults
};

struct VariantSpec {
  std::string name;
  std::string description;
};

// Where a scenario came from, for the outputs' `provenance` (docs/metrics.md): the file and its SHA-256, and
// every override applied to it (the variant's `set`, then `--set`, in order).
struct AppliedOverride {
  std::string origin;  // "variant brokered", "--set", "--seed"
  std::string path;    // "services[0].transport"
  std::string value;   // the value as JSON text
};
struct ScenarioProvenance {
  std::string file;    // as given on the command line, or "<builtin default>"
  std::string sha256;  // of the file's bytes; "" when not known (a document built in memory)
  std::vector<AppliedOverride> overrides;
};

struct Scenario {
  std::string name;
  std::string source;   // file name used in messages ("default.json", or "<builtin default>")
  std::string variant;  // the variant this scenario was made for, "" when none
  std::string variant_description;
  std::string description;
  uint64_t seed = 1;
  double duration = 0.0;
  double drain = 60.0;
  CostProfile profile;  // the costs of the software (docs/profiles.md)
  PlatformSpec platform;
  std::vector<BrokerSpec> brokers;
  std::vector<ServiceSpec> services;
  std::vector<ClientSpec> clients;
  std::vector<PublisherSpec> publishers;
  std::vector<ConsumerSpec> consumers;
  std::vector<FaultSpec> faults;
  ServiceGroupSpec servicegroup;
  std::optional<RandomFaultsSpec> random_faults;  // `faults.random`, when given (its faults are in `faults`)
  std::vector<VariantSpec> variants;  // the document's, when loaded without a variant; empty for a variant's scenario
  ScenarioProvenance provenance;

  const HostSpec* find_host(const std::string& name) const;
  const BrokerSpec* find_broker(const std::string& name) const;
  const ServiceSpec* find_service(const std::string& name) const;
};

// Replica names of a service: "<service>-1" ... "<service>-N".
// "<group>-<k>": the k-th instance of a client, publisher or consumer group, or of a service without replica_names.
std::string replica_name(const std::string& service, int index_from_1);
// The k-th replica of `service`: its given name, or "<service>-<k>".
std::string replica_name(const ServiceSpec& service, int index_from_1);

}  // namespace buslab
