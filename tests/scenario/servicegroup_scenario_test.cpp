// The `servicegroup` section and host clocks: what they load to, and every bad value refused with the file, the
// JSON path, what was expected and what was found.
#include <gtest/gtest.h>

#include "sim/scenario/scenario_loader.hpp"
#include "sim/scenario/wall_time.hpp"
#include "tests/support/scenario_test_util.hpp"

namespace buslab {
namespace {

using nlohmann::json;
using testing::error_of;
using testing::small_scenario;

// small_scenario() with a conductor (object_action), computes reporting through it and a reporting-only service.
json with_group() {
  json doc = small_scenario();
  doc["services"].push_back(json::parse(R"({"name": "conductor", "transport": "broker:rabbit", "hosts": ["client1"],
      "methods": {"object_action": {"service_time": "1ms"}}})"));
  doc["servicegroup"] = json::parse(R"({"observe": ["5s"], "services": [
      {"binary": "nova-compute", "service": "compute"},
      {"binary": "nova-network", "hosts": ["compute1", "compute2"]}]})");
  return doc;
}

json with(json doc, const std::string& pointer, const std::string& value) {
  doc[json::json_pointer(pointer)] = json::parse(value);
  return doc;
}

TEST(ServiceGroupScenario, LoadsWithNovaDefaults) {
  const Scenario s = load_scenario(with(with_group(), "/platform/hosts/2/clock", R"({"offset": "-37.74s",
      "drift_ppm": 50, "ntp_interval": "64s"})"),
                                   "default.json");
  const ServiceGroupSpec& g = s.servicegroup;
  ASSERT_TRUE(g.declared);
  EXPECT_DOUBLE_EQ(g.report_interval, 10.0);
  EXPECT_DOUBLE_EQ(g.service_down_time, 60.0);
  EXPECT_DOUBLE_EQ(g.initial_delay, 5.0);
  EXPECT_EQ(g.reader, "client1");  // the first host
  ASSERT_EQ(g.members.size(), 2u);
  EXPECT_TRUE(g.members[0].via_conductor);  // nova-compute reports through the conductor
  EXPECT_EQ(g.members[0].conductor, "conductor");
  EXPECT_EQ(g.members[0].zone, "nova");
  EXPECT_FALSE(g.members[1].via_conductor);
  EXPECT_EQ(g.members[1].zone, "internal");
  EXPECT_EQ(g.members[1].hosts, (std::vector<std::string>{"compute1", "compute2"}));
  EXPECT_DOUBLE_EQ(g.epoch_seconds, 1389300900.0);  // 2014-01-09 20:55:00 UTC
  const HostSpec& compute1 = *s.find_host("compute1");
  EXPECT_DOUBLE_EQ(compute1.clock.offset, -37.74);
  EXPECT_DOUBLE_EQ(compute1.clock.drift_ppm, 50.0);
  EXPECT_DOUBLE_EQ(compute1.clock.ntp_interval, 64.0);
}

TEST(ServiceGroupScenario, WallTimesRoundTrip) {
  EXPECT_EQ(parse_wall_time("1970-01-01 00:00:00"), 0.0);
  EXPECT_EQ(parse_wall_time("2014-01-09 20:55:58"), 1389300958.0);
  EXPECT_EQ(wall_time_text(1389300958.7), "2014-01-09 20:55:58");
  EXPECT_EQ(wall_time_text(951782400.0), "2000-02-29 00:00:00");
  EXPECT_FALSE(parse_wall_time("2014-02-30 00:00:00"));
  EXPECT_FALSE(parse_wall_time("2014-01-09T20:55:58"));
}

TEST(ServiceGroupScenario, BadClocks) {
  EXPECT_EQ(error_of(with(with_group(), "/platform/hosts/2/clock", R"({"offset": 40})")),
            "default.json: platform.hosts[2].clock.offset: expected a time with a unit, negative or not, like "
            "\"-40s\", found 40");
  EXPECT_EQ(error_of(with(with_group(), "/platform/hosts/2/clock", R"({"drift_ppm": 2e6})")),
            "default.json: platform.hosts[2].clock.drift_ppm: expected a drift in ppm from -100000 to 100000 (a "
            "clock gaining 50 us a second: 50), found 2000000.0");
  EXPECT_EQ(error_of(with(with_group(), "/platform/hosts/2/clock", R"({"ntp_interval": "0s"})")),
            "default.json: platform.hosts[2].clock.ntp_interval: expected a time > 0, like \"2ms\", found \"0s\"");
  EXPECT_EQ(error_of(with(with_group(), "/platform/hosts/2/clock", R"({"skew": "1s"})")),
            "default.json: platform.hosts[2].clock.skew: unknown key; the keys allowed here are \"offset\", "
            "\"drift_ppm\", \"ntp_interval\"");
}

TEST(ServiceGroupScenario, BadServices) {
  EXPECT_EQ(error_of(with(with_group(), "/servicegroup/services/1", R"({"binary": "nova-cert"})")),
            "default.json: servicegroup.services[1]: expected \"service\" (an RPC service whose replicas report) or "
            "\"hosts\" (processes that only report), found neither");
  EXPECT_EQ(error_of(with(with_group(), "/servicegroup/services/1/report", R"("conductor")")),
            "default.json: servicegroup.services[1].report: expected \"database\" for processes that only report "
            "(they have no RPC client; name a service to call), found \"conductor\"");
  EXPECT_EQ(error_of(with(with_group(), "/servicegroup/services/0/conductor", R"("network")")),
            "default.json: servicegroup.services[0].conductor: expected a conductor with an object_action method "
            "(the call a nova-compute report makes), found \"network\"; service \"network\" has none");
  EXPECT_EQ(error_of(with(with_group(), "/services/0/replicas", "5")),
            "default.json: servicegroup.services[0].service: expected a service with at most one replica per host "
            "(nova lists a service by binary and host), found \"compute\"; \"compute\" has 5 replicas on 4 hosts");
  EXPECT_EQ(error_of(with(with_group(), "/servicegroup/services/1/binary", R"("nova-compute")")),
            "default.json: servicegroup.services[1].binary: expected each binary once per host (nova lists a "
            "service by binary and host), found \"nova-compute\"; servicegroup.services[0] already puts "
            "\"nova-compute\" on \"compute1\"");
  EXPECT_EQ(error_of(with(with_group(), "/servicegroup/observe", R"(["11s"])")),
            "default.json: servicegroup.observe[0]: expected a time within the run's load (duration 10 s): the run "
            "may end soon after, found \"11s\"");
  EXPECT_EQ(error_of(with(with_group(), "/servicegroup/epoch", R"("2014-01-09")")),
            "default.json: servicegroup.epoch: expected a UTC date and time \"YYYY-MM-DD HH:MM:SS\", found "
            "\"2014-01-09\"");
  EXPECT_EQ(error_of(with(with_group(), "/servicegroup/reader", R"("nowhere")")).substr(0, 60),
            "default.json: servicegroup.reader: expected a host name (one");
}

}  // namespace
}  // namespace buslab
