#include <gtest/gtest.h>

#include "tracefile/trace_reader.hpp"
#include "tests/support/sample_trace.hpp"
#include "visualizer/document.hpp"

namespace buslab::viz {
namespace {

class LayoutTest : public testing::Test {
 protected:
  Document doc{tracefile::parse_trace(testdata::sample_trace_json(), "t.json"), "A"};
};

TEST_F(LayoutTest, HostsHeadTheirLanes) {
  const auto& rows = doc.layout().rows();
  ASSERT_EQ(rows.size(), 10u);  // 3 host headers + 7 lanes
  EXPECT_TRUE(rows[0].header);
  EXPECT_EQ(rows[0].lane, 0);  // host client1
  EXPECT_EQ(rows[1].lane, 1);  // api-1
  EXPECT_TRUE(rows[2].header);
  EXPECT_EQ(rows[5].lane, 5);                               // the compute queue
  EXPECT_EQ(rows[5].height, LaneLayout::kLaneHeight);       // never held more than one message: no graph
  EXPECT_EQ(rows[9].height, LaneLayout::kGraphLaneHeight);  // the server's busy workers
  for (size_t r = 1; r < rows.size(); ++r) EXPECT_FLOAT_EQ(rows[r].y, rows[r - 1].y + rows[r - 1].height);
  EXPECT_FLOAT_EQ(doc.layout().height(), rows.back().y + rows.back().height);
  EXPECT_EQ(doc.layout().row_of_lane(9), 9);
  EXPECT_EQ(doc.layout().row_at(rows[5].y + 1), 5);
  EXPECT_EQ(doc.layout().row_at(-1), -1);
  EXPECT_EQ(doc.layout().row_at(doc.layout().height() + 1), -1);
}

TEST_F(LayoutTest, CollapsedHostFoldsItsLanesIntoOneRow) {
  doc.toggle_collapsed(1);  // rabbit
  const auto& layout = doc.layout();
  ASSERT_EQ(layout.rows().size(), 5u);
  const int rabbit = layout.row_of_lane(5);
  EXPECT_TRUE(layout.rows()[static_cast<size_t>(rabbit)].collapsed);
  EXPECT_EQ(layout.row_of_lane(4), rabbit);  // exchange and queue arrows now meet on one row
  EXPECT_EQ(layout.lanes_in_row(static_cast<size_t>(rabbit)).size(), 6u);
  doc.toggle_collapsed(1);
  EXPECT_EQ(doc.layout().rows().size(), 10u);
}

TEST_F(LayoutTest, HiddenLanesAndHostsHaveNoRow) {
  doc.hide_lane(7);
  EXPECT_EQ(doc.layout().row_of_lane(7), -1);
  EXPECT_EQ(doc.layout().rows().size(), 9u);
  doc.hide_host(2);  // compute1 with its server
  EXPECT_EQ(doc.layout().row_of_lane(9), -1);
  EXPECT_EQ(doc.layout().rows().size(), 7u);
  doc.show_all();
  EXPECT_EQ(doc.layout().rows().size(), 10u);
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
