#include <gtest/gtest.h>

#include <fmt/format.h>

#include "tests/support/sample_trace.hpp"
#include "tracefile/trace_reader.hpp"
#include "visualizer/document.hpp"
#include "visualizer/lanes.hpp"

namespace buslab::viz {
namespace {

class LayoutTest : public testing::Test {
 protected:
  Document doc{tracefile::parse_trace(testdata::sample_trace_json(), "t.json"), "A"};
};

TEST_F(LayoutTest, HostsHeadTheirLanesAndOneRowHostsGoInline) {
  const auto& rows = doc.layout().rows();
  // client1 holds one lane (api-1): one row, no header; rabbit: a header and its 5 lanes; compute1: one row.
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_FALSE(rows[0].header);
  EXPECT_TRUE(rows[0].host_inline);
  EXPECT_EQ(rows[0].lane, 1);                                         // api-1
  EXPECT_EQ(doc.layout().lanes_in_row(0), (std::vector<int>{1, 0}));  // the host's own events go to it
  EXPECT_TRUE(rows[1].header);
  EXPECT_EQ(rows[1].lane, 2);                               // host rabbit
  EXPECT_EQ(rows[4].lane, 5);                               // the compute queue
  EXPECT_EQ(rows[4].height, LaneLayout::kLaneHeight);       // never held more than one message: no graph
  EXPECT_EQ(rows[7].lane, 9);                               // compute-1, inline
  EXPECT_EQ(rows[7].height, LaneLayout::kGraphLaneHeight);  // the server's busy workers
  for (size_t r = 1; r < rows.size(); ++r) EXPECT_FLOAT_EQ(rows[r].y, rows[r - 1].y + rows[r - 1].height);
  EXPECT_FLOAT_EQ(doc.layout().height(), rows.back().y + rows.back().height);
  EXPECT_EQ(doc.layout().row_of_lane(9), 7);
  EXPECT_EQ(doc.layout().row_of_lane(8), 7);  // host compute1, folded into its one row
  EXPECT_EQ(doc.layout().row_at(rows[4].y + 1), 4);
  EXPECT_EQ(doc.layout().row_at(-1), -1);
  EXPECT_EQ(doc.layout().row_at(doc.layout().height() + 1), -1);
}

TEST_F(LayoutTest, RowsGrowWithTheScale) {
  doc.set_scale(2);
  const auto& rows = doc.layout().rows();
  EXPECT_FLOAT_EQ(rows[7].height, 2 * LaneLayout::kGraphLaneHeight);
  EXPECT_TRUE(doc.layout().graph_row(rows[7]));
  EXPECT_FALSE(doc.layout().graph_row(rows[4]));
  EXPECT_FLOAT_EQ(doc.layout().height(), rows.back().y + rows.back().height);
}

TEST_F(LayoutTest, CollapsedHostFoldsItsLanesIntoOneRow) {
  doc.toggle_collapsed(1);  // rabbit
  const auto& layout = doc.layout();
  ASSERT_EQ(layout.rows().size(), 3u);
  const int rabbit = layout.row_of_lane(5);
  EXPECT_TRUE(layout.rows()[static_cast<size_t>(rabbit)].collapsed);
  EXPECT_EQ(layout.row_of_lane(4), rabbit);  // exchange and queue arrows now meet on one row
  EXPECT_EQ(layout.lanes_in_row(static_cast<size_t>(rabbit)).size(), 6u);
  doc.toggle_collapsed(1);
  EXPECT_EQ(doc.layout().rows().size(), 8u);
}

TEST_F(LayoutTest, HiddenLanesAndHostsHaveNoRow) {
  doc.hide_lane(7);
  EXPECT_EQ(doc.layout().row_of_lane(7), -1);
  EXPECT_EQ(doc.layout().rows().size(), 7u);
  doc.hide_host(2);  // compute1 with its server
  EXPECT_EQ(doc.layout().row_of_lane(9), -1);
  EXPECT_EQ(doc.layout().rows().size(), 6u);
  doc.show_all();
  EXPECT_EQ(doc.layout().rows().size(), 8u);
  EXPECT_EQ(doc.hide_matching("rabbit/*"), 4u);  // two exchanges, two queues; not the broker "rabbit"
  EXPECT_EQ(doc.layout().rows().size(), 3u);     // api-1, the broker (now its host's one row), compute-1
  EXPECT_EQ(doc.hide_matching("nothing*"), 0u);
}

// Sixteen clients of one group and their reply queues: one row each until expanded.
TEST(ServerScale, APoolWithoutBoundSaysSoInsteadOfItsHundredThousandWorkers) {
  EXPECT_EQ(busy_scale_text(3, 64), "busy max 3/64");
  EXPECT_EQ(busy_scale_text(1, 1), "busy max 1/1");
  // xmlrpc-threaded (a thread per connection) and zerorpc (gevent) write the most instances a scenario allows.
  EXPECT_EQ(busy_scale_text(10, tracefile::kUnboundedWorkers), "busy max 10, no bound");
}

TEST(LaneFamilies, LikeLanesFoldIntoOneRow) {
  std::string lanes = R"({"id":0,"name":"api","kind":"host","host":"api"})";
  for (int i = 1; i <= 16; ++i)
    lanes += fmt::format(R"(,{{"id":{},"name":"api-{}","kind":"client","host":"api"}})", i, i);
  for (int i = 1; i <= 16; ++i)
    lanes += fmt::format(R"(,{{"id":{},"name":"rabbit/q/reply_api-{}","kind":"queue","host":"rabbit"}})", 16 + i, i);
  lanes += R"(,{"id":33,"name":"compute-1","kind":"server","host":"c1","workers":4})";
  lanes += R"(,{"id":34,"name":"compute-2","kind":"server","host":"c1","workers":4})";
  const std::string text =
      R"({"format":"buslab-trace","version":1,"lanes":[)" + lanes +
      R"(],"hop_fields":["msg","call","kind","from","to","t_send","t_recv","bytes","method","status"],)"
      R"("hops":[[1,1,"request",3,33,0,0.001,10,"m","ok"]],"event_fields":["t","lane","type","value","call"],)"
      R"("events":[],"call_fields":["call","client","method","mode","t_start","t_end","outcome","server"],"calls":[]})";
  Document doc{tracefile::parse_trace(text, "t.json"), "A"};
  const auto& f = doc.families();
  ASSERT_EQ(f.names.size(), 2u);
  EXPECT_EQ(f.names[0], "api-*");
  EXPECT_EQ(f.names[1], "rabbit/q/reply_api-*");
  EXPECT_EQ(f.of_lane[33], -1);  // servers are never folded
  const auto& layout = doc.layout();
  // api: one family row, inline (its host has nothing else); rabbit: one family row, inline; c1: header and two.
  ASSERT_EQ(layout.rows().size(), 5u);
  const int api = layout.row_of_lane(3);
  EXPECT_EQ(layout.rows()[static_cast<size_t>(api)].family, 0);
  EXPECT_EQ(layout.row_of_lane(16), api);                                // every member's arrows meet there
  EXPECT_EQ(layout.lanes_in_row(static_cast<size_t>(api)).size(), 17u);  // 16 clients and the host lane
  doc.toggle_family(0);
  EXPECT_EQ(doc.layout().rows().size(), 5u - 1 + 1 + 16);  // a header and sixteen rows instead of one
  EXPECT_NE(doc.layout().row_of_lane(3), doc.layout().row_of_lane(16));
}

TEST_F(LayoutTest, IdleLanesCanBeHidden) {
  // Every lane of the sample takes part; make the broker lane idle by dropping the heartbeat it receives.
  Document idle{tracefile::parse_trace(testdata::replaced(testdata::sample_trace_json(),
                                                          "[0,0,\"heartbeat\",9,3,0.0009,0.001,20,\"\",\"ok\"],\n", ""),
                                       "t.json"),
                "A"};
  idle.hide_idle_lanes();
  EXPECT_EQ(idle.layout().row_of_lane(3), -1);
  EXPECT_GE(idle.layout().row_of_lane(5), 0);
  EXPECT_GE(idle.layout().row_of_lane(0), 0);  // host rows stay
}

TEST(CallTreeSelection, SelectingANestedCallSelectsItsTree) {
  // The sample trace with call 2 made while handling call 1 (a `parent` column): selecting 2 draws both on top.
  std::string text =
      testdata::replaced(testdata::sample_trace_json(), R"("outcome","server"])", R"("outcome","server","parent"])");
  text = testdata::replaced(text, R"("ok",9])", R"("ok",9,0])");
  text = testdata::replaced(text, R"("timeout",-1])", R"("timeout",-1,1])");
  Document doc{tracefile::parse_trace(text, "t.json"), "A"};
  doc.select_call(2);
  EXPECT_EQ(doc.selected_call(), 2u);  // its path is the one broken down
  EXPECT_EQ(doc.tree().size(), 2u);
  EXPECT_TRUE(doc.in_selected_call(0));            // a hop of call 1
  EXPECT_TRUE(doc.in_selected_call(9));            // a hop of call 2
  EXPECT_FALSE(doc.in_selected_call(4));           // the heartbeat
  EXPECT_EQ(doc.selected_hops().size(), 12u - 1);  // every hop but the heartbeat
}

TEST_F(LayoutTest, SelectionAndFilterFollowTheDocument) {
  doc.select_call(1);
  EXPECT_EQ(doc.selected_call(), 1u);
  EXPECT_TRUE(doc.in_selected_call(0));
  EXPECT_FALSE(doc.in_selected_call(4));  // the heartbeat
  doc.select_call(77);                    // unknown: nothing selected
  EXPECT_EQ(doc.selected_call(), 0u);
  EXPECT_TRUE(doc.set_filter("kind:delivery"));
  EXPECT_EQ(doc.log_size(), 3u);
  EXPECT_EQ(doc.log_hop(1), 7u);
  EXPECT_EQ(doc.log_row_of(7), 1u);
  EXPECT_EQ(doc.log_row_of(8), 2u);  // not listed: the next row
  EXPECT_FALSE(doc.set_filter("bogus:1"));
  EXPECT_EQ(doc.log_size(), 3u);  // the last good filter stays
  EXPECT_FALSE(doc.filter_error().empty());
  EXPECT_TRUE(doc.set_filter(""));
  EXPECT_EQ(doc.log_size(), 12u);
  EXPECT_TRUE(doc.kind_present(tracefile::HopKind::Heartbeat));
  EXPECT_FALSE(doc.kind_present(tracefile::HopKind::Nack));
}

}  // namespace
}  // namespace buslab::viz
