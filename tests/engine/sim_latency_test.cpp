// A single call at zero load: its latency must equal the sum of its parts, each computed here from the model's
// documented constants (codec costs, link latency and bandwidth, broker costs, service time), on either engine
// (nothing shares a link or a core, so the queueing engine's simplifications do not show). The constants are the
// "uncalibrated" profile's (models/rpc/codec.hpp's table, no library cost, no confirms), which the scenario names;
// the same sum for the measured default profile is sim_profile_test.cpp's.
#include <gtest/gtest.h>

#include "models/core/envelope.hpp"
#include "models/rpc/codec.hpp"
#include "tests/support/sim_support.hpp"

namespace buslab {

namespace {

constexpr double kLinkLatency = 1e-3;  // per host link; a transfer crosses two
constexpr double kBandwidth = 1e8;     // bytes/s
constexpr double kSpeed = 1e9;         // flop/s
constexpr double kService = 10e-3;
constexpr uint64_t kPayload = 1000, kReply = 500;

std::string scenario(const std::string& transport) {
  return R"({
    "duration": "1s",
    "profile": "uncalibrated",
    "platform": {
      "network": {"latency": "1ms", "bandwidth": "100MBps"},
      "hosts": [{"name": "client", "speed": "1Gf"}, {"name": "server", "speed": "1Gf"}, {"name": "broker", "speed": "1Gf"}]
    },
    "brokers": [{"name": "mq", "host": "broker", "cost": {"publish": "10us", "route": "2us", "deliver": "8us", "ack": "3us"}}],
    "services": [{"name": "svc", "transport": ")" +
         transport + R"(", "hosts": ["server"], "executor": {"kind": "blocking"},
                  "methods": {"m": {"service_time": "10ms", "reply_bytes": 500}}}],
    "clients": [{"name": "c", "host": "client", "service": "svc", "method": "m", "payload": 1000,
                 "arrival": {"kind": "fixed", "count": 1, "interval": "1s"}}]
  })";
}

double transfer(uint64_t bytes) {
  return 2 * kLinkLatency + static_cast<double>(bytes) / kBandwidth;
}

double endpoints_part(const Codec& json) {
  return json.encode_flops(kPayload) / kSpeed                                                      // client encodes
         + (json.decode_flops(kPayload) + kService * kSpeed + json.encode_flops(kReply)) / kSpeed  // server runs it
         + json.decode_flops(kReply) / kSpeed;                                                     // client decodes
}

}  // namespace

TEST(ZeroLoadLatency, DirectCallIsTheSumOfNetworkSerialisationAndService) {
  const Codec& json = *find_codec("json");
  // The first call to a server opens its connection: a round trip of connection set-up frames comes first.
  const double connect = 2 * transfer(kFrameBytes);
  const double expected =
      connect + endpoints_part(json) + transfer(json.wire_bytes(kPayload)) + transfer(json.wire_bytes(kReply));
  for (EngineKind engine : {EngineKind::Simgrid, EngineKind::Queueing}) {
    const auto metrics = testing::run_json(scenario("direct"), "", "", engine);
    const auto& m = testing::client_method(metrics, "c", "m");
    ASSERT_EQ(m["completed"], 1);
    EXPECT_NEAR(m["latency_s"]["mean"].get<double>(), expected, 1e-9) << (engine == EngineKind::Queueing);
  }
}

TEST(ZeroLoadLatency, BrokeredCallAddsFourTransfersAndTheBrokerCosts) {
  const Codec& json = *find_codec("json");
  const double broker_per_leg = 10e-6 + 2e-6 + 8e-6;  // publish + route, then deliver
  const double expected = endpoints_part(json) + 2 * transfer(json.wire_bytes(kPayload)) +
                          2 * transfer(json.wire_bytes(kReply)) + 2 * broker_per_leg;
  for (EngineKind engine : {EngineKind::Simgrid, EngineKind::Queueing}) {
    const auto metrics = testing::run_json(scenario("broker:mq"), "", "", engine);
    const auto& m = testing::client_method(metrics, "c", "m");
    ASSERT_EQ(m["completed"], 1);
    EXPECT_NEAR(m["latency_s"]["mean"].get<double>(), expected, 1e-9) << (engine == EngineKind::Queueing);
  }
}

}  // namespace buslab
