// Bad scenario inputs: each test breaks one thing of a valid scenario and asserts the whole message, which must
// name the file, the JSON path, what was expected and what was found.
#include <gtest/gtest.h>

#include "sim/scenario/default_scenario.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/support/scenario_test_util.hpp"

namespace buslab {
namespace {

using nlohmann::json;
using testing::error_of;
using testing::error_of_text;
using testing::small_scenario;

// small_scenario() with the value at JSON pointer `pointer` set to `value` (JSON text).
json with(const std::string& pointer, const std::string& value, json doc = small_scenario()) {
  doc[json::json_pointer(pointer)] = json::parse(value);
  return doc;
}

json without(const std::string& pointer, json doc = small_scenario()) {
  const json::json_pointer where(pointer);
  doc[where.parent_pointer()].erase(where.back());
  return doc;
}

TEST(BadScenario, TheBaseScenarioIsValid) {
  EXPECT_EQ(error_of(small_scenario()), "(no error)");
}

// --- Wrong types and out-of-range numbers

TEST(BadScenario, NegativeWorkers) {
  EXPECT_EQ(error_of(with("/services/1/executor/workers", "-3")),
            "default.json: services[1].executor.workers: expected an integer >= 1, found -3");
}

TEST(BadScenario, FloatWhereAnIntegerIsDue) {
  EXPECT_EQ(error_of(with("/services/0/replicas", "2.0")),
            "default.json: services[0].replicas: expected an integer from 1 to 100000, found 2.0");
}

TEST(BadScenario, HugeIntegerIsRefusedNotWrapped) {
  EXPECT_EQ(error_of(with("/services/0/replicas", "18446744073709551615")),
            "default.json: services[0].replicas: expected an integer from 1 to 100000, found 18446744073709551615");
  EXPECT_EQ(error_of(with("/platform/hosts/1/cores", "99999999999")),
            "default.json: platform.hosts[1].cores: expected an integer from 1 to 100000, found 99999999999");
}

TEST(BadScenario, ZeroRate) {
  EXPECT_EQ(error_of(with("/clients/0/arrival/rate", "0")),
            "default.json: clients[0].arrival.rate: expected a rate > 0 (requests per second), found 0");
}

TEST(BadScenario, ReplicaNamesAreOnePerReplicaUniqueAndNotTheDefaultOnes) {
  EXPECT_EQ(error_of(with("/services/1/replica_names", R"(["net1", "net2"])")),
            "default.json: services[1].replica_names: expected at most 1 name (one per replica), found "
            "[\"net1\",\"net2\"]; 2 names");
  EXPECT_EQ(error_of(with("/services/0/replica_names", R"(["node1", "node1"])")),
            "default.json: services[0].replica_names[1]: expected a name no other replica of this service has, found "
            "\"node1\"; it is given twice");
  EXPECT_EQ(error_of(with("/services/0/replica_names", R"(["compute-3"])")),
            "default.json: services[0].replica_names[0]: expected a name other than compute-<k> (replicas without a "
            "given name are called so), found \"compute-3\"");
  // A name another process has is refused like any other collision.
  EXPECT_EQ(error_of(with("/services/0/replica_names", R"(["rabbit"])")),
            "default.json: services[0].replica_names[0]: expected a name no other process has, found \"rabbit\"; "
            "it is also broker \"rabbit\"");
}

TEST(BadScenario, AFixedServerMustBeAReplicaByItsGivenName) {
  // A direct service: through a broker, a server no replica has is allowed (prepare(server=X) routes nowhere).
  json doc = with("/services/0/transport", R"("direct")", with("/services/0/replica_names", R"(["node1"])"));
  EXPECT_EQ(error_of(with("/clients/0/server", R"("compute-1")", doc)),
            "default.json: clients[0].server: expected a replica of service \"compute\" (\"node1\", \"compute-2\" "
            "to \"compute-4\"), found \"compute-1\"");
  EXPECT_EQ(error_of(with("/clients/0/server", R"("node1")", doc)), "(no error)");
  EXPECT_EQ(error_of(with("/clients/0/server", R"("compute-3")", doc)), "(no error)");
}

TEST(BadScenario, AnExchangeIsForBrokeredServicesAndNotAmq) {
  EXPECT_EQ(error_of(with("/services/0/exchange", R"("amq.topic")")),
            "default.json: services[0].exchange: expected an exchange name not starting with \"amq.\" (RabbitMQ "
            "reserves them), found \"amq.topic\"");
  EXPECT_EQ(error_of(with("/services/1/exchange", R"("nova")")).rfind("default.json: services[1].exchange: ", 0), 0u);
  EXPECT_EQ(error_of(with("/services/0/exchange", R"("nova")")), "(no error)");
}

TEST(BadScenario, NotificationPrioritiesAreOslos) {
  json doc = small_scenario();
  doc["notifiers"] = json::parse(R"([{"name": "n", "host": "client", "broker": "rabbit", "priority": "warning",
                                      "arrival": {"kind": "poisson", "rate": 10}}])");
  EXPECT_EQ(error_of(doc),
            "default.json: notifiers[0].priority: expected one of \"audit\", \"debug\", \"info\", \"warn\", "
            "\"error\", \"critical\", \"sample\", found \"warning\"");
  doc["notifiers"][0]["priority"] = "warn";
  doc["listeners"] = json::parse(R"([{"name": "api", "host": "client", "broker": "rabbit"}])");
  // A listener group whose instances have the names of a client group's.
  EXPECT_EQ(error_of(doc),
            "default.json: listeners[0].name: expected a name whose instances (api-1, ...) no other process has, "
            "found \"api\": api-1 is also an instance of \"api\"");
}

TEST(BadScenario, NegativeSeed) {
  EXPECT_EQ(error_of(with("/seed", "-1")), "default.json: seed: expected an integer >= 0, found -1");
}

TEST(BadScenario, StringWhereAListIsDue) {
  EXPECT_EQ(
      error_of(with("/services/0/hosts", R"("compute")")),
      R"(default.json: services[0].hosts: expected a non-empty list of host or group names, like ["compute"], found "compute")");
}

TEST(BadScenario, EmptyHostList) {
  EXPECT_EQ(error_of(with("/platform/hosts", "[]")),
            "default.json: platform.hosts: expected a non-empty list of hosts, found []");
}

TEST(BadScenario, NullIsNotAnAbsentField) {
  EXPECT_EQ(error_of(with("/clients/0/timeout", "null")),
            R"(default.json: clients[0].timeout: expected a time with a unit, like "2ms", found null)");
}

TEST(BadScenario, TopLevelNotAnObject) {
  EXPECT_EQ(error_of(json::parse("[1, 2]")), "default.json: expected an object at the top level, found [1,2]");
}

TEST(BadScenario, EmptyName) {
  EXPECT_EQ(error_of(with("/brokers/0/name", R"("")")),
            R"(default.json: brokers[0].name: expected a non-empty name without "/", found "")");
}

// --- Missing required fields

TEST(BadScenario, MissingDuration) {
  EXPECT_EQ(error_of(without("/duration")),
            R"(default.json: duration: expected a time > 0, like "2ms", found nothing)");
}

TEST(BadScenario, MissingArrivalKind) {
  EXPECT_EQ(error_of(with("/clients/0/arrival", "{}")),
            R"(default.json: clients[0].arrival.kind: expected one of "fixed", "poisson", "closed", found nothing)");
}

TEST(BadScenario, MissingServiceTime) {
  EXPECT_EQ(
      error_of(with("/services/0/methods/add", "{}")),
      R"(default.json: services[0].methods.add.service_time: expected a time like "2ms" or a distribution like {"dist": "exponential", "mean": "2ms"}, found nothing)");
}

TEST(BadScenario, FixedArrivalWithoutInterval) {
  EXPECT_EQ(error_of(with("/clients/0/arrival", R"({"kind": "fixed", "count": 10})")),
            R"(default.json: clients[0].arrival.interval: expected a time > 0, like "2ms", found nothing)");
}

// --- Unknown keys, with hints at several depths

TEST(BadScenario, UnknownKeyInClientHintsArrival) {
  EXPECT_EQ(error_of(with("/clients/0/arival", "{}")),
            R"(default.json: clients[0].arival: unknown key; did you mean "arrival"?)");
}

TEST(BadScenario, UnknownKeyInHostHintsCores) {
  EXPECT_EQ(error_of(with("/platform/hosts/0/cors", "2")),
            R"(default.json: platform.hosts[0].cors: unknown key; did you mean "cores"?)");
}

TEST(BadScenario, UnknownKeyInExecutorHintsWorkers) {
  EXPECT_EQ(error_of(with("/services/1/executor/wrokers", "2")),
            R"(default.json: services[1].executor.wrokers: unknown key; did you mean "workers"?)");
}

TEST(BadScenario, UnknownTopLevelKeyListsTheAllowedOnes) {
  EXPECT_EQ(
      error_of(with("/zzz", "1")),
      R"(default.json: zzz: unknown key; the keys allowed here are "name", "description", "seed", "duration", "drain", "profile", "platform", "brokers", "services", "clients", "publishers", "consumers", "notifiers", "listeners", "faults", "servicegroup", "variants")");
}

TEST(BadScenario, UnknownKeyInADistribution) {
  EXPECT_EQ(error_of(with("/services/1/methods/ping/service_time/maen", R"("2ms")")),
            R"(default.json: services[1].methods.ping.service_time.maen: unknown key; did you mean "mean"?)");
}

// --- Units

TEST(BadScenario, NumberWhereATimeIsDue) {
  EXPECT_EQ(error_of(with("/duration", "5")),
            R"(default.json: duration: expected a time with a unit, like "2ms", found 5)");
}

TEST(BadScenario, SpaceBeforeTheUnit) {
  EXPECT_EQ(
      error_of(with("/clients/0/timeout", R"("10 ms")")),
      R"(default.json: clients[0].timeout: expected a time with no space before its unit, like "2ms", found "10 ms")");
}

TEST(BadScenario, ZeroDuration) {
  EXPECT_EQ(error_of(with("/duration", R"("0s")")),
            R"(default.json: duration: expected a time > 0, like "2ms", found "0s")");
}

TEST(BadScenario, BandwidthUnitIsCaseSensitive) {
  EXPECT_EQ(
      error_of(with("/platform/links/0/bandwidth", R"("1gbps")")),
      R"(default.json: platform.links[0].bandwidth: expected a bandwidth with a unit (bps, kbps, Mbps, Gbps, Tbps, Bps, kBps, KBps, MBps, GBps), like "10Gbps", found "1gbps")");
}

TEST(BadScenario, CpuSpeedInHertz) {
  EXPECT_EQ(
      error_of(with("/platform/hosts/2/speed", R"("10GHz")")),
      R"(default.json: platform.hosts[2].speed: expected a CPU speed with a unit (f, kf, Kf, Mf, Gf, Tf, flops), like "10Gf", found "10GHz")");
}

TEST(BadScenario, NumberWhereAWorkIsDue) {
  EXPECT_EQ(
      error_of(with("/brokers/0/cost", R"({"publish": 10})")),
      R"(default.json: brokers[0].cost.publish: expected a CPU cost with a unit, like "50kf" or "20us", found 10)");
}

TEST(BadScenario, QuotedPlainSize) {
  EXPECT_EQ(
      error_of(with("/clients/0/payload", R"("2450")")),
      R"(default.json: clients[0].payload: expected a size: an integer number of bytes without quotes, like 2450, or a string with a unit, like "4KiB", found "2450")");
}

// --- Enums

TEST(BadScenario, DistributionKindHint) {
  EXPECT_EQ(
      error_of(with("/services/1/methods/ping/service_time/dist", R"("expo")")),
      R"(default.json: services[1].methods.ping.service_time.dist: expected one of "constant", "exponential", "uniform", "lognormal", "empirical", found "expo"; did you mean "exponential"?)");
}

TEST(BadScenario, CodecHintIgnoresCase) {
  EXPECT_EQ(
      error_of(with("/services/0/codec", R"("JSON")")),
      R"(default.json: services[0].codec: expected one of "json", "xml", "msgpack", found "JSON"; did you mean "json"?)");
}

TEST(BadScenario, UnknownCodecWithoutHint) {
  EXPECT_EQ(error_of(with("/services/0/codec", R"("protobuf")")),
            R"(default.json: services[0].codec: expected one of "json", "xml", "msgpack", found "protobuf")");
}

// --- Dangling references

TEST(BadScenario, TransportNamesAnUndeclaredBroker) {
  EXPECT_EQ(
      error_of(with("/services/0/transport", R"("broker:rabit")")),
      R"(default.json: services[0].transport: expected a transport (one of "direct", "xmlrpc", "xmlrpc-threaded", "jsonrpc", "zerorpc", "broker:rabbit"), found "broker:rabit"; did you mean "broker:rabbit"?)");
}

TEST(BadScenario, BrokerOnAnUndeclaredHost) {
  EXPECT_EQ(
      error_of(with("/brokers/0/host", R"("rabit")")),
      R"(default.json: brokers[0].host: expected a host name (one of "client1", "client2", "rabbit", "compute1", "compute2", "compute3", "compute4"), found "rabit"; did you mean "rabbit"?)");
}

TEST(BadScenario, ClientOfAnUndeclaredService) {
  EXPECT_EQ(
      error_of(with("/clients/0/service", R"("comptue")")),
      R"(default.json: clients[0].service: expected a service name (one of "compute", "network"), found "comptue"; did you mean "compute"?)");
}

TEST(BadScenario, ClientOfAnUndeclaredMethod) {
  EXPECT_EQ(
      error_of(with("/clients/0/method", R"("ad")")),
      R"(default.json: clients[0].method: expected a method of service "compute" (one of "add"), found "ad"; did you mean "add"?)");
}

TEST(BadScenario, ClientOnAnUndeclaredHostGroup) {
  EXPECT_EQ(
      error_of(with("/clients/0/host", R"("clients")")),
      R"(default.json: clients[0].host: expected a host or group name (one of "client", "client1", "client2", "rabbit", "compute", "compute1", "compute2", "compute3", "compute4"), found "clients"; did you mean "client"?)");
}

TEST(BadScenario, ClientServerBeyondTheReplicas) {
  EXPECT_EQ(
      error_of(with("/clients/0/server", R"("compute-5")", with("/services/0/transport", R"("direct")"))),
      R"(default.json: clients[0].server: expected a replica of service "compute" ("compute-1" to "compute-4"), found "compute-5")");
}

TEST(BadScenario, KillOfAReplicaThatDoesNotExistYet) {
  EXPECT_EQ(
      error_of(with("/faults/0/target", R"("compute-9")")),
      R"(default.json: faults[0].target: expected a server replica, client instance or broker name, found "compute-9"; service "compute" has replicas "compute-1" to "compute-4" at "5s")");
}

TEST(BadScenario, LinkFaultOnAnUndeclaredLink) {
  EXPECT_EQ(
      error_of(with("/faults/0", R"({"at": "1s", "action": "link_down", "target": "uplnk"})")),
      R"(default.json: faults[0].target: expected a link name from platform.links (one of "uplink"), found "uplnk"; did you mean "uplink"?)");
}

TEST(BadScenario, HostFaultOnAGroup) {
  EXPECT_EQ(
      error_of(with("/faults/0", R"({"at": "1s", "action": "host_down", "target": "compute"})")),
      R"(default.json: faults[0].target: expected a host name (one of "client1", "client2", "rabbit", "compute1", "compute2", "compute3", "compute4"), found "compute"; did you mean "compute1"?)");
}

TEST(BadScenario, LinkOverAnUndeclaredHost) {
  EXPECT_EQ(
      error_of(with("/platform/links/0/hosts", R"(["compute", "rack9"])")),
      R"(default.json: platform.links[0].hosts[1]: expected a host or group name (one of "client", "client1", "client2", "rabbit", "compute", "compute1", "compute2", "compute3", "compute4"), found "rack9")");
}

// --- Duplicates

TEST(BadScenario, DuplicateServiceName) {
  EXPECT_EQ(
      error_of(with("/services/1/name", R"("compute")")),
      R"(default.json: services[1].name: expected a unique service name, found "compute"; services[0] already has it)");
}

TEST(BadScenario, GroupMemberClashesWithAHost) {
  EXPECT_EQ(
      error_of(with("/platform/hosts/1/name", R"("compute3")")),
      R"(default.json: platform.hosts[2].name: expected a unique host or group name, found "compute"; its host "compute3" is already declared by platform.hosts[1])");
}

TEST(BadScenario, HostListedTwiceThroughItsGroup) {
  EXPECT_EQ(
      error_of(with("/services/0/hosts", R"(["compute", "compute2"])")),
      R"(default.json: services[0].hosts[1]: expected hosts not listed already, found "compute2"; services[0].hosts[0] already includes "compute2")");
}

TEST(BadScenario, DuplicateKeyInTheText) {
  EXPECT_EQ(error_of_text(R"({"duration": "1s", "duration": "2s"})"),
            R"(default.json: expected each key once, found "duration" twice)");
}

// --- Rules between fields

TEST(BadScenario, BlockingExecutorWithWorkers) {
  EXPECT_EQ(
      error_of(with("/services/1/executor", R"({"kind": "blocking", "workers": 4})")),
      R"(default.json: services[1].executor.workers: expected 1 or nothing (a "blocking" executor runs one request at a time), found 4)");
}

TEST(BadScenario, PrefetchOnADirectService) {
  EXPECT_EQ(
      error_of(with("/services/1/prefetch", "4")),
      "default.json: services[1].prefetch: expected nothing (prefetch only applies to a broker transport), found 4");
}

TEST(BadScenario, FixedServerChoiceWithoutServer) {
  EXPECT_EQ(
      error_of(with("/clients/0/server_choice", R"("fixed")")),
      R"(default.json: clients[0].server: expected a replica of service "compute" ("compute-1" to "compute-4"), which server_choice "fixed" needs, found nothing)");
}

TEST(BadScenario, ServerWithAnotherServerChoice) {
  json doc = with("/clients/0/server", R"("compute-1")");
  EXPECT_EQ(
      error_of(with("/clients/0/server_choice", R"("random")", doc)),
      R"(default.json: clients[0].server_choice: expected "fixed" or nothing (a "server" is given), found "random")");
}

TEST(BadScenario, ClosedCastWithoutThinkTime) {
  json doc = with("/clients/0/mode", R"("cast")");
  EXPECT_EQ(
      error_of(with("/clients/0/arrival", R"({"kind": "closed", "think": "0s"})", doc)),
      R"(default.json: clients[0].arrival.think: expected a think time with a mean > 0 (a closed client that casts has no reply to wait for), found "0s")");
}

TEST(BadScenario, ArrivalFieldOfAnotherKind) {
  EXPECT_EQ(
      error_of(with("/clients/0/arrival/count", "3")),
      R"(default.json: clients[0].arrival.count: expected nothing ("count" only applies to a "fixed" arrival), found 3)");
}

TEST(BadScenario, UniformMinAboveMax) {
  EXPECT_EQ(
      error_of(with("/services/0/methods/add/service_time", R"({"dist": "uniform", "min": "5ms", "max": "2ms"})")),
      R"(default.json: services[0].methods.add.service_time.max: expected a time >= min ("5ms"), found "2ms")");
}

TEST(BadScenario, LognormalZeroSigma) {
  EXPECT_EQ(
      error_of(with("/services/0/methods/add/service_time", R"({"dist": "lognormal", "mean": "1ms", "sigma": 0})")),
      "default.json: services[0].methods.add.service_time.sigma: expected a number > 0, found 0");
}

TEST(BadScenario, LognormalZeroMean) {
  EXPECT_EQ(
      error_of(with("/services/0/methods/add/service_time", R"({"dist": "lognormal", "mean": "0s", "sigma": 1})")),
      R"(default.json: services[0].methods.add.service_time.mean: expected a time > 0, like "2ms", found "0s")");
}

TEST(BadScenario, ParameterOfAnotherDistribution) {
  EXPECT_EQ(
      error_of(with("/services/0/methods/add/service_time", R"({"dist": "exponential", "mean": "1ms", "max": "2ms"})")),
      R"(default.json: services[0].methods.add.service_time.max: expected nothing ("max" is not a parameter of the "exponential" distribution), found "2ms")");
}

TEST(BadScenario, CountOnAKillFault) {
  EXPECT_EQ(error_of(with("/faults/0/count", "2")),
            R"(default.json: faults[0].count: expected nothing ("count" only applies to "add_replicas"), found 2)");
}

TEST(BadScenario, SharedTopicOnOneBroker) {
  json doc = with("/services/1/transport", R"("broker:rabbit")");
  EXPECT_EQ(
      error_of(with("/services/1/topic", R"("compute")", doc)),
      R"(default.json: services[1].topic: expected a topic not used by another service on broker "rabbit", found "compute"; services[0] already uses the topic "compute")");
}

// --- JSON syntax

TEST(BadScenario, SyntaxErrorWithLineAndColumn) {
  EXPECT_EQ(error_of_text("{\"duration\": \"1s\",\n  \"seed\": }"),
            "default.json:2:11: invalid JSON: syntax error while parsing value - unexpected '}'; expected '[', '{', or "
            "a literal");
}

TEST(BadScenario, TrailingCommaAsInTheDocs) {
  EXPECT_EQ(error_of_text("{\"duration\": \"1s\",\n}"),
            "default.json:2:1: invalid JSON: syntax error while parsing object key - unexpected '}'; expected string "
            "literal");
}

TEST(BadScenario, TruncatedFile) {
  EXPECT_EQ(
      error_of_text("{\"duration\": \"1s\",\n \"seed\": 2"),
      "default.json:2:11: invalid JSON: syntax error while parsing object - unexpected end of input; expected '}'");
}

TEST(BadScenario, NumberTooLargeForADouble) {
  EXPECT_EQ(error_of_text("{\"duration\": \"1s\",\n \"seed\": 1e400}"),
            "default.json:2:10: invalid JSON: number overflow parsing '1e400'");
}

TEST(BadScenario, NestingTooDeep) {
  const std::string text = "{\"platform\": " + std::string(100, '[') + std::string(100, ']') + "}";
  std::string path = "platform";
  for (int i = 0; i < 63; ++i) path += "[0]";  // the 65th level: the document, platform, then 63 lists
  EXPECT_EQ(error_of_text(text),
            "default.json: " + path + ": expected at most 64 nested lists and objects, found more");
}

TEST(BadScenario, MissingFile) {
  EXPECT_THROW(
      {
        try {
          read_scenario_file("/nonexistent/lab.json");
        } catch (const ScenarioError& e) {
          EXPECT_STREQ(e.what(), "/nonexistent/lab.json: cannot read the scenario file: No such file or directory");
          throw;
        }
      },
      ScenarioError);
}

// --- Overrides and variants

json default_doc() {
  return parse_scenario_json(default_scenario_json(), "default.json");
}

TEST(BadOverride, IndexPastTheEnd) {
  EXPECT_EQ(error_of(default_doc(), "", {"services[5].replicas=8"}),
            "--set services[5].replicas=8: services[5]: expected an index < 1, found 5");
}

TEST(BadOverride, NotAPath) {
  EXPECT_EQ(error_of(small_scenario(), "", {"services[x].replicas=8"}),
            R"(--set services[x].replicas=8: expected a path like services[0].replicas, found "services[x].replicas")");
}

TEST(BadOverride, DotBeforeAnIndex) {
  EXPECT_EQ(error_of(small_scenario(), "", {"services.0.replicas=2"}),
            R"(--set services.0.replicas=2: expected a path like services[0].replicas, found "services.0.replicas")");
}

TEST(BadOverride, NoEqualsSign) {
  EXPECT_EQ(error_of(small_scenario(), "", {"duration"}),
            R"(--set duration: expected PATH=VALUE, like services[0].replicas=8, found "duration")");
}

// A command-line argument may hold any bytes; a value that is not UTF-8 would otherwise sit in the scenario as a
// string that no error message or trace.json could print (found by the scenario fuzzer).
TEST(BadOverride, NotUtf8) {
  EXPECT_EQ(error_of(small_scenario(), "",
                     {"duration=\xBB"
                      "2s"}),
            "--set \"duration=\uFFFD2s\": expected UTF-8 text, found bytes that are not (shown as \uFFFD)");
}

TEST(BadOverride, IndexIntoAnObject) {
  EXPECT_EQ(
      error_of(small_scenario(), "", {"platform[0]=1"}),
      R"(--set platform[0]=1: platform: expected a list, found {"hosts":[{"count":2,"name":"client"},{"cores":8,"name":"...)");
}

TEST(BadOverride, KeyIntoAString) {
  EXPECT_EQ(error_of(small_scenario(), "", {"duration.unit=ms"}),
            R"(--set duration.unit=ms: duration: expected an object, found "10s")");
}

TEST(BadOverride, BadValueIsReportedAtItsPath) {
  EXPECT_EQ(error_of(small_scenario(), "", {"services[0].replicas=0"}),
            "default.json: services[0].replicas: expected an integer >= 1, found 0");
}

TEST(BadOverride, NewKeyIsCheckedLikeTheFile) {
  EXPECT_EQ(error_of(small_scenario(), "", {"services[0].replica=2"}),
            R"(default.json: services[0].replica: unknown key; did you mean "replicas"?)");
}

TEST(BadVariant, UnknownVariantHint) {
  EXPECT_EQ(error_of(small_scenario(), "direc"),
            R"(default.json: variants: expected one of "direct", found "direc"; did you mean "direct"?)");
}

TEST(BadVariant, NoVariantsDeclared) {
  EXPECT_EQ(error_of(without("/variants"), "direct"),
            R"(default.json: variants: expected a variant named "direct", found nothing)");
}

TEST(BadVariant, SetPathOutOfRange) {
  EXPECT_EQ(error_of(with("/variants/0/set", R"({"services[7].name": "x"})"), "direct"),
            R"(default.json: variants[0].set["services[7].name"]: services[7]: expected an index < 2, found 7)");
}

TEST(BadVariant, SetIsNotAnObject) {
  EXPECT_EQ(
      error_of(with("/variants/0/set", "[]")),
      R"(default.json: variants[0].set: expected an object of overrides, like {"services[0].transport": "direct"}, found [])");
}

TEST(BadVariant, DuplicateName) {
  EXPECT_EQ(error_of(with("/variants", R"([{"name": "a", "set": {}}, {"name": "a", "set": {}}])")),
            R"(default.json: variants[1].name: expected a unique variant name, found "a"; variants[0] already has it)");
}

TEST(BadVariant, VariantValueFailsValidation) {
  EXPECT_EQ(
      error_of(with("/variants/0/set", R"({"services[0].transport": "broker:kafka"})"), "direct"),
      R"(default.json: services[0].transport: expected a transport (one of "direct", "xmlrpc", "xmlrpc-threaded", "jsonrpc", "zerorpc", "broker:rabbit"), found "broker:kafka")");
}

}  // namespace
}  // namespace buslab

namespace buslab {

TEST(ProcessNames, AClientMayNotShareItsInstanceNamesWithReplicas) {
  nlohmann::json doc = nlohmann::json::parse(default_scenario_json());
  doc["clients"][0]["name"] = "compute";
  try {
    load_scenario(doc, "d.json", "brokered");
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_STREQ(
        e.what(),
        "d.json: clients[0].name: expected a name whose instances (compute-1, ...) no other process has, found "
        "\"compute\": compute-1 is also a replica of service \"compute\"");
  }
}

TEST(ProcessNames, AKillMayTargetAClientInstance) {
  nlohmann::json doc = nlohmann::json::parse(default_scenario_json());
  doc["faults"] = {{{"at", "1s"}, {"action", "kill"}, {"target", "api-16"}}};
  EXPECT_EQ(load_scenario(doc, "d.json", "direct").faults[0].target, "api-16");
  doc["faults"][0]["target"] = "api-17";
  EXPECT_THROW(load_scenario(doc, "d.json", "direct"), ScenarioError);
}

}  // namespace buslab

namespace buslab {

TEST(BadScenario, AProfileIsABuiltInOneAFileOrAnObjectOfKnownCosts) {
  EXPECT_EQ(error_of(with("/profile", R"("ideal")")), "(no error)");
  EXPECT_EQ(error_of(with("/profile", R"({"name": "ideal", "jitter": true})")), "(no error)");
  EXPECT_EQ(error_of(with("/profile", R"("oslo99")")).rfind("default.json: profile: expected a profile", 0), 0u);
  EXPECT_EQ(error_of(with("/profile", R"("missing/profile.json")"))
                .rfind("default.json: profile: expected a built-in profile", 0),
            0u);
  EXPECT_EQ(error_of(with("/profile", R"({"costs": {"client": {"send_cal": {"fixed": "1ms"}}}})")),
            R"(default.json: profile.costs.client.send_cal: unknown key; did you mean "send_call"?)");
  EXPECT_EQ(
      error_of(with("/profile", R"({"costs": {"broker": {"confirm": {"fixed": 5}}}})")),
      R"(default.json: profile.costs.broker.confirm.fixed: expected a CPU cost with a unit, like "50kf" or "20us", found 5)");
  EXPECT_EQ(
      error_of(with("/profile", "7")),
      R"(default.json: profile: expected a profile name, like "ideal", or an object {"name": ..., "costs": {...}}, found 7)");
}

TEST(BadScenario, AProfilesContentionChangesAreCheckedFieldByField) {
  EXPECT_EQ(error_of(with("/profile", R"({"contention": {"call": {"coefficient": 0}}})")), "(no error)");
  EXPECT_EQ(error_of(with("/profile", R"({"contention": {"call": {"coefficient": -1}}})")),
            "default.json: profile.contention.call.coefficient: expected a number >= 0, found -1");
  EXPECT_EQ(error_of(with("/profile", R"({"contention": {"cast": {"exponent": 0}}})")),
            "default.json: profile.contention.cast.exponent: expected a number > 0 (the law's exponent), found 0");
  EXPECT_EQ(error_of(with("/profile", R"({"contention": {"calls": {}}})")),
            R"(default.json: profile.contention.calls: unknown key; did you mean "call"?)");
  EXPECT_EQ(error_of(with("/profile", R"({"contention": {"max_processes_per_core": 1}})")),
            "default.json: profile.contention.max_processes_per_core: expected max_processes_per_core >= "
            "reference_processes_per_core (1.5), found 1");
  EXPECT_EQ(error_of(with("/profile", R"({"contention": {"reference_processes_per_core": 12}})")),
            "default.json: profile.contention: expected max_processes_per_core >= reference_processes_per_core (12), "
            "found {\"reference_processes_per_core\":12}; the profile's max_processes_per_core is 9");
}

TEST(BadScenario, CallMonitorTimeoutIsForBrokeredCalls) {
  EXPECT_EQ(error_of(with("/clients/0/call_monitor_timeout", R"("30s")")), "(no error)");
  EXPECT_EQ(
      error_of(with("/clients/0/call_monitor_timeout", R"("30s")", with("/services/0/transport", R"("direct")"))),
      "default.json: clients[0].call_monitor_timeout: call_monitor_timeout applies to calls to a service behind a "
      "broker");
}

TEST(BadScenario, ListenBacklogIsForXmlRpc) {
  EXPECT_EQ(error_of(with("/services/0/listen_backlog", "5")).rfind("default.json: services[0].listen_backlog: ", 0),
            0u);
}

}  // namespace buslab
