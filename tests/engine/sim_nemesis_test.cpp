// A seeded nemesis against randomly built deployments: every run must end (no abort, no internal error) with
// every message accounted for (the engine's end-of-run census, models/accounting/census.hpp) and every queue
// delivering in FIFO order, checked twice: by the queues themselves on every first delivery, and from each run's
// trace.json alone (tests/support/trace_fifo.hpp), which also checks that one sender's messages reach a queue in
// the order they were sent. Each scenario is built from the labs' building blocks (brokered and direct services,
// call and cast clients, AMQP publishers and consumers, durable queues, failover brokers, shared links) and
// faulted by `faults.random`: kills and restarts, host and link outages, hangs, broker crashes, some at the same
// instant.
//
// ctest runs 500 scenarios in 4 shards (each a ctest entry, so `ctest -j2` runs two at once), and the same 500 on the
// queueing engine in 2 (without shared links, which it refuses); the full-size run is
//   BUSLAB_NEMESIS_RUNS=20000 build/tests/buslab_engine_tests --gtest_filter='*Nemesis*'
// (the count is split over the shards; a failure names the scenario's seed: BUSLAB_NEMESIS_FIRST=<seed> with
// BUSLAB_NEMESIS_RUNS=1 replays it, and the scenario is printed).
#include <gtest/gtest.h>

#include <cstdlib>

#include <fmt/format.h>

#include "models/core/rng.hpp"
#include "tests/support/sim_support.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/trace_fifo.hpp"
#include "tracefile/trace_reader.hpp"

namespace buslab {

namespace {

using Json = nlohmann::ordered_json;

constexpr int kShards = 4;
constexpr int kQueueingShards = 2;  // its runs are several times faster

uint64_t env_or(const char* name, uint64_t fallback) {
  const char* value = std::getenv(name);
  return value ? std::strtoull(value, nullptr, 10) : fallback;
}

// One random deployment, drawn from `seed`.
class ScenarioBuilder {
 public:
  // `shared_links`: whether the platform may have a shared link (the queueing engine has none).
  ScenarioBuilder(uint64_t seed, bool shared_links)
      : rng_(seed, "nemesis-scenario"), seed_(seed), shared_links_(shared_links) {}

  Json build() {
    Json s;
    s["name"] = fmt::format("nemesis-{}", seed_);
    s["seed"] = seed_;
    s["duration"] = pick({"1s", "1500ms", "2s"});
    s["drain"] = "20s";
    const bool two_brokers = chance(0.3);
    Json hosts = Json::array({Json{{"name", "api"}}, Json{{"name", "mq"}, {"cores", 1 + below(2)}},
                              Json{{"name", "node"}, {"count", 1 + below(3)}}});
    if (two_brokers) hosts.push_back(Json{{"name", "mq-b"}});
    s["platform"]["hosts"] = hosts;
    if (chance(0.3) && shared_links_)
      s["platform"]["links"] =
          Json::array({Json{{"name", "rack"}, {"latency", "100us"}, {"bandwidth", "1Gbps"}, {"hosts", {"node"}}}});
    Json brokers = Json::array({broker("mq", "mq")});
    if (two_brokers) brokers.push_back(broker("mq-b", "mq-b"));
    s["brokers"] = brokers;
    const std::string transport = two_brokers && chance(0.5) ? "broker:mq,mq-b" : "broker:mq";
    Json services = Json::array(), clients = Json::array();
    const int n_services = 1 + below(2);
    for (int i = 0; i < n_services; ++i) {
      const std::string name = fmt::format("svc{}", i);
      services.push_back(service(name, chance(0.7) ? transport : pick({"direct", "xmlrpc", "jsonrpc", "zerorpc"})));
      clients.push_back(client(fmt::format("c{}", i), name));
    }
    s["services"] = services;
    s["clients"] = clients;
    if (chance(0.5)) add_amqp(s);
    s["faults"]["random"] = nemesis(s);
    return s;
  }

 private:
  Json broker(const std::string& name, const std::string& host) {
    Json b{{"name", name}, {"host", host}, {"heartbeat", pick({"2s", "10s"})}};
    b["exchanges"] = Json::array({Json{{"name", "jobs"}, {"type", "direct"}, {"durable", chance(0.5)}}});
    b["queues"] = Json::array({Json{{"name", "work"},
                                    {"durable", chance(0.5)},
                                    {"bindings", Json::array({Json{{"exchange", "jobs"}, {"key", "work"}}})}}});
    if (chance(0.3)) b["queues"][0]["max_length"] = 5 + below(20);
    if (chance(0.3)) b["queues"][0]["message_ttl"] = pick({"200ms", "1s"});
    return b;
  }

  Json service(const std::string& name, const std::string& transport) {
    Json svc{{"name", name}, {"transport", transport}, {"replicas", 1 + below(3)}, {"hosts", {"node"}}};
    svc["executor"] = Json{{"kind", pick({"blocking", "threading", "eventlet"})}};
    if (transport.rfind("broker:", 0) == 0) {
      svc["ack"] = pick({"before", "after"});
      svc["prefetch"] = below(4);
    }
    Json method{{"service_time", pick({"1ms", "5ms", "20ms"})}};
    if (chance(0.3)) method["io_time"] = pick({"10ms", "100ms"});
    svc["methods"]["m"] = method;
    return svc;
  }

  Json client(const std::string& name, const std::string& service) {
    Json c{{"name", name}, {"host", "api"}, {"service", service}, {"method", "m"}, {"count", 1 + below(3)}};
    c["mode"] = chance(0.2) ? "cast" : "call";
    c["timeout"] = pick({"300ms", "1s", "3s"});
    if (chance(0.3)) c["retries"] = 1;
    if (chance(0.5))
      c["arrival"] = Json{{"kind", "poisson"}, {"rate", 10 + below(60)}};
    else if (c["mode"] == "call")
      c["arrival"] = Json{{"kind", "closed"}, {"outstanding", 1 + below(4)}};
    else  // a closed cast loop has no reply to wait for: it thinks between casts
      c["arrival"] = Json{{"kind", "closed"}, {"outstanding", 1 + below(4)}, {"think", "20ms"}};
    return c;
  }

  void add_amqp(Json& s) {
    Json p{{"name", "pub"},
           {"host", "api"},
           {"broker", s["brokers"].size() > 1 ? "mq,mq-b" : "mq"},
           {"exchange", "jobs"},
           {"routing_key", "work"}};
    p["persistent"] = chance(0.5);
    p["mandatory"] = chance(0.3);
    if (chance(0.4)) {
      p["confirms"] = true;
      p["arrival"] = Json{{"kind", "closed"}, {"outstanding", 1 + below(4)}};
    } else {
      p["arrival"] = Json{{"kind", "poisson"}, {"rate", 10 + below(50)}};
    }
    s["publishers"] = Json::array({p});
    Json c{{"name", "worker"}, {"host", "node1"}, {"broker", p["broker"]}, {"queue", "work"}, {"count", 1 + below(2)}};
    c["ack"] = pick({"auto", "before", "after"});
    c["prefetch"] = below(4);
    c["processing_time"] = pick({"1ms", "10ms"});
    if (c["ack"] == "after" && chance(0.3)) c["reject"] = Json{{"probability", 0.2}, {"requeue", chance(0.5)}};
    s["consumers"] = Json::array({c});
  }

  Json nemesis(const Json& s) {
    Json r{{"seed", seed_}, {"same_instant", 0.3}, {"down_for", {"100ms", "1500ms"}}};
    const int kills = below(4);
    r["kills"] = kills;
    r["restarts"] = kills == 0 ? 0 : below(static_cast<uint64_t>(kills) + 1);
    r["host_down"] = below(2);
    r["hangs"] = below(2);
    r["broker_crashes"] = below(2);
    if (s["platform"].contains("links")) r["link_down"] = below(2);
    return r;
  }

  int below(uint64_t n) { return static_cast<int>(rng_.below(n)); }
  bool chance(double p) { return rng_.uniform01() < p; }
  std::string pick(std::initializer_list<const char*> choices) {
    return *(choices.begin() + rng_.below(choices.size()));
  }

  Rng rng_;
  uint64_t seed_;
  bool shared_links_;
};

// What a shard ran: its scenarios and the messages they created and lost to the faults.
struct ShardTotals {
  uint64_t scenarios = 0, created = 0, lost = 0;
};

// Runs shard `shard` of `shards` of the nemesis's scenarios on `engine`, asserting each run's conservation and order
// as it goes (fatally: the first failing seed stops the shard); `totals` says what it ran.
void run_shard(EngineKind engine, int shard, int shards, ShardTotals& totals) {
  const uint64_t runs = env_or("BUSLAB_NEMESIS_RUNS", 500), first = env_or("BUSLAB_NEMESIS_FIRST", 1);
  uint64_t faults = 0, lost = 0, created = 0, first_deliveries = 0, channel_messages = 0;
  for (uint64_t seed = first + static_cast<uint64_t>(shard); seed < first + runs;
       seed += static_cast<uint64_t>(shards)) {
    const std::string text = ScenarioBuilder(seed, engine == EngineKind::Simgrid).build().dump();
    SCOPED_TRACE(fmt::format("nemesis scenario of seed {}: {}", seed, text));
    const testing::TempDir out("nemesis");
    nlohmann::ordered_json m;
    try {
      m = testing::run_json(text, out.path(), "", engine);
    } catch (const std::exception& e) {
      FAIL() << e.what();
    }
    const tracefile::Trace trace = tracefile::read_trace(out.file("trace.json"));
    const testing::FifoCheck fifo = testing::check_fifo_per_queue(trace);
    ASSERT_EQ(fifo.violation, "");
    first_deliveries += fifo.first_deliveries;
    const testing::FifoCheck channels = testing::check_channel_order(trace);
    ASSERT_EQ(channels.violation, "");
    channel_messages += channels.first_deliveries;
    const auto& c = m["conservation"];
    ASSERT_TRUE(c["balanced"].get<bool>());
    ASSERT_EQ(c["created"].get<uint64_t>(), c["consumed"].get<uint64_t>() + testing::sum_of(c["dropped"]) +
                                                c["expired"].get<uint64_t>() + testing::sum_of(c["lost"]) +
                                                testing::sum_of(c["remaining"]));
    for (const auto& client : m["clients"])
      for (const auto& [method, s] : client["methods"].items())
        ASSERT_EQ(s["sent"].get<uint64_t>(), s["completed"].get<uint64_t>() + s["timed_out"].get<uint64_t>() +
                                                 s["failed"].get<uint64_t>() + s["pending"].get<uint64_t>());
    created += c["created"].get<uint64_t>();
    lost += testing::sum_of(c["lost"]);
    faults += 1;
  }
  std::cout << fmt::format(
      "{} engine, shard {}: {} scenarios, {} messages, {} lost to faults, {} first deliveries in FIFO order, {} "
      "messages routed "
      "in their channel's order\n",
      engine == EngineKind::Simgrid ? "SimGrid" : "queueing", shard, faults, created, lost, first_deliveries,
      channel_messages);
  totals = ShardTotals{faults, created, lost};
}

class Nemesis : public ::testing::TestWithParam<int> {};
class QueueingNemesis : public ::testing::TestWithParam<int> {};

}  // namespace

TEST_P(Nemesis, EveryMessageIsAccountedForAndEveryQueueIsFifo) {
  ShardTotals totals;
  run_shard(EngineKind::Simgrid, GetParam(), kShards, totals);
  // Each scenario made messages (a shard may have none to run when BUSLAB_NEMESIS_RUNS is below the shard count).
  EXPECT_GE(totals.created, totals.scenarios);
  if (totals.scenarios >= 50) {
    EXPECT_GT(totals.lost, 0u);  // the nemesis did bite
  }
}

// The same scenarios on the queueing engine, without shared links (it has none, and refuses them).
TEST_P(QueueingNemesis, EveryMessageIsAccountedForAndEveryQueueIsFifo) {
  ShardTotals totals;
  run_shard(EngineKind::Queueing, GetParam(), kQueueingShards, totals);
  // Each scenario made messages (a shard may have none to run when BUSLAB_NEMESIS_RUNS is below the shard count).
  EXPECT_GE(totals.created, totals.scenarios);
  if (totals.scenarios >= 50) {
    EXPECT_GT(totals.lost, 0u);  // the nemesis did bite
  }
}

INSTANTIATE_TEST_SUITE_P(Shards, Nemesis, ::testing::Range(0, kShards));
INSTANTIATE_TEST_SUITE_P(Shards, QueueingNemesis, ::testing::Range(0, kQueueingShards));

}  // namespace buslab
