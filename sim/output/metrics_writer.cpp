#include "sim/output/metrics_writer.hpp"

#include "sim/output/call_metrics.hpp"
#include "sim/output/latency_json.hpp"
#include "sim/output/provenance.hpp"
#include "sim/output/servicegroup_metrics.hpp"

namespace buslab {

namespace {

using Json = nlohmann::ordered_json;

Json clients_json(const Scenario& scenario, const World& world) {
  Json clients = Json::array();
  for (const auto& spec : scenario.clients) {
    Json methods = Json::object();
    auto group = world.metrics.clients().find(spec.name);
    if (group != world.metrics.clients().end()) {
      for (const auto& [method, stats] : group->second) {
        Json failures = Json::object();
        for (const auto& [reason, n] : stats.failures) failures[reason] = n;
        methods[method] = Json{{"sent", stats.sent},
                               {"completed", stats.completed},
                               {"timed_out", stats.timed_out},
                               {"failed", stats.failed},
                               {"pending", stats.pending},
                               {"late_replies", stats.late_replies},
                               {"retried", stats.retried},
                               {"failures", failures},
                               {"latency_s", latency_json(stats.latency.summarize())}};
      }
    }
    clients.push_back(Json{{"name", spec.name},
                           {"instances", spec.count},
                           {"mode", spec.mode == RpcMode::Call ? "call" : "cast"},
                           {"service", spec.service},
                           {"methods", methods}});
  }
  return clients;
}

Json servers_json(const World& world) {
  Json servers = Json::array();
  for (const std::string& name : world.metrics.server_order()) {
    const ServerStats& s = world.metrics.servers().at(name);
    const double capacity = s.workers * s.up_time;
    servers.push_back(Json{{"name", name},
                           {"service", s.service},
                           {"host", s.host},
                           {"workers", s.workers},
                           {"handled", s.handled},
                           {"failed", s.failed},
                           {"busy_time_s", s.busy_time},
                           {"up_time_s", s.up_time},
                           {"utilisation", capacity > 0 ? s.busy_time / capacity : 0.0},
                           {"cpu_time_s", s.cpu_time},
                           {"cpu_utilisation", s.up_time > 0 ? s.cpu_time / (s.host_cores * s.up_time) : 0.0},
                           {"lost_in_crash", s.lost_in_crash},
                           {"replies_returned", s.replies_returned}});
  }
  return servers;
}

Json queues_json(const World& world) {
  Json queues = Json::array();
  for (const auto& [name, q] : world.metrics.queues()) {
    queues.push_back(Json{{"name", name},
                          {"broker", q.broker},
                          {"published", q.published},
                          {"delivered", q.delivered},
                          {"acked", q.acked},
                          {"redelivered", q.redelivered},
                          {"dropped", q.dropped},
                          {"expired", q.expired},
                          {"dead_lettered", q.dead_lettered},
                          {"max_depth", q.max_depth},
                          {"max_bytes", q.max_bytes},
                          {"remaining", q.remaining},
                          {"deleted", q.deleted}});
  }
  return queues;
}

Json brokers_json(const World& world) {
  Json brokers = Json::array();
  for (const auto& [name, b] : world.metrics.brokers()) {
    brokers.push_back(Json{{"name", name},
                           {"host", b.host},
                           {"publishes", b.publishes},
                           {"unroutable", b.unroutable},
                           {"returned", b.returned},
                           {"confirmed", b.confirmed},
                           {"nacked", b.nacked},
                           {"disk_writes", b.disk_writes},
                           {"max_memory_bytes", b.max_memory_bytes},
                           {"blocked_time_s", b.blocked_time},
                           {"crashes", b.crashes},
                           {"lost_in_crash", b.lost_in_crash},
                           {"connections", b.connections}});
  }
  return brokers;
}

Json publishers_json(const Scenario& scenario, const World& world) {
  Json publishers = Json::array();
  for (const auto& spec : scenario.publishers) {
    auto it = world.metrics.publishers().find(spec.name);
    if (it == world.metrics.publishers().end()) continue;
    const PublisherStats& p = it->second;
    publishers.push_back(Json{{"name", spec.name},
                              {"instances", spec.count},
                              {"published", p.published},
                              {"confirmed", p.confirmed},
                              {"nacked", p.nacked},
                              {"returned", p.returned},
                              {"failed", p.failed},
                              {"confirm_latency_s", latency_json(p.confirm_latency.summarize())}});
  }
  return publishers;
}

Json consumers_json(const World& world) {
  Json consumers = Json::array();
  for (const std::string& name : world.metrics.consumer_order()) {
    const ConsumerStats& c = world.metrics.consumers().at(name);
    const double capacity = c.workers * c.up_time;
    consumers.push_back(Json{{"name", name},
                             {"queue", c.queue},
                             {"host", c.host},
                             {"workers", c.workers},
                             {"handled", c.handled},
                             {"rejected", c.rejected},
                             {"redelivered", c.redelivered},
                             {"busy_time_s", c.busy_time},
                             {"up_time_s", c.up_time},
                             {"utilisation", capacity > 0 ? c.busy_time / capacity : 0.0},
                             {"lost_in_crash", c.lost_in_crash},
                             {"latency_s", latency_json(c.latency.summarize())}});
  }
  return consumers;
}

// `accounted_for`: what the end-of-run check (sim/deploy/conservation.cpp) found.
Json conservation_json(const World& world, bool accounted_for) {
  const LedgerTotals t = world.ledger.totals();
  Json dropped = Json::object(), lost = Json::object(), remaining = Json::object();
  for (size_t i = 0; i < t.dropped.size(); ++i) dropped[to_string(static_cast<DropReason>(i))] = t.dropped[i];
  for (size_t i = 0; i < t.lost.size(); ++i) lost[to_string(static_cast<LossCause>(i))] = t.lost[i];
  for (size_t i = 0; i < t.remaining.size(); ++i) remaining[to_string(static_cast<Place>(i))] = t.remaining[i];
  return Json{{"created", t.created}, {"consumed", t.consumed}, {"dropped", dropped},       {"expired", t.expired},
              {"lost", lost},         {"remaining", remaining}, {"balanced", accounted_for}};
}

}  // namespace

Json metrics_json(const Scenario& scenario, const World& world, const RunTimes& times, bool accounted_for) {
  Json root;
  root["schema"] = kMetricsSchema;
  root["scenario"] = scenario.name;
  root["variant"] = scenario.variant;
  root["seed"] = scenario.seed;
  root["sim_time_s"] = times.end;
  root["load_end_s"] = times.load_end;
  root["drained"] = times.drained;
  root["clients"] = clients_json(scenario, world);
  root["servers"] = servers_json(world);
  if (world.trace.tally().nested()) root["methods"] = methods_json(world);
  root["publishers"] = publishers_json(scenario, world);
  root["consumers"] = consumers_json(world);
  root["brokers"] = brokers_json(world);
  root["queues"] = queues_json(world);
  if (scenario.servicegroup.declared) {
    root["servicegroup"] = servicegroup_json(scenario, world, times.end);
    root["service_lists"] = service_lists_json(scenario, world);
  }
  root["conservation"] = conservation_json(world, accounted_for);
  root["provenance"] = provenance_json(scenario);
  return root;
}

}  // namespace buslab
