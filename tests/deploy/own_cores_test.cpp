// Which processes time their own CPU work (Deployment::give_own_cores, ProcessHost::own_cores): those of a host
// whose processes each bound their pieces of CPU work at once (a broker: one per core; a server: its workers for a
// thread pool, one for green threads, one more for a threaded XML-RPC server's accepting thread), the bounds adding
// up to no more than the host's cores, with no scale-out onto the host. Read through a ProcessHost that records
// what the deployment tells it.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "sim/deploy/deployment.hpp"
#include "sim/deploy/host_load.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace buslab {
namespace {

class RecordingHost final : public ProcessHost {
 public:
  double now() const override { return 0.0; }
  void add_process(NodeId, Node&, const std::string&) override {}
  void own_cores(NodeId id, int pieces) override { owned[id] = pieces; }
  void start_all() override {}
  void stop_all() override {}
  void add_disk(const std::string&, double) override {}
  std::map<NodeId, int> owned;
};

// The processes given their own cores, by name, with how many pieces each.
std::map<std::string, int> owners(const std::string& json) {
  const Scenario scenario = load_scenario(nlohmann::json::parse(json), "own-cores.json");
  World world(false);
  RecordingHost host;
  Deployment deployment(scenario, world, host);
  std::map<std::string, int> named;
  for (const auto& [id, pieces] : host.owned) named[world.directory.name(id)] = pieces;
  return named;
}

// A broker on `mq` (4 cores), service svc on `node` (2 hosts of 4 cores) and one client on `api`; `service`
// completes svc's members (and may add services after it), `extra` the document.
std::string scenario(const std::string& service, const std::string& extra = "") {
  return R"({"duration": "1s",
    "platform": {"hosts": [{"name": "mq", "cores": 4}, {"name": "node", "count": 2, "cores": 4}, {"name": "api"}]},
    "brokers": [{"name": "mq", "host": "mq"}],
    "services": [{"name": "svc", "transport": "broker:mq", )" +
         service + R"(}],
    "clients": [{"name": "c", "host": "api", "service": "svc", "method": "m",
                 "arrival": {"kind": "closed", "outstanding": 1}}])" +
         extra + "}";
}

const std::string kMethod = R"("methods": {"m": {"service_time": "1ms"}})";

TEST(OwnCores, ABrokerAloneOnItsHostAndServersWhoseWorkersFitTheirCoresTimeTheirOwnWork) {
  // Two replicas of 2 threads on each 4-core host: 4 pieces at most per host. The client has no bound: not its host.
  const auto owned = owners(
      scenario(R"("hosts": ["node"], "replicas": 4, "executor": {"kind": "threading", "workers": 2}, )" + kMethod));
  EXPECT_EQ(owned, (std::map<std::string, int>{{"mq", 4}, {"svc-1", 2}, {"svc-2", 2}, {"svc-3", 2}, {"svc-4", 2}}));
}

TEST(OwnCores, AHostWhoseProcessesMayAskForMoreThanItsCoresTimesNothingItself) {
  // 3 replicas of 2 threads on node1 (6 pieces on 4 cores), 2 on node2 (4 pieces): only node2's.
  EXPECT_EQ(owners(scenario(R"("hosts": ["node"], "replicas": 5, "executor": {"kind": "threading", "workers": 2}, )" +
                            kMethod)),
            (std::map<std::string, int>{{"mq", 4}, {"svc-2", 2}, {"svc-4", 2}}));
  // A replica beside the broker: 4 + 1 pieces on 4 cores.
  EXPECT_EQ(owners(scenario(R"("hosts": ["mq"], "executor": {"kind": "threading", "workers": 1}, )" + kMethod)),
            (std::map<std::string, int>{}));
}

TEST(OwnCores, GreenThreadsComputeOnOneCoreWhateverTheirNumber) {
  EXPECT_EQ(owners(scenario(R"("hosts": ["node"], "replicas": 2, "executor": {"kind": "eventlet", "workers": 64}, )" +
                            kMethod)),
            (std::map<std::string, int>{{"mq", 4}, {"svc-1", 1}, {"svc-2", 1}}));
}

TEST(OwnCores, AScaleOutOntoAHostLeavesItOut) {
  const std::string service =
      R"("hosts": ["node"], "replicas": 2, "executor": {"kind": "threading", "workers": 2}, )" + kMethod;
  // By name, or through the service's hosts: the replicas it adds are not counted, so neither node host is sure.
  EXPECT_EQ(owners(scenario(service, R"(,
    "faults": [{"at": "0.5s", "action": "add_replicas", "target": "svc", "hosts": ["node1"]}])")),
            (std::map<std::string, int>{{"mq", 4}, {"svc-2", 2}}));
  EXPECT_EQ(owners(scenario(service, R"(,
    "faults": [{"at": "0.5s", "action": "add_replicas", "target": "svc"}])")),
            (std::map<std::string, int>{{"mq", 4}}));
  EXPECT_TRUE(scale_out_may_reach(load_scenario(nlohmann::json::parse(scenario(service, R"(,
    "faults": [{"at": "0.5s", "action": "add_replicas", "target": "svc"}])")),
                                                "own-cores.json"),
                                  "node2"));
}

TEST(OwnCores, AServerWhoseMethodsCallOthersHasNoBound) {
  // Its calls' encoding and decoding compute beside its requests' work.
  const auto owned = owners(scenario(R"("hosts": ["node1"], "executor": {"kind": "threading", "workers": 1},
      "methods": {"m": {"service_time": "1ms", "steps": [{"service": "db", "method": "get"}]}}},
      {"name": "db", "transport": "broker:mq", "hosts": ["node2"], "executor": {"kind": "threading", "workers": 2},
       "methods": {"get": {"service_time": "1ms"}})"));
  EXPECT_EQ(owned, (std::map<std::string, int>{{"mq", 4}, {"db-1", 2}}));
}

}  // namespace
}  // namespace buslab
