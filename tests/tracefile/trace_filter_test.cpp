#include <gtest/gtest.h>

#include "tracefile/hop_filter.hpp"
#include "tracefile/trace_reader.hpp"
#include "tests/support/sample_trace.hpp"

namespace buslab::tracefile {
namespace {

class FilterTest : public testing::Test {
 protected:
  std::vector<uint32_t> select(const std::string& text) {
    HopFilter filter;
    std::string error;
    EXPECT_TRUE(filter.parse(text, error)) << error;
    filter.bind(trace, index);
    return filter.select();
  }
  Trace trace = parse_trace(testdata::sample_trace_json(), "t.json");
  TraceIndex index{trace};
};

TEST_F(FilterTest, EmptyFilterKeepsEverything) {
  EXPECT_EQ(select("  ").size(), trace.hops.size());
}

TEST_F(FilterTest, KindCallMethodAndStatus) {
  EXPECT_EQ(select("kind:reply"), (std::vector<uint32_t>{5}));
  EXPECT_EQ(select("kind:request,reply").size(), 3u);
  EXPECT_EQ(select("call:2"), (std::vector<uint32_t>{9, 10, 11}));
  EXPECT_EQ(select("status:lost"), (std::vector<uint32_t>{11}));
  EXPECT_EQ(select("method:ADD").size(), 9u);                           // acks and the heartbeat carry no method
  EXPECT_EQ(select("kind:del call:1"), (std::vector<uint32_t>{2, 7}));  // prefix, and terms combine
}

TEST_F(FilterTest, ClientAndServerFollowTheCall) {
  // A route inside the broker touches neither the client nor the server but belongs to their call.
  const auto client = select("client:api-1");
  EXPECT_EQ(client.size(), 11u);  // all but the heartbeat
  const auto server = select("server:compute-1");
  EXPECT_EQ(server.size(), 10u);  // call 1 (served there), the heartbeat, and call 2's lost delivery to it
}

TEST_F(FilterTest, WordsMatchAnythingAndNegate) {
  EXPECT_EQ(select("heartbeat"), (std::vector<uint32_t>{4}));
  EXPECT_EQ(select("reply_api").size(), 3u);  // route in, delivery out, ack in
  EXPECT_EQ(select("-kind:ack").size(), trace.hops.size() - 2);
}

TEST_F(FilterTest, BadKeysAreExplained) {
  HopFilter filter;
  std::string error;
  EXPECT_FALSE(filter.parse("clinet:api-1", error));
  EXPECT_NE(error.find("unknown key \"clinet:\""), std::string::npos);
  EXPECT_FALSE(filter.parse("call:abc", error));
  EXPECT_NE(error.find("a call id is a number"), std::string::npos);
}

}  // namespace
}  // namespace buslab::tracefile
