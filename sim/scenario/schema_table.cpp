// The tables of schema_table.hpp. Each field's description is the short form of its row in docs/scenario.md.
#include "sim/scenario/schema_table.hpp"

#include <climits>
#include <stdexcept>

#include "models/rpc/codec.hpp"
#include "sim/scenario/schema.hpp"

namespace buslab {

namespace {

using K = ValueKind;

// A field builder: `field("count", K::Integer, "instances").def("1").range(1, kMaxInstances)`.
struct Field {
  FieldSpec spec;
  Field(std::string key, ValueKind kind, std::string description) {
    spec.key = std::move(key);
    spec.kind = kind;
    spec.description = std::move(description);
  }
  Field& def(std::string text) {
    spec.default_text = std::move(text);
    return *this;
  }
  Field& required() {
    spec.required = true;
    return *this;
  }
  Field& choices(std::vector<std::string> list) {
    spec.choices = std::move(list);
    return *this;
  }
  Field& range(std::optional<double> min, std::optional<double> max = std::nullopt) {
    spec.minimum = min;
    spec.maximum = max;
    return *this;
  }
  // Strictly greater than `min` (a rate, a spread).
  Field& above(double min) {
    spec.minimum = min;
    spec.minimum_exclusive = true;
    return *this;
  }
  Field& of(const ObjectTable& table) {
    spec.object = &table;
    return *this;
  }
  Field& or_object(const ObjectTable& table) {
    spec.alternative = &table;
    return *this;
  }
  operator FieldSpec() const { return spec; }  // NOLINT: the tables read as lists of builders
};

ObjectTable table(std::string id, std::string description, std::vector<FieldSpec> fields) {
  return ObjectTable{std::move(id), std::move(description), std::move(fields)};
}

const double kMax = kMaxInstances;
// basic.qos's prefetch-count is a 16-bit field (AMQP 0-9-1; docs/semantics.md 1.6).
const double kMaxPrefetch = 65535;

Field name_field(const std::string& what) {
  return Field("name", K::Name, what).required();
}
Field group_host() {
  return Field("host", K::String, "host or group name where the instances run (round-robin over a group's members)")
      .required();
}
Field group_count(const std::string& what) {
  return Field("count", K::Integer, what).def("1").range(1, kMax);
}
Field broker_list() {
  return Field("broker", K::String, "broker name, or a failover list \"rabbit1,rabbit2\"").required();
}
Field retry_field() {
  return Field("retry", K::Integer,
               "reconnection attempts a request waits through while its broker is away before it fails; -1: forever "
               "(oslo's default), 0: fail at once")
      .def("-1")
      .range(-1, 1000);
}

}  // namespace

std::vector<std::string> ObjectTable::keys() const {
  std::vector<std::string> out;
  for (const auto& f : fields) out.push_back(f.key);
  return out;
}

const FieldSpec& ObjectTable::field(const std::string& key) const {
  for (const auto& f : fields)
    if (f.key == key) return f;
  throw std::logic_error("schema table " + id + " has no field " + key);
}

const std::vector<std::string>& ObjectTable::choices(const std::string& key) const {
  return field(key).choices;
}

int table_integer(const JsonReader& object, const ObjectTable& table, const std::string& key) {
  const FieldSpec& row = table.field(key);
  if (row.kind != ValueKind::Integer)
    throw std::logic_error("schema table " + table.id + ": " + key + " is no integer");
  const int min = row.minimum ? static_cast<int>(*row.minimum) + (row.minimum_exclusive ? 1 : 0) : INT_MIN;
  const int max = row.maximum ? static_cast<int>(*row.maximum) : INT_MAX;
  return object.field(key).integer(min, max);
}

int table_integer(const JsonReader& object, const ObjectTable& table, const std::string& key, int absent) {
  return object.field(key).present() ? table_integer(object, table, key) : absent;
}

const ObjectTable& distribution_table() {
  static const ObjectTable t = table(
      "distribution",
      "a distribution: its kind in `dist`, and the fields that kind takes (values in the unit of the field)",
      {Field("dist", K::String, "the kind of distribution")
           .required()
           .choices({"constant", "exponential", "uniform", "lognormal", "empirical"}),
       Field("value", K::String, "constant: the value"), Field("mean", K::String, "exponential, lognormal: the mean"),
       Field("min", K::String, "uniform: the lower bound"), Field("max", K::String, "uniform: the upper bound"),
       Field("sigma", K::Number, "lognormal: standard deviation of the underlying normal").above(0),
       Field("data", K::String, "empirical: a builtin data set (sizes only)").choices({"nova-message-lengths"}),
       Field("values", K::StringList, "empirical: the values, drawn uniformly")});
  return t;
}

const ObjectTable& network_table() {
  static const ObjectTable t = table(
      "network", "the network every host is linked to (a star through one switch)",
      {Field("latency", K::Time, "latency of each host's link to the switch (a transfer crosses two)").def("\"50us\""),
       Field("bandwidth", K::Bandwidth, "bandwidth of each host's link (full duplex)").def("\"10Gbps\""),
       Field("model", K::String, "SimGrid network model: CM02 (latency + size/bandwidth) or LV08 (TCP-calibrated)")
           .def("\"CM02\"")
           .choices({"CM02", "LV08"})});
  return t;
}

const ObjectTable& clock_table() {
  static const ObjectTable t =
      table("clock", "the host's wall clock, as its processes read it (timestamps they write, \"now\" they compare)",
            {Field("offset", K::SignedTime, "how far ahead of true time it is at 0 (negative: behind)").def("\"0s\""),
             Field("drift_ppm", K::Number, "how fast it gains, in millionths of a second per second (negative: loses)")
                 .def("0")
                 .range(-100000, 100000),
             Field("ntp_interval", K::Time, "NTP steps it to true time at every multiple of this").def("none")});
  return t;
}

const ObjectTable& host_table() {
  static const ObjectTable t =
      table("host", "a host, or with `count` a group of hosts name1 ... nameN",
            {name_field("host name; with count, the group's name"),
             Field("count", K::Integer, "stamps out name1 ... nameN").range(1, kMax),
             Field("cores", K::Integer, "cores; concurrent CPU work beyond this shares them").def("1").range(1, kMax),
             Field("speed", K::CpuSpeed, "speed of one core").def("\"1Gf\""),
             Field("latency", K::Time, "this host's own link latency").def("the network's"),
             Field("bandwidth", K::Bandwidth, "this host's own link bandwidth").def("the network's"),
             Field("clock", K::Object, "its wall clock").def("exact").of(clock_table())});
  return t;
}

const ObjectTable& link_table() {
  static const ObjectTable t =
      table("link", "a shared link (a rack uplink, a WAN) every transfer to or from its hosts also crosses",
            {name_field("link name (faults can cut it)"), Field("latency", K::Time, "its latency").required(),
             Field("bandwidth", K::Bandwidth, "its bandwidth").required(),
             Field("hosts", K::StringList, "the hosts behind it (host or group names)").required()});
  return t;
}

const ObjectTable& platform_table() {
  static const ObjectTable t = table("platform", "hosts and network",
                                     {Field("network", K::Object, "the network").of(network_table()),
                                      Field("hosts", K::ObjectList, "the machines").required().of(host_table()),
                                      Field("links", K::ObjectList, "extra shared links").def("[]").of(link_table())});
  return t;
}

const ObjectTable& broker_cost_table() {
  static const ObjectTable t =
      table("broker_cost", "the broker's CPU work per operation",
            {Field("publish", K::Work, "CPU per message received from a publisher").def("the profile's broker.publish"),
             Field("route", K::Work, "CPU per message routed through an exchange").def("the profile's broker.route"),
             Field("deliver", K::Work, "CPU per delivery pushed to a consumer").def("the profile's broker.deliver"),
             Field("ack", K::Work, "CPU per acknowledgement handled").def("the profile's broker.ack")});
  return t;
}

const ObjectTable& broker_disk_table() {
  static const ObjectTable t =
      table("broker_disk", "the broker host's disk",
            {Field("write_bandwidth", K::Bandwidth, "persistent messages to durable queues are written at this rate")
                 .def("\"200MBps\"")});
  return t;
}

const ObjectTable& exchange_table() {
  static const ObjectTable t =
      table("exchange", "an exchange declared at boot",
            {name_field("not \"\", not starting with amq."),
             Field("type", K::String, "routing rule").required().choices({"direct", "topic", "fanout", "headers"}),
             Field("durable", K::Boolean, "survives a broker restart").def("false"),
             Field("auto_delete", K::Boolean, "deleted when its last binding goes").def("false"),
             Field("alternate_exchange", K::String, "where a message goes when no binding matches")});
  return t;
}

const ObjectTable& queue_binding_table() {
  static const ObjectTable t = table(
      "queue_binding", "a binding of the queue to an exchange",
      {Field("exchange", K::String, "the exchange").required(), Field("key", K::String, "the binding key").def("\"\""),
       Field("arguments", K::StringMap,
             "headers exchanges: the headers to match, and \"x-match\": all, any, all-with-x or any-with-x")});
  return t;
}

const ObjectTable& queue_table() {
  static const ObjectTable t =
      table("queue", "a queue declared at boot, with its bindings",
            {name_field("queue name (also bound to the default exchange under it)"),
             Field("durable", K::Boolean, "survives a broker restart, with its persistent messages written to disk")
                 .def("false"),
             Field("exclusive", K::Boolean, "deleted when its first consumer's connection closes").def("false"),
             Field("auto_delete", K::Boolean, "deleted when its last consumer goes").def("false"),
             Field("message_ttl", K::Time, "x-message-ttl: messages older than this expire"),
             Field("expires", K::Time, "x-expires: deleted after this long without consumers"),
             Field("max_length", K::Integer, "x-max-length: most ready messages").range(0, INT_MAX),
             Field("max_length_bytes", K::Size, "x-max-length-bytes: most ready message bytes"),
             Field("overflow", K::String, "what a full queue does")
                 .def("\"drop-head\"")
                 .choices({"drop-head", "reject-publish", "reject-publish-dlx"}),
             Field("dead_letter_exchange", K::String, "x-dead-letter-exchange: where dead messages are republished"),
             Field("dead_letter_routing_key", K::String, "x-dead-letter-routing-key").def("the message's own key"),
             Field("single_active_consumer", K::Boolean, "one consumer receives at a time").def("false"),
             Field("bindings", K::ObjectList, "its bindings").def("[]").of(queue_binding_table())});
  return t;
}

const ObjectTable& exchange_binding_table() {
  static const ObjectTable t = table("exchange_binding", "an exchange-to-exchange binding",
                                     {Field("source", K::String, "the source exchange").required(),
                                      Field("destination", K::String, "the destination exchange").required(),
                                      Field("key", K::String, "the binding key").def("\"\""),
                                      Field("arguments", K::StringMap, "headers to match (headers exchanges)")});
  return t;
}

const ObjectTable& broker_table() {
  static const ObjectTable t =
      table("broker", "a message broker (RabbitMQ semantics)",
            {name_field("broker name, used in transport \"broker:<name>\""),
             Field("host", K::String, "the host it runs on (not a group)").required(),
             Field("cost", K::Object, "CPU work per operation").of(broker_cost_table()),
             Field("heartbeat", K::Time, "AMQP heartbeat timeout: a dead peer host is noticed this long after")
                 .def("\"60s\""),
             Field("memory_high_watermark", K::Size, "bytes held at which publishers are blocked"),
             Field("disk", K::Object, "its host's disk").of(broker_disk_table()),
             Field("exchanges", K::ObjectList, "exchanges declared at boot").def("[]").of(exchange_table()),
             Field("queues", K::ObjectList, "queues declared at boot").def("[]").of(queue_table()),
             Field("exchange_bindings", K::ObjectList, "exchange-to-exchange bindings")
                 .def("[]")
                 .of(exchange_binding_table())});
  return t;
}

const ObjectTable& executor_table() {
  static const ObjectTable t =
      table("executor", "how a server runs requests",
            {Field("kind", K::String, "blocking: one at a time; threading: a pool of threads; eventlet: green threads")
                 .def("\"threading\"")
                 .choices({"blocking", "threading", "eventlet"}),
             Field("workers", K::Integer, "requests in progress at once").def("64 (1 for blocking)").range(1, kMax)});
  return t;
}

const ObjectTable& step_table() {
  static const ObjectTable t = table(
      "step", "one request of a script (a client's or a method's steps)",
      {Field("service", K::String, "target service").def("the client's"),
       Field("method", K::String, "method of that service").required(),
       Field("mode", K::String, "call waits for the reply; cast does not").def("\"call\"").choices({"call", "cast"}),
       Field("server", K::String, "a replica name, or \"@selected\": the one the previous call selected"),
       Field("fanout", K::Boolean, "a cast to every server of the topic").def("false"),
       Field("namespace", K::String, "the target namespace"), Field("version", K::String, "the target version, X.Y"),
       Field("timeout", K::Time, "a call with no reply by then fails").def("the client's"),
       Field("payload", K::SizeDistribution, "request arguments size before encoding").def("1024"),
       Field("retries", K::Integer, "a call that times out is sent again").def("0").range(0, 100),
       Field("call_monitor_timeout", K::Time,
             "brokered calls: fail when neither a reply nor a server heartbeat came for this long (oslo)")
           .def("the client's (none)")});
  return t;
}

const ObjectTable& method_table() {
  static const ObjectTable t = table(
      "method", "an RPC method",
      {Field("service_time", K::TimeDistribution, "CPU time on one idle core of its host").required(),
       Field("reply_bytes", K::SizeDistribution, "size of the reply's result before encoding").def("256"),
       Field("io_time", K::TimeDistribution, "then a wait without CPU, holding its worker").def("\"0s\""),
       Field("steps", K::ObjectList, "calls and casts the method then makes, in order").def("[]").of(step_table()),
       Field("select", K::String, "picks a replica of that service in turn and returns its name"),
       Field("error_probability", K::Number, "the share of calls that raise (RemoteError)").def("0").range(0, 1),
       Field("replica_service_time", K::AnyMap,
             "replica name -> time distribution: its CPU time on those replicas instead (one slow server)")});
  return t;
}

const ObjectTable& endpoint_table() {
  static const ObjectTable t = table("endpoint", "an oslo endpoint with a target",
                                     {Field("namespace", K::String, "its target's namespace").def("None"),
                                      Field("version", K::String, "its target's version, X.Y").def("any"),
                                      Field("methods", K::ObjectMap, "method name -> method").of(method_table())});
  return t;
}

const ObjectTable& service_table() {
  static const std::vector<std::string>& codecs = codec_names();
  static const ObjectTable t = table(
      "service", "an RPC service: its server replicas and methods",
      {name_field("service name; replicas are name-1 ... name-N"),
       Field("transport", K::String,
             "direct, xmlrpc, xmlrpc-threaded, jsonrpc, zerorpc, or broker:<name> (broker:<a>,<b> for failover)")
           .required(),
       Field("topic", K::String, "RPC topic: the broker queues are named after it").def("the service's name"),
       Field("exchange", K::String, "brokered: the topic exchange its requests go through").def("\"openstack\""),
       Field("replicas", K::Integer, "number of server processes").def("1").range(1, kMax),
       Field("replica_names", K::StringList, "names of the first replicas (oslo servers go by their host)"),
       Field("hosts", K::StringList, "replicas are placed round-robin over these hosts or groups").required(),
       Field("executor", K::Object, "how requests run").of(executor_table()),
       Field("prefetch", K::Integer, "brokered: unacknowledged deliveries per consumer, 0 = unlimited")
           .def("0")
           .range(0, kMaxPrefetch),
       Field("ack", K::String, "brokered: acknowledge on receipt (oslo) or after the reply")
           .def("\"before\"")
           .choices({"before", "after"}),
       Field("codec", K::String, "wire format").def("\"json\"").choices(codecs),
       Field("start", K::Time, "when its replicas start (their queues exist from then on)").def("\"0s\""),
       Field("replica_speeds", K::StringList,
             "CPU speed per core of the first replicas, in order, instead of their host's (a slow server)"),
       Field("listen_backlog", K::Integer,
             "xmlrpc transports: listen() backlog; Linux lets backlog + 1 connections wait, then drops SYNs")
           .def("the profile's (5)")
           .range(0, kMax),
       Field("methods", K::ObjectMap, "method name -> method (the endpoint without target)").of(method_table()),
       Field("endpoints", K::ObjectList, "oslo endpoints with a target (a non-empty list)").of(endpoint_table())});
  return t;
}

const ObjectTable& arrival_table() {
  static const ObjectTable t = table(
      "arrival", "when requests are issued",
      {Field("kind", K::String, "the arrival process").required().choices({"fixed", "poisson", "closed"}),
       Field("count", K::Integer, "fixed: requests to send").range(1),
       Field("interval", K::Time, "fixed: one request every interval"),
       Field("rate", K::Number, "poisson: requests per second per instance").above(0),
       Field("outstanding", K::Integer, "closed: requests in flight per instance").def("1").range(1, kMax),
       Field("think", K::TimeDistribution, "closed: pause between a reply and the next request").def("\"0s\""),
       // Not 0: instances started together would otherwise send their first requests at the same instant
       // and stay in step (see docs/scenario.md).
       Field("stagger", K::Time, "closed: first requests start at seeded uniform dates in [start, start + stagger)")
           .def("\"10ms\"")});
  return t;
}

const ObjectTable& client_table() {
  static const ObjectTable t = table(
      "client", "an RPC client group (a load generator)",
      {name_field("client group name; instances are name-1 ... name-N"), group_host(),
       group_count("number of client instances"), Field("service", K::String, "target service"),
       Field("method", K::String, "method of that service"),
       Field("mode", K::String, "call waits for the reply; cast does not").def("\"call\"").choices({"call", "cast"}),
       Field("server", K::String, "send every request to this replica"),
       Field("timeout", K::Time, "a call with no reply by then fails with a timeout").def("\"60s\""),
       Field("payload", K::SizeDistribution, "request arguments size before encoding").def("1024"),
       Field("start", K::Time, "when the instance starts sending").def("\"0s\""),
       Field("arrival", K::Object, "the arrival process").required().of(arrival_table()),
       Field("server_choice", K::String, "direct transports: how a replica is picked")
           .def("\"fixed\" with a server, else \"round_robin\"")
           .choices({"fixed", "random", "round_robin"}),
       Field("namespace", K::String, "the request's target namespace").def("None"),
       Field("version", K::String, "the request's target version, X.Y").def("\"1.0\""),
       Field("fanout", K::Boolean, "a cast to every server of the topic").def("false"),
       Field("retries", K::Integer, "a call that times out is sent again").def("0").range(0, 100), retry_field(),
       Field("call_monitor_timeout", K::Time,
             "brokered calls: fail when neither a reply nor a server heartbeat came for this long (oslo)")
           .def("none"),
       Field("steps", K::ObjectList, "a script of requests made at each arrival").of(step_table())});
  return t;
}

const ObjectTable& publisher_table() {
  static const ObjectTable t =
      table("publisher", "a plain AMQP publisher group",
            {name_field("instances are name-1 ... name-N"), group_host(), group_count("instances"), broker_list(),
             Field("exchange", K::String, "where it publishes (\"\" is the default exchange)").required(),
             Field("routing_key", K::StringOrList, "the key of each publish; a list is taken in turn or at random")
                 .def("\"\""),
             Field("key_choice", K::String, "how keys are taken from a list")
                 .def("\"round_robin\"")
                 .choices({"round_robin", "random"}),
             Field("headers", K::StringMap, "message headers (headers exchanges)").def("{}"),
             Field("persistent", K::Boolean, "delivery mode 2: written to disk in durable queues").def("false"),
             Field("mandatory", K::Boolean, "an unroutable message comes back (basic.return)").def("false"),
             Field("confirms", K::Boolean, "publisher confirms").def("false"),
             Field("payload", K::SizeDistribution, "message body size").def("1024"),
             Field("start", K::Time, "when it starts").def("\"0s\""),
             Field("arrival", K::Object, "when it publishes (closed: outstanding unconfirmed publishes)")
                 .required()
                 .of(arrival_table()),
             retry_field()});
  return t;
}

const ObjectTable& reject_table() {
  static const ObjectTable t =
      table("reject", "messages a consumer rejects",
            {Field("probability", K::Number, "the share of processed messages rejected").def("0").range(0, 1),
             Field("requeue", K::Boolean, "rejected messages go back to the queue").def("false")});
  return t;
}

const ObjectTable& consumer_table() {
  static const ObjectTable t =
      table("consumer", "a plain AMQP consumer group",
            {name_field("instances are name-1 ... name-N"), group_host(), group_count("instances, each a consumer"),
             broker_list(), Field("queue", K::String, "a queue declared in the broker's queues").required(),
             Field("prefetch", K::Integer, "basic.qos: unacknowledged deliveries at once, 0 = unlimited")
                 .def("0")
                 .range(0, kMaxPrefetch),
             Field("ack", K::String, "auto: none; before: on receipt; after: once processed")
                 .def("\"after\"")
                 .choices({"auto", "before", "after"}),
             Field("priority", K::Integer, "consumer priority (x-priority)").def("0").range(-1000, 1000),
             Field("workers", K::Integer, "messages processed at once").def("1").range(1, kMax),
             Field("processing_time", K::TimeDistribution, "CPU time per message").def("\"0s\""),
             Field("reject", K::Object, "rejections").of(reject_table())});
  return t;
}

namespace {
const std::vector<std::string> kPriorityChoices = {"audit", "debug", "info", "warn", "error", "critical", "sample"};
}

const ObjectTable& notifier_table() {
  static const ObjectTable t = table(
      "notifier", "an oslo.messaging notifier group",
      {name_field("instances are name-1 ... name-N"), group_host(), group_count("instances"), broker_list(),
       Field("exchange", K::String, "the exchange (oslo's control_exchange)").def("\"openstack\""),
       Field("topic", K::String, "the notification topic").def("\"notifications\""),
       Field("priority", K::String, "the priority of its notifications").def("\"info\"").choices(kPriorityChoices),
       Field("payload", K::SizeDistribution, "message body size").def("1024"),
       Field("start", K::Time, "when it starts").def("\"0s\""),
       Field("arrival", K::Object, "when it notifies (fixed or poisson)").required().of(arrival_table()),
       retry_field()});
  return t;
}

const ObjectTable& listener_table() {
  static const ObjectTable t =
      table("listener", "an oslo.messaging notification listener group",
            {name_field("instances are name-1 ... name-N"), group_host(), group_count("instances"), broker_list(),
             Field("exchange", K::String, "the exchange").def("\"openstack\""),
             Field("topic", K::String, "the notification topic").def("\"notifications\""),
             Field("priority", K::String, "the priority it listens to").def("\"info\"").choices(kPriorityChoices),
             Field("pool", K::String, "the listener pool: its queue, and a copy of every notification"),
             Field("workers", K::Integer, "notifications processed at once").def("64").range(1, kMax),
             Field("prefetch", K::Integer, "basic.qos").def("0").range(0, kMaxPrefetch),
             Field("processing_time", K::TimeDistribution, "CPU time per notification").def("\"0s\"")});
  return t;
}

const ObjectTable& fault_table() {
  static const ObjectTable t =
      table("fault", "a fault, or a scale-out, at a set time",
            {Field("at", K::Time, "when; faults at the same time happen in list order").required(),
             Field("action", K::String, "what happens")
                 .required()
                 .choices({"kill", "restart", "host_down", "host_up", "link_down", "link_up", "add_replicas", "hang",
                           "resume"}),
             Field("target", K::String, "a process, host, link or service, by the action").required(),
             Field("count", K::Integer, "add_replicas: how many").def("1").range(1, kMax),
             Field("hosts", K::StringList, "add_replicas: where").def("the service's hosts")});
  return t;
}

const ObjectTable& servicegroup_database_table() {
  static const ObjectTable t =
      table("servicegroup_database", "nova's database as the service group uses it",
            {Field("query_time", K::Time, "a direct heartbeat write's duration before it commits").def("\"2ms\""),
             Field("precision", K::Time, "updated_at's resolution (MySQL DATETIME: whole seconds)").def("\"1s\"")});
  return t;
}

const ObjectTable& servicegroup_member_table() {
  static const ObjectTable t = table(
      "servicegroup_service", "a kind of nova service in the group: each of its processes reports its state",
      {Field("binary", K::Name, "the service's binary, as listed (\"nova-compute\")").required(),
       Field("service", K::String, "an RPC service whose replicas report (one per host)"),
       Field("hosts", K::StringList, "without service: a process on each of these hosts that only reports"),
       Field("report", K::String, "conductor: an object_action call to the conductor, which writes; database: a write")
           .def("\"conductor\" for nova-compute, else \"database\"")
           .choices({"conductor", "database"}),
       Field("conductor", K::String, "report conductor: the service called (it needs an object_action method)")
           .def("\"conductor\""),
       Field("zone", K::String, "the availability zone listed").def("\"nova\" for nova-compute, else \"internal\""),
       Field("disabled", K::Boolean, "listed disabled (it still reports)").def("false"),
       Field("forced_down", K::Boolean, "shown down whatever its heartbeats").def("false"),
       Field("join", K::Time, "when it joins the group; its first report comes 5 s later").def("\"0s\"")});
  return t;
}

const ObjectTable& servicegroup_table() {
  static const ObjectTable t = table(
      "servicegroup", "nova's service group, DB driver: heartbeats, and who is up (docs/servicegroup.md)",
      {Field("report_interval", K::Time, "seconds between a service's reports").def("\"10s\""),
       Field("service_down_time", K::Time, "a heartbeat older (or newer) than this is down; <= report_interval: 2.5x")
           .def("\"60s\""),
       Field("report_timeout", K::Time, "a compute's report call gives up after this (rpc_response_timeout)")
           .def("\"60s\""),
       Field("database", K::Object, "the database").of(servicegroup_database_table()),
       Field("reader", K::String, "the host whose clock the service list and up/down states read")
           .def("the first host"),
       Field("epoch", K::String, "the UTC date at true time 0, \"YYYY-MM-DD HH:MM:SS\"").def("\"2014-01-09 20:55:00\""),
       Field("observe", K::StringList, "times of a nova-manage service list printed after the run").def("[]"),
       Field("services", K::ObjectList, "the services in the group").required().of(servicegroup_member_table())});
  return t;
}

const ObjectTable& random_faults_table() {
  static const ObjectTable t = table(
      "random_faults",
      "a seeded nemesis: faults drawn at random instants of a window, expanded into concrete faults before the run",
      {Field("seed", K::Integer, "root of the draws").def("the scenario's seed").range(0),
       Field("window", K::StringList, "[from, to]: two times; every fault starts in it").def("[\"0s\", duration]"),
       Field("kills", K::Integer, "processes killed (server replicas, client, publisher and consumer instances)")
           .def("0")
           .range(0, kMaxRandomFaults),
       Field("restarts", K::Integer, "how many of the killed processes come back, `down_for` later")
           .def("0")
           .range(0, kMaxRandomFaults),
       Field("host_down", K::Integer, "host outages: host_down, then host_up `down_for` later")
           .def("0")
           .range(0, kMaxRandomFaults),
       Field("link_down", K::Integer, "outages of platform.links: link_down, then link_up `down_for` later")
           .def("0")
           .range(0, kMaxRandomFaults),
       Field("hangs", K::Integer, "server replicas that hang, and resume `down_for` later")
           .def("0")
           .range(0, kMaxRandomFaults),
       Field("broker_crashes", K::Integer, "brokers killed, and restarted `down_for` later")
           .def("0")
           .range(0, kMaxRandomFaults),
       Field("down_for", K::StringList, "[min, max]: two times; how long each outage lasts, drawn uniformly")
           .def("[\"1s\", \"5s\"]"),
       Field("same_instant", K::Number, "the chance that a fault starts at the very instant of the one drawn before it")
           .def("0.1")
           .range(0, 1)});
  return t;
}

const ObjectTable& faults_table() {
  static const ObjectTable t =
      table("faults", "faults at set times and a seeded nemesis together",
            {Field("schedule", K::ObjectList, "faults and scale-out at set times").def("[]").of(fault_table()),
             Field("random", K::Object, "faults drawn at random").of(random_faults_table())});
  return t;
}

const ObjectTable& variant_table() {
  static const ObjectTable t =
      table("variant", "a named set of overrides, run side by side with the others",
            {name_field("variant name"), Field("description", K::String, "what it changes, printed above the table"),
             Field("set", K::AnyMap, "PATH -> value, applied as --set before validation").def("{}")});
  return t;
}

const ObjectTable& software_cost_table() {
  static const ObjectTable t = table(
      "software_cost", "a cost per message: fixed plus per payload byte, on the profile's reference core",
      {Field("fixed", K::Work, "CPU per message: a time on the reference core, or flops").def("the profile's"),
       Field("per_byte", K::Work, "CPU per payload byte: a time on the reference core, or flops").def("the profile's"),
       Field("cv", K::Number, "coefficient of variation, for jitter").def("the profile's").range(0)});
  return t;
}

namespace {

Field cost_field(const std::string& key, const std::string& what) {
  return Field(key, K::Object, what).of(software_cost_table());
}

}  // namespace

const ObjectTable& profile_client_table() {
  static const ObjectTable t =
      table("profile_client", "oslo.messaging's calling side, codec excluded",
            {cost_field("send_call", "publishing a call's request"), cost_field("send_cast", "publishing a cast"),
             cost_field("receive_reply", "taking a reply in (the reply waiter)")});
  return t;
}

const ObjectTable& profile_server_table() {
  static const ObjectTable t =
      table("profile_server", "oslo.messaging's serving side, codec excluded",
            {cost_field("receive", "taking a request in (the poll thread)"),
             cost_field("dispatch", "handing it to the endpoint"), cost_field("reply", "sending a call's reply")});
  return t;
}

const ObjectTable& profile_broker_table() {
  static const ObjectTable t =
      table("profile_broker", "the broker per operation (per wire byte)",
            {cost_field("publish", "a publish taken in"), cost_field("route", "routing it through an exchange"),
             cost_field("deliver", "a delivery pushed to a consumer"), cost_field("ack", "an acknowledgement"),
             cost_field("confirm", "a publisher confirm"),
             cost_field("oslo_extra", "an oslo message beyond the raw AMQP operations")});
  return t;
}

const ObjectTable& profile_codec_table() {
  static const ObjectTable t =
      table("profile_codec", "a codec's costs and sizes",
            {cost_field("encode", "encoding a payload"), cost_field("decode", "decoding it"),
             Field("size_factor", K::Number, "wire bytes per payload byte").def("the profile's").range(0),
             Field("header_bytes", K::Size, "encoded bytes of an empty payload").def("the profile's")});
  return t;
}

const ObjectTable& profile_codecs_table() {
  static const ObjectTable t = table(
      "profile_codecs", "the codecs",
      {Field("json", K::Object, "JSON (direct services)").of(profile_codec_table()),
       Field("msgpack", K::Object, "MessagePack").of(profile_codec_table()),
       Field("oslo_envelope", K::Object, "oslo's double JSON (brokered services' json)").of(profile_codec_table()),
       Field("xml", K::Object, "XML-RPC's XML").of(profile_codec_table())});
  return t;
}

const ObjectTable& profile_stack_table() {
  static const ObjectTable t =
      table("profile_stack", "a direct protocol's stack per call, codec excluded",
            {cost_field("client_call", "the client's"), cost_field("server_call", "the server's")});
  return t;
}

const ObjectTable& profile_direct_table() {
  static const ObjectTable t =
      table("profile_direct", "the direct protocols' stacks",
            {Field("jsonrpc", K::Object, "JSON-RPC over HTTP/1.1").of(profile_stack_table()),
             Field("xmlrpc", K::Object, "SimpleXMLRPCServer").of(profile_stack_table()),
             Field("xmlrpc_threaded", K::Object, "SimpleXMLRPCServer with ThreadingMixIn").of(profile_stack_table()),
             Field("zerorpc", K::Object, "ZeroMQ + MessagePack").of(profile_stack_table())});
  return t;
}

const ObjectTable& profile_costs_table() {
  static const ObjectTable t =
      table("profile_costs", "costs that replace the profile's, field by field (docs/profiles.md)",
            {Field("client", K::Object, "oslo.messaging's calling side").of(profile_client_table()),
             Field("server", K::Object, "oslo.messaging's serving side").of(profile_server_table()),
             Field("broker", K::Object, "the broker").of(profile_broker_table()),
             Field("codecs", K::Object, "the codecs").of(profile_codecs_table()),
             Field("direct", K::Object, "the direct protocols' stacks").of(profile_direct_table())});
  return t;
}

const ObjectTable& profile_contention_law_table() {
  static const ObjectTable t = table(
      "profile_contention_law", "factor = 1 + coefficient x (load - reference) ^ exponent",
      {Field("coefficient", K::Number, "the factor's growth (0: none)").def("the profile's").range(0),
       Field("exponent", K::Number, "below 1 the growth comes early, above 1 late").def("the profile's").above(0)});
  return t;
}

const ObjectTable& profile_contention_table() {
  static const ObjectTable t =
      table("profile_contention",
            "how software costs grow with the processes sharing a host's cores, field by field (docs/profiles.md)",
            {Field("reference_processes_per_core", K::Number, "the load the costs were measured at (factor 1)")
                 .def("the profile's")
                 .above(0),
             Field("max_processes_per_core", K::Number, "the largest load measured: the factor stays there beyond it")
                 .def("the profile's")
                 .above(0),
             Field("call", K::Object, "the law of a call's messages").of(profile_contention_law_table()),
             Field("cast", K::Object, "the law of one-way messages").of(profile_contention_law_table())});
  return t;
}

const ObjectTable& profile_table() {
  static const ObjectTable t = table(
      "profile", "a cost profile and changes to it",
      {Field("name", K::String, "a built-in profile (data/profiles/, or uncalibrated) or a profile file's path")
           .def("the shipped measured profile"),
       Field("jitter", K::Boolean, "draw each message's costs around their means, from their cv (seeded)").def("false"),
       Field("confirm_publish", K::Boolean, "oslo's casts and calls wait for the broker's publisher confirm")
           .def("the profile's (true)"),
       Field("reply_confirm_publish", K::Boolean, "oslo's replies wait for it, holding the server's worker")
           .def("the profile's (true)"),
       Field("costs", K::Object, "costs replacing the profile's").of(profile_costs_table()),
       Field("contention", K::Object, "contention figures replacing the profile's").of(profile_contention_table())});
  return t;
}

const ObjectTable& scenario_table() {
  static const ObjectTable t = table(
      "scenario", "a buslab scenario (docs/scenario.md)",
      {Field("$schema", K::String, "the JSON Schema an editor checks this file against (docs/buslab.schema.json)"),
       Field("name", K::Name, "label used in tables and outputs").def("the file name without .json"),
       Field("description", K::String, "free text printed above the table"),
       Field("seed", K::Integer, "root of every random stream").def("1").range(0),
       Field("duration", K::Time, "clients start new calls during [0, duration)").required(),
       Field("drain", K::Time, "after duration, the run goes on until nothing is in flight, at most this long")
           .def("\"60s\""),
       Field("profile", K::StringOrObject,
             "the cost profile: a built-in name (data/profiles/), a file, or {\"name\", \"costs\", ...}")
           .def("the shipped measured profile")
           .of(profile_table()),
       Field("platform", K::Object, "hosts and network").required().of(platform_table()),
       Field("brokers", K::ObjectList, "message brokers").def("[]").of(broker_table()),
       Field("services", K::ObjectList, "RPC services (servers)").def("[]").of(service_table()),
       Field("clients", K::ObjectList, "RPC clients (load generators)").def("[]").of(client_table()),
       Field("publishers", K::ObjectList, "AMQP publishers").def("[]").of(publisher_table()),
       Field("consumers", K::ObjectList, "AMQP consumers").def("[]").of(consumer_table()),
       Field("notifiers", K::ObjectList, "oslo.messaging notifiers").def("[]").of(notifier_table()),
       Field("listeners", K::ObjectList, "oslo.messaging notification listeners").def("[]").of(listener_table()),
       Field("faults", K::ObjectListOr, "faults and scale-out at set times, or {schedule, random} with a nemesis")
           .def("[]")
           .of(fault_table())
           .or_object(faults_table()),
       Field("servicegroup", K::Object, "nova's service group: heartbeats and service lists").of(servicegroup_table()),
       Field("variants", K::ObjectList, "named sets of overrides, run side by side").def("[]").of(variant_table())});
  return t;
}

}  // namespace buslab
