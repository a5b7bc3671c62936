#include <gtest/gtest.h>

#include "tracefile/call_path.hpp"
#include "tracefile/trace_reader.hpp"
#include "tests/support/sample_trace.hpp"

namespace buslab::tracefile {
namespace {

class CallPathTest : public testing::Test {
 protected:
  Trace trace = parse_trace(testdata::sample_trace_json(), "t.json");
  TraceIndex index{trace};
};

TEST_F(CallPathTest, BrokeredCallBreaksDownIntoEveryPhase) {
  const CallPath p = trace_call(trace, index, 1);
  ASSERT_EQ(p.row, 0);
  EXPECT_EQ(p.hops.size(), 8u);
  const std::vector<std::pair<Phase, double>> expected = {
      {Phase::ClientSend, 0.0001},      {Phase::RequestWire, 0.0001},   {Phase::BrokerRoute, 0.00002},
      {Phase::QueueWait, 0.00028},      {Phase::Delivery, 0.0001},      {Phase::ServerBacklog, 0.0002},
      {Phase::Service, 0.005},          {Phase::ReplySend, 0.0001},     {Phase::ReplyWire, 0.00012},
      {Phase::ReplyQueueWait, 0.00008}, {Phase::ReplyDelivery, 0.0001}, {Phase::ClientReceive, 0.0001}};
  ASSERT_EQ(p.segments.size(), expected.size());
  double sum = 0;
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(p.segments[i].phase, expected[i].first) << i;
    EXPECT_NEAR(p.segments[i].duration(), expected[i].second, 1e-12) << to_string(expected[i].first);
    sum += p.segments[i].duration();
  }
  EXPECT_NEAR(sum, p.total(), 1e-12);
  EXPECT_NEAR(p.total(), 0.0063, 1e-12);
  EXPECT_EQ(p.segments[3].lane, 5);  // queue wait happens on the queue lane
  EXPECT_EQ(p.segments[6].lane, 9);  // service on the server
}

TEST_F(CallPathTest, TimedOutCallEndsWithNoReply) {
  const CallPath p = trace_call(trace, index, 2);
  ASSERT_EQ(p.segments.size(), 3u);
  EXPECT_EQ(p.segments[0].phase, Phase::ClientSend);
  EXPECT_EQ(p.segments[1].phase, Phase::RequestWire);
  EXPECT_EQ(p.segments[2].phase, Phase::Unanswered);
  EXPECT_NEAR(p.total(), 1.007 - 0.0069, 1e-12);
}

TEST_F(CallPathTest, DirectCallHasNoQueuePhases) {
  std::string text = testdata::sample_trace_json();
  // Make call 1 direct: request straight to the server, reply straight back; drop the broker hops.
  text = testdata::replaced(text, "[1,1,\"request\",1,4,0.0001,0.0002,", "[1,1,\"request\",1,9,0.0001,0.0006,");
  text = testdata::replaced(text, "[1,1,\"route\",4,5,0.00021,0.00022,1000,\"add\",\"ok\"],\n", "");
  text = testdata::replaced(text, "[1,1,\"delivery\",5,9,0.0005,0.0006,1000,\"add\",\"ok\"],\n", "");
  text = testdata::replaced(text, "[0,1,\"ack\",9,5,0.0006,0.0007,80,\"\",\"ok\"],\n", "");
  text = testdata::replaced(text, "[3,1,\"reply\",9,6,0.0059,0.006,", "[3,1,\"reply\",9,1,0.0059,0.0062,");
  text = testdata::replaced(text, "[3,1,\"route\",6,7,0.00601,0.00602,300,\"add\",\"ok\"],\n", "");
  text = testdata::replaced(text, "[3,1,\"delivery\",7,1,0.0061,0.0062,300,\"add\",\"ok\"],\n", "");
  text = testdata::replaced(text, "[0,1,\"ack\",1,7,0.0062,0.0063,80,\"\",\"ok\"],\n", "");
  const Trace direct = parse_trace(text, "t.json");
  const TraceIndex direct_index(direct);
  const CallPath p = trace_call(direct, direct_index, 1);
  std::vector<Phase> phases;
  for (const auto& s : p.segments) phases.push_back(s.phase);
  EXPECT_EQ(phases, (std::vector<Phase>{Phase::ClientSend, Phase::RequestWire, Phase::ServerBacklog, Phase::Service,
                                        Phase::ReplySend, Phase::ReplyWire, Phase::ClientReceive}));
  EXPECT_NEAR(p.segments[5].duration(), 0.0003, 1e-12);
  EXPECT_NEAR(p.total(), 0.0063, 1e-12);
}

TEST_F(CallPathTest, CastIsFollowedToItsServerEvenUnnamed) {
  // A cast: ends for the client when sent, and the trace names no server.
  const Trace cast =
      parse_trace(testdata::replaced(testdata::sample_trace_json(), "[1,1,\"add\",\"call\",0.0,0.0063,\"ok\",9]",
                                     "[1,1,\"add\",\"cast\",0.0,0.0001,\"sent\",-1]"),
                  "t.json");
  const TraceIndex cast_index(cast);
  const CallPath p = trace_call(cast, cast_index, 1);
  EXPECT_EQ(p.server, 9);
  bool service = false;
  for (const auto& s : p.segments) service = service || s.phase == Phase::Service;
  EXPECT_TRUE(service);
  EXPECT_GT(p.t_end, 0.0058 - 1e-12);  // followed past the send, to the last milestone
}

TEST_F(CallPathTest, UnknownCallIsEmpty) {
  const CallPath p = trace_call(trace, index, 42);
  EXPECT_EQ(p.row, -1);
  EXPECT_TRUE(p.segments.empty());
}

}  // namespace
}  // namespace buslab::tracefile
