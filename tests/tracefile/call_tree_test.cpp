// A tree of calls from the calls' optional `parent` column: the root first, then depth first, children by start;
// without the column every call is a tree of its own. And the reader takes the column when a trace has it.
#include <gtest/gtest.h>

#include "tests/support/sample_trace.hpp"
#include "tracefile/call_tree.hpp"
#include "tracefile/trace_reader.hpp"

namespace buslab::tracefile {
namespace {

std::string with_parents() {
  return testdata::sample_trace_with_parents_json();
}

TEST(CallTree, ARootAndTheCallsMadeWhileHandlingIt) {
  const Trace trace = parse_trace(with_parents(), "t.json");
  ASSERT_EQ(trace.calls.parent, (std::vector<uint64_t>{0, 1}));
  const TraceIndex index(trace);
  for (uint64_t from : {1u, 2u}) {  // from the root or from the child: the same tree
    const auto tree = call_tree(trace, index, from);
    ASSERT_EQ(tree.size(), 2u);
    EXPECT_EQ(tree[0].call, 1u);
    EXPECT_EQ(tree[0].depth, 0);
    EXPECT_EQ(tree[1].call, 2u);
    EXPECT_EQ(tree[1].depth, 1);
  }
  EXPECT_TRUE(call_tree(trace, index, 99).empty());
}

TEST(CallTree, WithoutLineageEachCallIsItsOwnTree) {
  const Trace trace = parse_trace(testdata::sample_trace_json(), "t.json");
  const TraceIndex index(trace);
  EXPECT_EQ(trace.calls.parent, (std::vector<uint64_t>{0, 0}));
  const auto tree = call_tree(trace, index, 2);
  ASSERT_EQ(tree.size(), 1u);
  EXPECT_EQ(tree[0].call, 2u);
}

// A call is done with when its caller has its answer or its server finished it, whichever is later: call 1 ends
// at its client at 6.3 ms after its server's run ended at 5.8 ms; made a cast, it ends for its caller at 0.1 ms
// (sent) and is done with when the server's run ends, 5.8 ms. Call 2 timed out at 1.007 s and no server ran it.
TEST(CallTree, ACallIsDoneWithWhenItsServerIsDoneToo) {
  const Trace trace = parse_trace(with_parents(), "t.json");
  const TraceIndex index(trace);
  const auto tree = call_tree(trace, index, 1);
  EXPECT_EQ(tree_done(trace, tree), (std::vector<double>{0.0063, 1.007}));
  const std::string cast = testdata::replaced(with_parents(), R"([1,1,"add","call",0.0,0.0063,"ok",9,0])",
                                              R"([1,1,"add","cast",0.0,0.0001,"sent",9,0])");
  const Trace cast_trace = parse_trace(cast, "t.json");
  const TraceIndex cast_index(cast_trace);
  EXPECT_EQ(tree_done(cast_trace, call_tree(cast_trace, cast_index, 1)), (std::vector<double>{0.0058, 1.007}));
}

// Each call's time is from its start to when it is done with, and its share is of the tree's span, from the root's
// start (0) to the last call done with (call 2's timeout at 1.007 s): call 1 took 6.3 ms, 0.6% of it; call 2,
// started at 6.9 ms, took 1.0001 s, 99.3%.
TEST(CallTree, EachCallsLineGivesItsTimeAndShareOfTheTree) {
  const Trace trace = parse_trace(with_parents(), "t.json");
  const TraceIndex index(trace);
  const auto tree = call_tree(trace, index, 2);
  const TreeTiming timing = tree_timing(trace, tree);
  EXPECT_DOUBLE_EQ(timing.start, 0.0);
  EXPECT_DOUBLE_EQ(timing.span, 1.007);
  EXPECT_DOUBLE_EQ(timing.took[0], 0.0063);
  EXPECT_DOUBLE_EQ(timing.took[1], 1.007 - 0.0069);
  EXPECT_EQ(tree_lines(trace, tree),
            (std::vector<std::string>{"#1 call add on compute-1, 6.30 ms (1%)", "  #2 call add on -, 1.00 s (99%)"}));
}

}  // namespace
}  // namespace buslab::tracefile
