#include <fmt/format.h>

#include "sim/schema_sections.hpp"

namespace buslab {

namespace {

const ServiceSpec& service_named(const Scenario& scenario, const JsonValue& v) {
  std::vector<std::string> names;
  for (const auto& s : scenario.services) names.push_back(s.name);
  return *scenario.find_service(v.choice(names));
}

void read_arrival(const JsonValue& v, ClientSpec& spec) {
  FieldReader fields(v);
  const std::string kind = fields.required("kind").choice({"fixed", "poisson", "closed"});
  ArrivalSpec& a = spec.arrival;
  if (kind == "fixed") {
    a.kind = ArrivalKind::Fixed;
    a.count = static_cast<int>(fields.required("count").integer(1, 1000000000));
    a.interval = fields.required("interval").time(0.0, true);
  } else if (kind == "poisson") {
    a.kind = ArrivalKind::Poisson;
    a.rate = fields.required("rate").number(0.0);
  } else {
    a.kind = ArrivalKind::Closed;
    if (auto o = fields.field("outstanding"); o.present()) a.outstanding = static_cast<int>(o.integer(1, 1000000));
    if (auto t = fields.field("think"); t.present()) {
      a.think = t.time_distribution();
      if (spec.mode == RpcMode::Cast && a.think.mean() <= 0)
        t.fail("a think time with a mean > 0 (a closed loop of casts never waits for anything else)");
    } else if (spec.mode == RpcMode::Cast) {
      fields.fail_message(
          "a closed loop of casts needs a \"think\" time > 0: a cast does not wait for a reply, so nothing else would "
          "pace it");
    }
  }
  fields.finish();
}

}  // namespace

void read_clients(SchemaContext& ctx, const JsonValue& v) {
  std::vector<std::string> names;
  for (const JsonValue& item : v.list(1)) {
    FieldReader fields(item);
    ClientSpec spec;
    const JsonValue name = fields.required("name");
    spec.name = name.name();
    check_unique(names, spec.name, name, "client");
    spec.hosts = ctx.hosts_of(fields.required("host"));
    if (auto c = fields.field("count"); c.present()) spec.count = static_cast<int>(c.integer(1, 1000000));
    const ServiceSpec& service = service_named(ctx.scenario, fields.required("service"));
    spec.service = service.name;
    const JsonValue method = fields.required("method");
    std::vector<std::string> methods;
    for (const auto& m : service.methods) methods.push_back(m.name);
    spec.method = method.choice(methods);
    if (auto m = fields.field("mode"); m.present())
      spec.mode = m.choice({"call", "cast"}) == "call" ? RpcMode::Call : RpcMode::Cast;
    if (auto s = fields.field("server"); s.present()) {
      std::vector<std::string> replicas;
      for (int i = 1; i <= service.replicas; ++i) replicas.push_back(replica_name(service.name, i));
      spec.server = s.choice(replicas);
    }
    if (auto t = fields.field("timeout"); t.present()) spec.timeout = t.time(0.0, true);
    if (auto p = fields.field("payload"); p.present()) spec.payload_bytes = p.size_distribution();
    if (auto s = fields.field("start"); s.present()) spec.start = s.time(0.0);
    read_arrival(fields.required("arrival"), spec);
    if (auto c = fields.field("server_choice"); c.present()) {
      // Behind a broker the broker picks the server and this is not used; it is accepted there so that one client
      // can serve both transports in a scenario's variants.
      const std::string choice = c.choice({"fixed", "random", "round_robin"});
      spec.server_choice = choice == "fixed"    ? ServerChoice::Fixed
                           : choice == "random" ? ServerChoice::Random
                                                : ServerChoice::RoundRobin;
      if (spec.server_choice == ServerChoice::Fixed && !spec.server)
        c.fail_message("server_choice \"fixed\" needs a \"server\" (a replica name, like \"" +
                       replica_name(service.name, 1) + "\")");
    }
    fields.finish();
    ctx.scenario.clients.push_back(spec);
  }
}

}  // namespace buslab
