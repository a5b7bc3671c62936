// The overview's data (latency points by outcome, work done and errors over time) and the hop channels the
// bundled arrows count, on the hand-written sample trace whose every time is known.
#include <gtest/gtest.h>

#include "tests/support/sample_trace.hpp"
#include "tracefile/hop_channels.hpp"
#include "tracefile/overview_data.hpp"
#include "tracefile/trace_reader.hpp"

namespace buslab::tracefile {
namespace {

class SampleTrace : public ::testing::Test {
 protected:
  Trace trace = parse_trace(testdata::sample_trace_json(), "t.json");
  TraceIndex index{trace};
};

TEST_F(SampleTrace, OverviewHasACallsLatencyAtItsStartByOutcome) {
  const OverviewData data(trace, index);
  EXPECT_TRUE(data.calls());
  ASSERT_EQ(data.points().size(), 2u);
  EXPECT_DOUBLE_EQ(data.points()[0].t, 0.0);
  EXPECT_DOUBLE_EQ(data.points()[0].latency, 0.0063);
  EXPECT_EQ(data.points()[0].outcome, Outcome::Ok);
  EXPECT_DOUBLE_EQ(data.points()[1].t, 0.0069);
  EXPECT_DOUBLE_EQ(data.points()[1].latency, 1.007 - 0.0069);  // a timeout: as long as it waited
  EXPECT_EQ(data.points()[1].outcome, Outcome::Timeout);
  EXPECT_DOUBLE_EQ(data.min_latency(), 0.0063);
  EXPECT_DOUBLE_EQ(data.max_latency(), 1.007 - 0.0069);
}

TEST(Overview, ACastThatWaitedForItsConfirmHasALatencyAndOthersHaveNone) {
  // The sample trace with two casts more: one confirmed 1.2 ms after it was published, one that only left.
  std::string text =
      testdata::replaced(testdata::sample_trace_json(), R"([2,1,"add","call",0.0069,1.007,"timeout",-1]])",
                         R"([2,1,"add","call",0.0069,1.007,"timeout",-1],
[3,1,"add","cast",0.002,0.0032,"confirmed",-1],[4,1,"add","cast",0.003,0.003,"sent",-1]])");
  const Trace trace = parse_trace(text, "t.json");
  const TraceIndex index(trace);
  const OverviewData data(trace, index);
  EXPECT_TRUE(data.confirmed_casts());
  ASSERT_EQ(data.points().size(), 3u);
  EXPECT_DOUBLE_EQ(data.points()[1].t, 0.002);
  EXPECT_NEAR(data.points()[1].latency, 0.0012, 1e-15);
  EXPECT_EQ(data.points()[1].outcome, Outcome::Ok);
  // The sample trace alone has none.
  const Trace plain = parse_trace(testdata::sample_trace_json(), "t.json");
  EXPECT_FALSE(OverviewData(plain, TraceIndex(plain)).confirmed_casts());
}

TEST_F(SampleTrace, OverviewCountsWorkDoneAndErrorsByTime) {
  const OverviewData data(trace, index);
  EXPECT_EQ(data.done_in(0, 1), 1u);  // compute-1 ran call 1 to the end at 0.0058
  EXPECT_EQ(data.done_in(0.0059, 1), 0u);
  // The delivery lost at 0.0072 and the call timed out at 1.007.
  EXPECT_DOUBLE_EQ(data.errors_in(0, 0.5), 1);
  EXPECT_DOUBLE_EQ(data.errors_in(0.5, 2), 1);
  EXPECT_DOUBLE_EQ(data.errors_in(0, 0.0072), 0);  // [t0, t1): the loss is at 0.0072 itself
}

TEST_F(SampleTrace, ChannelsCountHopsAndTheirMeanFlight) {
  const HopChannels channels(trace);
  long requests = -1, lost = -1;
  for (size_t c = 0; c < channels.channels().size(); ++c) {
    const auto& ch = channels.channels()[c];
    if (ch.from == 1 && ch.to == 4 && ch.kind == HopKind::Request) requests = static_cast<long>(c);
    if (ch.kind == HopKind::Delivery && !ch.arrived) lost = static_cast<long>(c);
  }
  ASSERT_GE(requests, 0);
  ASSERT_GE(lost, 0);
  // Two requests api-1 -> rabbit/x/openstack: at 0.0001 (flight 0.0001) and 0.007 (flight 0.0001).
  ChannelCount n = channels.count(static_cast<size_t>(requests), 0, 1);
  EXPECT_EQ(n.count, 2u);
  EXPECT_NEAR(n.mean_flight, 0.0001, 1e-12);
  n = channels.count(static_cast<size_t>(requests), 0.0002, 1);
  EXPECT_EQ(n.count, 1u);
  EXPECT_EQ(channels.channels()[static_cast<size_t>(requests)].hops[n.first], 9u);
  EXPECT_EQ(channels.count(static_cast<size_t>(lost), 0, 1).count, 1u);  // the delivery that never arrived
  size_t total = 0;
  for (size_t c = 0; c < channels.channels().size(); ++c) total += channels.count(c, -1, 2).count;
  EXPECT_EQ(total, trace.hops.size());  // every hop in exactly one channel
}

}  // namespace
}  // namespace buslab::tracefile
