// Call lineage in a whole run: a call made while a server handles another carries it as its parent and shares its
// root, in metrics.json (methods apart, roots' end to end) and in trace.json's calls.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "models/core/envelope.hpp"
#include "tests/support/sim_support.hpp"
#include "tests/support/temp_dir.hpp"

namespace buslab {
namespace {

// A client calls front.get 10 times; each get spends 10 ms, then calls back.lookup (20 ms of CPU) and casts back.log
// (5 ms); nothing else runs. The "ideal" profile has no software costs and puts payloads on the wire as they are, so
// every time below is the service times plus transfers of latency + bytes / bandwidth over two links.
const char* kNested = R"({
  "duration": "1s", "drain": "5s", "profile": "ideal",
  "platform": {"network": {"latency": "1ms", "bandwidth": "1GBps"},
               "hosts": [{"name": "a", "speed": "1Gf"}, {"name": "b", "speed": "1Gf"}, {"name": "c", "speed": "1Gf"}]},
  "services": [
    {"name": "back", "transport": "direct", "hosts": ["c"],
     "methods": {"lookup": {"service_time": "20ms", "reply_bytes": 2000}, "log": {"service_time": "5ms"}}},
    {"name": "front", "transport": "direct", "hosts": ["b"],
     "methods": {"get": {"service_time": "10ms", "reply_bytes": 3000,
                         "steps": [{"service": "back", "method": "lookup", "payload": 4000},
                                   {"service": "back", "method": "log", "mode": "cast", "payload": 5000}]}}}],
  "clients": [{"name": "api", "host": "a", "service": "front", "method": "get", "payload": 1000,
               "arrival": {"kind": "fixed", "count": 10, "interval": "100ms"}}]
})";

constexpr double kLinkLatency = 1e-3;  // per host link; a transfer crosses two
constexpr double kBandwidth = 1e9;     // bytes/s

double transfer(uint64_t bytes) {
  return 2 * kLinkLatency + static_cast<double>(bytes) / kBandwidth;
}

TEST(Lineage, NestedCallsAreCountedApartAndRootsEndToEnd) {
  const testing::TempDir dir("lineage");
  const auto m = testing::run_json(kNested, dir.path());
  const auto& get = testing::named(m["methods"], "front.get");
  const auto& lookup = testing::named(m["methods"], "back.lookup");
  const auto& log = testing::named(m["methods"], "back.log");
  EXPECT_EQ(get["calls"], 10);
  EXPECT_EQ(get["roots"], 10);
  EXPECT_EQ(lookup["calls"], 10);
  EXPECT_EQ(lookup["roots"], 0);
  EXPECT_EQ(log["mode"], "cast");

  // The hand-computed tree of a get, each direct connection already open (the first get opens two: below).
  // front's call of lookup: its request to c, 20 ms there, its reply back to b.
  const double lookup_latency = transfer(4000) + 20e-3 + transfer(2000);
  // The get at the client: its request to b, 10 ms, the lookup, then its reply back to a (the cast is only sent).
  const double get_latency = transfer(1000) + 10e-3 + lookup_latency + transfer(3000);
  // The tree ends when c has run the log cast, sent once the lookup's reply is in: its request to c, then 5 ms,
  // later than the get's reply reaches the client.
  const double end_to_end = transfer(1000) + 10e-3 + lookup_latency + transfer(5000) + 5e-3;
  // The first get opens the client's connection to b and b's connection to c: a round trip of frames each.
  const double connects = 2 * transfer(kFrameBytes) + 2 * transfer(kFrameBytes);
  // The cast's request and the get's reply leave b together and share its link: their bytes' time may double.
  constexpr double kShared = 10e-6;
  EXPECT_NEAR(lookup["latency_s"]["p50"].get<double>(), lookup_latency, 1e-9);
  EXPECT_NEAR(lookup["latency_s"]["max"].get<double>(), lookup_latency + 2 * transfer(kFrameBytes), 1e-9);
  EXPECT_NEAR(get["latency_s"]["p50"].get<double>(), get_latency, kShared);
  EXPECT_NEAR(get["latency_s"]["max"].get<double>(), get_latency + connects, kShared);
  EXPECT_NEAR(get["end_to_end_s"]["p50"].get<double>(), end_to_end, kShared);
  EXPECT_NEAR(get["end_to_end_s"]["max"].get<double>(), end_to_end + connects, kShared);

  std::ifstream in(std::filesystem::path(dir.path()) / "trace.json");
  const auto trace = nlohmann::json::parse(in);
  const auto& fields = trace["call_fields"];
  const auto col = [&](const std::string& name) {
    return static_cast<size_t>(std::find(fields.begin(), fields.end(), name) - fields.begin());
  };
  size_t nested = 0;
  for (const auto& c : trace["calls"]) {
    const uint64_t call = c[col("call")], parent = c[col("parent")], root = c[col("root")];
    if (c[col("method")] == "get") {
      EXPECT_EQ(parent, 0u);
      EXPECT_EQ(root, call);
    } else {
      ++nested;
      EXPECT_NE(parent, 0u);
      EXPECT_EQ(root, parent);  // made by a get, itself a root
      EXPECT_EQ(trace["calls"][parent - 1][col("method")], "get");
    }
  }
  EXPECT_EQ(nested, 20u);
}

// A cast whose method raises is still consumed, and its server counts it failed: front's build (a cast) calls
// back.save with a 1 s timeout, and back spends 3 s on each save, so every build raises MessagingTimeout (a nova
// build whose instance save through a busy conductor timed out). Before, such a cast was counted as a message
// dropped as `unsupported`, like one that could not be dispatched at all.
TEST(Lineage, ACastWhoseNestedCallTimesOutIsConsumedAndCountedFailed) {
  const auto m = testing::run_json(R"({
    "duration": "1s", "drain": "10s", "profile": "ideal",
    "platform": {"hosts": [{"name": "a"}, {"name": "b"}, {"name": "c"}]},
    "services": [
      {"name": "back", "transport": "direct", "hosts": ["c"], "executor": {"kind": "threading", "workers": 8},
       "methods": {"save": {"service_time": "1ms", "io_time": "3s"}}},
      {"name": "front", "transport": "direct", "hosts": ["b"], "executor": {"kind": "threading", "workers": 8},
       "methods": {"build": {"service_time": "1ms",
                             "steps": [{"service": "back", "method": "save", "timeout": "1s"}]}}}],
    "clients": [{"name": "api", "host": "a", "service": "front", "method": "build", "mode": "cast",
                 "arrival": {"kind": "fixed", "count": 4, "interval": "100ms"}}]
  })");
  const auto& front = testing::named(m["servers"], "front-1");
  EXPECT_EQ(front["handled"], 4);
  EXPECT_EQ(front["failed"], 4);
  EXPECT_EQ(testing::named(m["servers"], "back-1")["failed"], 0);
  EXPECT_EQ(testing::named(m["methods"], "back.save")["timed_out"], 4);
  const auto& c = m["conservation"];
  EXPECT_EQ(c["dropped"]["unsupported"], 0);
  EXPECT_EQ(c["dropped"]["late_reply"], 4);  // the saves' replies, after their calls gave up
  EXPECT_EQ(c["created"], 12);               // 4 builds, 4 saves, 4 replies
  EXPECT_EQ(c["consumed"], 8);               // the builds and the saves
}

}  // namespace
}  // namespace buslab
