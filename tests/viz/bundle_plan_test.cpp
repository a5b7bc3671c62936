// Bundles: one per pair of rows, kind and dense bucket, with the right counts; side by side where their rows
// overlap, sharing a place where they fan out of (or into) one row; density bars only when even that overflows.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "tracefile/trace_reader.hpp"
#include "visualizer/bundle_plan.hpp"
#include "visualizer/document.hpp"

namespace buslab::viz {
namespace {

using tracefile::HopKind;

// A client (lane 1) calls through a queue (lane 3) that delivers to two servers (lanes 5 and 7), 40 times in the
// first 10 ms; each server replies straight to the client.
std::string busy_trace() {
  const std::string lanes = R"(
{"id":0,"name":"h0","kind":"host","host":"h0"},{"id":1,"name":"client","kind":"client","host":"h0"},
{"id":2,"name":"mq","kind":"host","host":"mq"},{"id":3,"name":"mq/q/work","kind":"queue","host":"mq"},
{"id":4,"name":"h1","kind":"host","host":"h1"},{"id":5,"name":"s1","kind":"server","host":"h1","workers":1},
{"id":6,"name":"h2","kind":"host","host":"h2"},{"id":7,"name":"s2","kind":"server","host":"h2","workers":1})";
  std::string hops;
  for (int i = 0; i < 40; ++i) {
    const double t = i * 0.00025;
    const int server = i % 2 ? 7 : 5;
    if (!hops.empty()) hops += ",";
    hops += fmt::format(R"([{0},{0},"request",1,3,{1},{2},100,"m","ok"],)", i + 1, t, t + 1e-5);
    hops += fmt::format(R"([{0},{0},"delivery",3,{3},{1},{2},100,"m","ok"],)", i + 1, t + 2e-5, t + 3e-5, server);
    hops += fmt::format(R"([{0},{0},"reply",{3},1,{1},{2},100,"m","ok"])", 100 + i, t + 5e-5, t + 6e-5, server);
  }
  return R"({"format":"buslab-trace","version":1,"lanes":[)" + lanes +
         R"(],"hop_fields":["msg","call","kind","from","to","t_send","t_recv","bytes","method","status"],"hops":[)" +
         hops +
         R"(],"event_fields":["t","lane","type","value","call"],"events":[],"call_fields":["call","client","method","mode","t_start","t_end","outcome","server"],"calls":[]})";
}

class Bundles : public ::testing::Test {
 protected:
  Document doc{tracefile::parse_trace(busy_trace(), "t.json"), "A"};
  // One second over 100 pixels in buckets of 10: the first bucket (0 .. 0.1 s) holds all 120 hops.
  tracefile::ArrowPlan plan() const {
    tracefile::ArrowPlanOptions o;
    o.bucket_px = 10;
    o.max_per_bucket = 10;
    return tracefile::plan_arrows(doc.trace(), doc.index(), 0, 1, 100, INFINITY, o);
  }
};

TEST_F(Bundles, OnePerRowPairAndKindWithItsCount) {
  const auto buckets = plan_bundles(doc.channels(), plan(), doc.layout(), INFINITY);
  ASSERT_EQ(buckets.size(), 1u);
  const auto& b = buckets[0];
  EXPECT_EQ(b.bucket, 0u);
  ASSERT_EQ(b.bundles.size(), 5u);  // a request bundle, two delivery bundles, two reply bundles
  size_t requests = 0, deliveries = 0, replies = 0;
  for (const Bundle& x : b.bundles) {
    if (x.kind == HopKind::Request) {
      requests += x.count;
      EXPECT_NEAR(x.mean_flight, 1e-5, 1e-12);
    }
    if (x.kind == HopKind::Delivery) {
      deliveries += x.count;
      EXPECT_EQ(x.count, 20u);
    }
    if (x.kind == HopKind::Reply) replies += x.count;
  }
  EXPECT_EQ(requests, 40u);
  EXPECT_EQ(deliveries, 40u);
  EXPECT_EQ(replies, 40u);
}

TEST_F(Bundles, FansShareAPlaceAndOverlapsSitSideBySide) {
  const auto buckets = plan_bundles(doc.channels(), plan(), doc.layout(), INFINITY);
  const auto& b = buckets[0];
  // The request (client -> queue) overlaps nothing else of its kind; deliveries fan out of the queue into one
  // place; replies fan into the client: three places.
  EXPECT_EQ(b.slots, 3);
  int delivery_slot = -1;
  for (const Bundle& x : b.bundles) {
    if (x.kind != HopKind::Delivery) continue;
    if (delivery_slot < 0) delivery_slot = x.slot;
    EXPECT_EQ(x.slot, delivery_slot);
  }
  EXPECT_FALSE(b.overflow);
}

TEST_F(Bundles, TooManyForTheWidthFallBackToBars) {
  BundleOptions narrow;
  narrow.max_slots = 2;
  const auto buckets = plan_bundles(doc.channels(), plan(), doc.layout(), INFINITY, narrow);
  EXPECT_TRUE(buckets[0].overflow);
}

TEST_F(Bundles, NothingAfterThePlaybackCursor) {
  const auto buckets = plan_bundles(doc.channels(), plan(), doc.layout(), 0.0049);
  size_t total = 0;
  for (const Bundle& x : buckets[0].bundles) total += x.count;
  EXPECT_EQ(total, 20u * 3);  // hops leaving before 4.9 ms: 20 calls of 3 hops
}

}  // namespace
}  // namespace buslab::viz
