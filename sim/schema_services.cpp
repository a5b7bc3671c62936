#include <fmt/format.h>

#include "models/rpc/codec.hpp"
#include "sim/schema_sections.hpp"

namespace buslab {

void read_brokers(SchemaContext& ctx, const JsonValue& v) {
  std::vector<std::string> names;
  for (const JsonValue& item : v.list()) {
    FieldReader fields(item);
    BrokerSpec spec;
    const JsonValue name = fields.required("name");
    spec.name = name.name();
    check_unique(names, spec.name, name, "broker");
    const JsonValue host = fields.required("host");
    const auto& hosts = ctx.hosts_of(host);
    if (hosts.size() != 1) host.fail("a single host (not a group)");
    spec.host = hosts.front();
    if (JsonValue cost = fields.field("cost"); cost.present()) {
      FieldReader c(cost);
      if (auto w = c.field("publish"); w.present()) spec.cost.publish = w.work();
      if (auto w = c.field("route"); w.present()) spec.cost.route = w.work();
      if (auto w = c.field("deliver"); w.present()) spec.cost.deliver = w.work();
      if (auto w = c.field("ack"); w.present()) spec.cost.ack = w.work();
      c.finish();
    }
    fields.finish();
    ctx.scenario.brokers.push_back(spec);
  }
}

namespace {

void read_transport(SchemaContext& ctx, const JsonValue& v, ServiceSpec& spec) {
  const std::string text = v.string();
  if (text == "direct") {
    spec.transport = TransportKind::Direct;
    return;
  }
  const std::string prefix = "broker:";
  std::vector<std::string> choices{"direct"};
  for (const auto& b : ctx.scenario.brokers) choices.push_back(prefix + b.name);
  if (text.rfind(prefix, 0) == 0 && ctx.scenario.find_broker(text.substr(prefix.size()))) {
    spec.transport = TransportKind::Broker;
    spec.broker = text.substr(prefix.size());
    return;
  }
  v.choice(choices);  // fails, with a hint when one is close
}

void read_executor(const JsonValue& v, ServiceSpec& spec) {
  FieldReader fields(v);
  if (auto k = fields.field("kind"); k.present()) {
    const std::string kind = k.choice({"blocking", "threading", "eventlet"});
    spec.executor = kind == "blocking"    ? ExecutorKind::Blocking
                    : kind == "threading" ? ExecutorKind::Threading
                                          : ExecutorKind::Eventlet;
  }
  spec.workers = spec.executor == ExecutorKind::Blocking ? 1 : 64;
  if (auto w = fields.field("workers"); w.present()) {
    spec.workers = static_cast<int>(w.integer(1, 100000));
    if (spec.executor == ExecutorKind::Blocking && spec.workers != 1)
      w.fail("1 (a blocking executor runs one request at a time)");
  }
  fields.finish();
}

}  // namespace

void read_services(SchemaContext& ctx, const JsonValue& v) {
  std::vector<std::string> names;
  for (const JsonValue& item : v.list(1)) {
    FieldReader fields(item);
    ServiceSpec spec;
    const JsonValue name = fields.required("name");
    spec.name = name.name();
    check_unique(names, spec.name, name, "service");
    read_transport(ctx, fields.required("transport"), spec);
    spec.topic = spec.name;
    if (auto t = fields.field("topic"); t.present()) spec.topic = t.name();
    if (auto r = fields.field("replicas"); r.present()) spec.replicas = static_cast<int>(r.integer(1, 100000));
    spec.hosts = ctx.hosts_of_list(fields.required("hosts"));
    if (auto e = fields.field("executor"); e.present()) read_executor(e, spec);
    const bool brokered = spec.transport == TransportKind::Broker;
    if (auto p = fields.field("prefetch"); p.present()) {
      if (!brokered) p.fail_message("prefetch only applies to a service behind a broker (transport \"broker:<name>\")");
      spec.prefetch = static_cast<int>(p.integer(0, 1000000));
    }
    if (auto a = fields.field("ack"); a.present()) {
      if (!brokered) a.fail_message("ack only applies to a service behind a broker (transport \"broker:<name>\")");
      spec.ack = a.choice({"before", "after"}) == "before" ? AckTiming::BeforeProcessing : AckTiming::AfterProcessing;
    }
    if (auto c = fields.field("codec"); c.present()) {
      std::vector<std::string> codecs;
      for (const auto& codec : builtin_codecs()) codecs.push_back(codec.name);
      spec.codec = c.choice(codecs);
    }
    const JsonValue methods = fields.required("methods");
    FieldReader method_fields(methods);
    if (methods.json().empty()) methods.fail("an object with at least one method");
    for (const auto& [method_name, ignored] : methods.json().items()) {
      (void)ignored;
      FieldReader m(method_fields.field(method_name));
      MethodSpec method;
      method.name = method_name;
      method.service_time = m.required("service_time").time_distribution();
      method.reply_bytes = Distribution::constant(256);
      if (auto r = m.field("reply_bytes"); r.present()) method.reply_bytes = r.size_distribution();
      m.finish();
      spec.methods.push_back(method);
    }
    fields.finish();
    ctx.scenario.services.push_back(spec);
  }
}

}  // namespace buslab
