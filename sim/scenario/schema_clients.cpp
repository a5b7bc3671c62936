// `clients`: load generators, their target, their arrival process and how they pick a server.
#include <algorithm>

#include <fmt/format.h>

#include "models/rpc/dispatcher.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/schema_table.hpp"
#include "sim/scenario/suggest.hpp"

namespace buslab {
namespace {

// The arrival fields each kind takes; the others are refused rather than ignored.
void forbid_other_kinds(const JsonReader& arrival, const std::string& kind) {
  static const std::map<std::string, std::string> owner = {{"count", "fixed"},  {"interval", "fixed"},
                                                           {"rate", "poisson"}, {"outstanding", "closed"},
                                                           {"think", "closed"}, {"stagger", "closed"}};
  for (const auto& [field, its_kind] : owner)
    if (its_kind != kind)
      arrival.field(field).forbid(fmt::format("\"{}\" only applies to a \"{}\" arrival", field, its_kind));
}

}  // namespace

ArrivalSpec read_arrival(const JsonReader& arrival, bool casts) {
  arrival.expect_object(arrival_table().keys());
  ArrivalSpec out;
  const std::string kind = arrival.field("kind").one_of(arrival_table().choices("kind"));
  forbid_other_kinds(arrival, kind);
  if (kind == "fixed") {
    out.kind = ArrivalKind::Fixed;
    out.count = table_integer(arrival, arrival_table(), "count");
    out.interval = arrival.field("interval").time(JsonReader::Bound::AboveZero);
  } else if (kind == "poisson") {
    out.kind = ArrivalKind::Poisson;
    out.rate = arrival.field("rate").positive_number("a rate > 0 (requests per second)");
  } else {
    out.kind = ArrivalKind::Closed;
    const JsonReader think = arrival.field("think");
    out.outstanding = table_integer(arrival, arrival_table(), "outstanding", out.outstanding);
    if (think.present()) out.think = read_distribution(think, QuantityOf::Time);
    const JsonReader stagger = arrival.field("stagger");
    if (stagger.present()) out.stagger = stagger.time(JsonReader::Bound::AtLeastZero);
    // A cast gets no reply, so a closed loop of casts with no think time would send endlessly at time zero.
    if (casts && !(out.think.mean() > 0))
      think.fail(R"(a think time with a mean > 0 (a closed client that casts has no reply to wait for))");
  }
  return out;
}

namespace {

void read_server(const JsonReader& entry, const ServiceSpec& service, ClientSpec& client) {
  const JsonReader server = entry.field("server");
  const JsonReader choice = entry.field("server_choice");
  const std::string replica_of =
      fmt::format("a replica of service {} ({})", json_quoted(service.name), replica_range(service, service.replicas));
  if (server.present()) {
    const std::string name = server.name();
    // Through a broker, a server no replica has is allowed (prepare(server=X)): its requests route nowhere.
    if ((replica_index(name, service) == 0 || replica_index(name, service) > service.replicas) &&
        service.transport != TransportKind::Broker)
      server.fail(replica_of);
    client.server = name;
  }
  if (!choice.present()) {
    client.server_choice = client.server ? ServerChoice::Fixed : ServerChoice::RoundRobin;
    return;
  }
  const std::string name = choice.one_of(client_table().choices("server_choice"));
  if (name == "fixed" && !client.server) server.fail(replica_of + R"(, which server_choice "fixed" needs)");
  if (name != "fixed" && client.server) choice.fail(R"("fixed" or nothing (a "server" is given))");
  client.server_choice =
      name == "fixed" ? ServerChoice::Fixed : (name == "random" ? ServerChoice::Random : ServerChoice::RoundRobin);
}

ClientSpec read_client(const JsonReader& entry, const std::vector<ServiceSpec>& services, const HostDirectory& hosts,
                       UniqueNames& names) {
  entry.expect_object(client_table().keys());
  ClientSpec client;
  client.name = entry.field("name").name();
  names.claim(entry.field("name"), client.name, entry.path());
  client.hosts = read_host_or_group(entry.field("host"), hosts);
  client.count = table_integer(entry, client_table(), "count", client.count);
  if (entry.field("timeout").present()) client.timeout = entry.field("timeout").time(JsonReader::Bound::AboveZero);
  if (entry.field("start").present()) client.start = entry.field("start").time(JsonReader::Bound::AtLeastZero);
  if (entry.field("call_monitor_timeout").present())
    client.call_monitor_timeout = entry.field("call_monitor_timeout").time(JsonReader::Bound::AboveZero);

  const JsonReader steps = entry.field("steps");
  if (steps.present()) {
    // A script of requests: the single-request fields would be ambiguous beside it.
    for (const char* field : {"method", "mode", "server", "payload", "namespace", "version", "fanout", "retries"})
      entry.field(field).forbid(fmt::format("\"{}\" goes in each of the \"steps\"", field));
    if (entry.field("service").present())
      client.service = entry.field("service").reference(service_names_of(services), "a service name");
    for (const auto& step : steps.items("a non-empty list of steps", true)) {
      StepSpec spec = read_step(step, services, &client, nullptr);
      if (client.service.empty()) client.service = spec.service;  // the first step's service sets the transport
      if (!spec.timeout) spec.timeout = client.timeout;
      client.steps.push_back(std::move(spec));
    }
    for (const auto& spec : client.steps) client.mode = spec.mode;  // for the arrival's think-time rule below
    bool any_call = false;
    for (const auto& spec : client.steps) any_call = any_call || spec.mode == CallMode::Call;
    client.mode = any_call ? CallMode::Call : CallMode::Cast;
  } else {
    client.service = entry.field("service").reference(service_names_of(services), "a service name");
    const ServiceSpec& service =
        *std::find_if(services.begin(), services.end(), [&](const ServiceSpec& s) { return s.name == client.service; });
    client.method = entry.field("method").reference(method_names_of(service),
                                                    fmt::format("a method of service {}", json_quoted(service.name)));
    if (entry.field("mode").present())
      client.mode =
          entry.field("mode").one_of(client_table().choices("mode")) == "cast" ? CallMode::Cast : CallMode::Call;
    read_server(entry, service, client);
    if (entry.field("payload").present())
      client.payload_bytes = read_distribution(entry.field("payload"), QuantityOf::Size);
    if (entry.field("namespace").present()) client.name_space = entry.field("namespace").string();
    if (entry.field("version").present()) {
      client.version = entry.field("version").string();
      if (!parse_rpc_version(client.version)) entry.field("version").fail(R"(a version like "2.0" or "1.3.1")");
    }
    if (entry.field("fanout").present()) {
      const JsonReader fanout = entry.field("fanout");
      if (!fanout.value().is_boolean()) fanout.fail("true or false");
      client.fanout = fanout.value().get<bool>();
      if (client.fanout && service.transport != TransportKind::Broker)
        fanout.fail_message("fanout needs a service behind a broker (a fanout exchange)");
      if (client.fanout && client.server)
        fanout.fail_message("a fanout request goes to every server of the topic: it takes no \"server\"");
    }
    client.retries = table_integer(entry, client_table(), "retries", client.retries);
    if (client.call_monitor_timeout > 0 &&
        (service.transport != TransportKind::Broker || client.mode != CallMode::Call))
      entry.field("call_monitor_timeout")
          .fail_message("call_monitor_timeout applies to calls to a service behind a broker");
  }
  const ServiceSpec& home =
      *std::find_if(services.begin(), services.end(), [&](const ServiceSpec& s) { return s.name == client.service; });
  if (entry.field("retry").present()) {
    if (home.transport != TransportKind::Broker)
      entry.field("retry").forbid("retry only applies to a broker transport");
    client.retry = table_integer(entry, client_table(), "retry");
  }
  if (steps.present() && entry.field("server_choice").present()) {
    const std::string name = entry.field("server_choice").one_of({"random", "round_robin"});
    client.server_choice = name == "random" ? ServerChoice::Random : ServerChoice::RoundRobin;
  }
  client.arrival = read_arrival(entry.field("arrival"), client.mode == CallMode::Cast);
  return client;
}

}  // namespace

std::vector<ClientSpec> read_clients(const JsonReader& clients, const std::vector<ServiceSpec>& services,
                                     const HostDirectory& hosts) {
  std::vector<ClientSpec> out;
  UniqueNames names("client");
  if (!clients.present()) return out;
  for (const auto& entry : clients.items("a list of clients", false))
    out.push_back(read_client(entry, services, hosts, names));
  return out;
}

}  // namespace buslab
