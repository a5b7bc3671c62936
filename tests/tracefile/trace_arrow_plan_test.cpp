#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "tracefile/arrow_plan.hpp"
#include "tracefile/trace_reader.hpp"
#include "tests/support/sample_trace.hpp"

namespace buslab::tracefile {
namespace {

// A trace with `n` hops between two lanes, one every `gap` seconds, each in flight for `flight`.
std::string burst_trace(int n, double gap, double flight) {
  std::string hops;
  for (int i = 0; i < n; ++i)
    hops +=
        fmt::format("{}[{},0,\"request\",0,1,{},{},10,\"\",\"ok\"]", i ? "," : "", i + 1, i * gap, i * gap + flight);
  return fmt::format(
      R"({{"format":"buslab-trace","version":1,"lanes":[{{"id":0,"name":"a","kind":"client","host":"h"}},)"
      R"({{"id":1,"name":"b","kind":"server","host":"h"}}],"hop_fields":["msg","call","kind","from","to","t_send",)"
      R"("t_recv","bytes","method","status"],"hops":[{}],"event_fields":["t","lane","type","value","call"],"events":[],)"
      R"("call_fields":["call","client","method","mode","t_start","t_end","outcome","server"],"calls":[]}})",
      hops);
}

TEST(ArrowPlan, SparseViewDrawsEveryVisibleHopOnce) {
  const Trace trace = parse_trace(testdata::sample_trace_json(), "t.json");
  const TraceIndex index(trace);
  const ArrowPlan plan = plan_arrows(trace, index, 0, 0.01, 1000, INFINITY);
  EXPECT_EQ(plan.aggregated, 0u);
  std::set<uint32_t> drawn(plan.arrows.begin(), plan.arrows.end());
  EXPECT_EQ(drawn.size(), plan.arrows.size());
  EXPECT_EQ(drawn.size(), trace.hops.size());
}

TEST(ArrowPlan, DenseBucketsAreAggregatedAndCounted) {
  const Trace trace = parse_trace(burst_trace(10000, 1e-4, 5e-5), "t.json");
  const TraceIndex index(trace);
  ArrowPlanOptions options;
  options.bucket_px = 10;
  options.max_per_bucket = 5;
  // 1 s over 100 px: 10 buckets of 1000 hops each.
  const ArrowPlan plan = plan_arrows(trace, index, 0, 1, 100, INFINITY, options);
  EXPECT_EQ(plan.arrows.size(), 0u);
  EXPECT_EQ(std::count(plan.dense.begin(), plan.dense.end(), 1), 10);
  EXPECT_EQ(plan.aggregated, 10000u);
  // Zoomed to 2 ms over 1000 px: 20 hops, all drawn.
  const ArrowPlan zoomed = plan_arrows(trace, index, 0.5, 0.502, 1000, INFINITY, options);
  EXPECT_EQ(zoomed.aggregated, 0u);
  EXPECT_EQ(zoomed.arrows.size(), 21u);  // 20 leaving plus the one entering from the left
}

TEST(ArrowPlan, CostIsBoundedByPixelsNotByHops) {
  const Trace trace = parse_trace(burst_trace(50000, 2e-5, 1e-5), "t.json");
  const TraceIndex index(trace);
  const ArrowPlanOptions options;
  const ArrowPlan plan = plan_arrows(trace, index, 0, 1, 1200, INFINITY, options);
  EXPECT_LE(plan.arrows.size(), (1200 / 6 + 2) * options.max_per_bucket);
  EXPECT_EQ(plan.arrows.size() + plan.aggregated, 50000u);
}

TEST(ArrowPlan, PlaybackCursorHidesTheFuture) {
  const Trace trace = parse_trace(testdata::sample_trace_json(), "t.json");
  const TraceIndex index(trace);
  const ArrowPlan plan = plan_arrows(trace, index, 0, 0.01, 1000, 0.0006);
  for (uint32_t i : plan.arrows) EXPECT_LE(trace.hops.t_send[i], 0.0006);
  EXPECT_EQ(plan.arrows.size(), 4u);  // request, route, delivery, ack (which leaves at 0.0006)
}

TEST(ArrowPlan, LongHopsCrossingTheViewAreKept) {
  std::string text = burst_trace(3, 1.0, 1e-4);
  text = testdata::replaced(text, "[1,0,\"request\",0,1,0,0.0001,", "[1,0,\"request\",0,1,0,5,");
  const Trace trace = parse_trace(text, "t.json");
  const TraceIndex index(trace);
  const ArrowPlan plan = plan_arrows(trace, index, 3, 4, 500, INFINITY);
  EXPECT_EQ(plan.arrows, (std::vector<uint32_t>{0}));  // left at 0, arrives at 5
}

}  // namespace
}  // namespace buslab::tracefile
