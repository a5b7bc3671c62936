// The timeline a run hands to the table, and its text: slots summed from buckets worked out by hand, replications
// averaged slot by slot, marks scaled to the series' top.
#include <gtest/gtest.h>

#include <cmath>

#include "models/world/world.hpp"
#include "sim/output/sparklines.hpp"

namespace buslab {
namespace {

using Json = nlohmann::ordered_json;

TEST(Sparkline, MarksScaleToTheTopAndZeroIsBlank) {
  const double none = std::nan("");
  EXPECT_EQ(sparkline({0, 1, 4, 8, none, 9}, 8),
            " \u2581\u2584\u2588 \u2588");  // above the top (another run's series) is full height
}

TEST(Timeline, SlotsSumTheirBuckets) {
  World world(false);
  const LaneId client = world.trace.add_lane(LaneInfo{"c-1", LaneKind::Client, "h", "", "", 0});
  const LaneId server = world.trace.add_lane(LaneInfo{"s-1", LaneKind::Server, "h", "", "svc", 2});
  world.series.client_lane(client, "c", "svc");
  world.series.start(0.1);
  // 100 buckets of load (10 s) make 50 slots of 0.2 s: calls completing at 0.05 s and 0.15 s share the first.
  world.trace.event(0.0, server, EventType::Busy, 2);
  for (double t : {0.05, 0.15, 0.25}) {
    if (t > 0.1) world.trace.event(0.1, server, EventType::Busy, 0);
    const CallId call = world.trace.begin_call(client, "m", RpcMode::Call, t - 0.01);
    world.trace.end_call(call, t, CallOutcome::Ok, kNoLane);
  }
  world.series.finish(10.0);
  const Json timeline = timeline_json(world.series, 10.0);
  EXPECT_DOUBLE_EQ(timeline["slot_s"].get<double>(), 0.2);
  const Json& s = timeline["series"];
  ASSERT_EQ(s["completed_per_s"].size(), 50u);
  EXPECT_DOUBLE_EQ(s["completed_per_s"][0].get<double>(), 2 / 0.2);
  EXPECT_DOUBLE_EQ(s["completed_per_s"][1].get<double>(), 1 / 0.2);
  EXPECT_NEAR(s["busy"][0].get<double>(), 2 * 0.1 / 0.2, 1e-6);
  EXPECT_NEAR(s["latency_p99_s"][0].get<double>(), 0.01, 1e-12);
  EXPECT_TRUE(s["latency_p99_s"][2].is_null());  // nothing completed
}

TEST(Timeline, ReplicationsAverageSlotBySlotAndKeepTheWorstP99) {
  const auto one = [](double rate, double p99, size_t slots) {
    Json values = Json::array(), p = Json::array();
    for (size_t i = 0; i < slots; ++i) values.push_back(rate), p.push_back(p99);
    return Json{{"slot_s", 0.5},
                {"series",
                 {{"completed_per_s", values},
                  {"latency_p99_s", p},
                  {"errors", values},
                  {"ready", values},
                  {"backlog", values},
                  {"busy", values}}}};
  };
  const Json mean = average_timelines({one(10, 0.1, 2), one(20, 0.3, 3), nullptr});
  ASSERT_EQ(mean["series"]["completed_per_s"].size(), 3u);
  EXPECT_DOUBLE_EQ(mean["series"]["completed_per_s"][0].get<double>(), 15);
  EXPECT_DOUBLE_EQ(mean["series"]["completed_per_s"][2].get<double>(), 20);  // only the longer run got there
  EXPECT_DOUBLE_EQ(mean["series"]["latency_p99_s"][0].get<double>(), 0.3);
}

TEST(Sparklines, VariantsShareAScaleAndSeriesWithNothingAreLeftOut) {
  const auto run = [](const std::string& name, double rate) {
    VariantOutcome o;
    o.name = name;
    Json zeros = Json::array(), rates = Json::array();
    for (int i = 0; i < 4; ++i) zeros.push_back(0), rates.push_back(rate);
    o.timeline = Json{{"slot_s", 0.25},
                      {"series",
                       {{"completed_per_s", rates},
                        {"latency_p99_s", zeros},
                        {"errors", zeros},
                        {"ready", zeros},
                        {"backlog", zeros},
                        {"busy", zeros}}}};
    return o;
  };
  const std::string text = sparklines_text({run("slow", 50), run("fast", 100)});
  EXPECT_EQ(text,
            "over time: one mark per 250 ms from 0 to 1 s; each series on one scale, its top given\n"
            "calls completed per second (top 100)\n"
            "  slow  \u2584\u2584\u2584\u2584\n"
            "  fast  \u2588\u2588\u2588\u2588\n");
}

}  // namespace
}  // namespace buslab
