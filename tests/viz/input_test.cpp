// Interactions, replayed: --input scripts mouse and keys before a --screenshot, and the regions file reports the
// view, cursor, selection and rows the frame ended with.
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "tests/support/sample_trace.hpp"
#include "tests/support/temp_dir.hpp"
#include "tracefile/logical_order.hpp"
#include "tracefile/trace_reader.hpp"
#include "visualizer/input_script.hpp"

namespace buslab::viz {
namespace {

TEST(InputScript, StepsLastTheirFramesAndButtonsStayDown) {
  InputScript s;
  std::string error;
  ASSERT_TRUE(s.parse("move 10 20; press left; frames 3; move 30 20\nrelease left; wheel 2; hold W 4; key f", error))
      << error;
  EXPECT_EQ(s.frames(), 1 + 1 + 3 + 1 + 1 + 1 + 4 + 1);
  FrameInput in = s.at(0);
  EXPECT_EQ(in.x, 10);
  EXPECT_FALSE(in.down[0]);
  in = s.at(3);  // during "frames 3"
  EXPECT_TRUE(in.down[0]);
  in = s.at(5);
  EXPECT_EQ(in.x, 30);
  EXPECT_TRUE(in.down[0]);
  in = s.at(7);  // the wheel step
  EXPECT_FALSE(in.down[0]);
  EXPECT_EQ(in.wheel, 2);
  EXPECT_EQ(s.at(8).wheel, 0);  // one frame only
  EXPECT_EQ(s.at(10).keys_down, (std::vector<int>{GLFW_KEY_W}));
  EXPECT_EQ(s.at(12).keys_down, (std::vector<int>{GLFW_KEY_F}));
  EXPECT_TRUE(s.at(40).keys_down.empty());
}

TEST(InputScript, BadStepsAreNamed) {
  InputScript s;
  std::string error;
  EXPECT_FALSE(s.parse("move 10", error));
  EXPECT_NE(error.find("\"move 10\""), std::string::npos);
  EXPECT_FALSE(s.parse("key F13", error));
  EXPECT_FALSE(s.parse("press middle", error));
  EXPECT_FALSE(s.parse("dance", error));
}

class Replay : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("command -v xvfb-run > /dev/null 2>&1") != 0)
      GTEST_SKIP() << "xvfb-run is not installed (Debian package xvfb): replayed input needs a virtual display";
    temp_ = std::make_unique<testing::TempDir>("viz-replay");
    dir_ = temp_->path();
    trace_ = dir_ + "/t.json";
    std::ofstream(trace_) << testdata::sample_trace_json();
  }
  // Runs the script and returns the state the last frame showed.
  nlohmann::json replay(const std::string& script, const std::string& options = "",
                        const std::string& size = "1600x900") {
    const std::string regions = dir_ + "/state.json";
    std::filesystem::remove(regions);
    const std::string command = "LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s '-screen 0 1920x1080x24' " +
                                std::string(BUSLAB_VIZ_BINARY) + " " + trace_ + " " + options + " --size " + size +
                                " --screenshot " + dir_ + "/shot.png --screenshot-regions " + regions + " --input '" +
                                script + "' > " + dir_ + "/log 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    return nlohmann::json::parse(std::ifstream(regions));
  }
  // Time under a window x, in the view a state reports.
  static double time_at(const nlohmann::json& state, double x) {
    const double x0 = state["plot"][0], x1 = state["plot"][2];
    const double t0 = state["view"][0], t1 = state["view"][1];
    return t0 + (x - x0) / (x1 - x0) * (t1 - t0);
  }
  static double span(const nlohmann::json& state) {
    return state["view"][1].get<double>() - state["view"][0].get<double>();
  }
  std::unique_ptr<testing::TempDir> temp_;  // made in SetUp, after the check that xvfb-run is there
  std::string dir_, trace_;
};

TEST_F(Replay, WheelZoomsAroundTheMouse) {
  const nlohmann::json before = replay("frames 1");
  const double anchor = time_at(before, 700);
  const nlohmann::json after = replay("move 700 300; wheel 3");
  EXPECT_NEAR(span(after), span(before) * std::pow(0.8, 3), span(before) * 1e-6);
  EXPECT_NEAR(time_at(after, 700), anchor, span(before) * 1e-6);
}

TEST_F(Replay, DragPansAndKeysZoomAndFit) {
  const nlohmann::json before = replay("frames 1");
  const nlohmann::json dragged = replay("move 700 300; press left; move 800 300; move 900 300; release left");
  const double px = (before["plot"][2].get<double>() - before["plot"][0].get<double>());
  const double moved = (before["view"][0].get<double>() - dragged["view"][0].get<double>()) / span(before) * px;
  EXPECT_NEAR(moved, 200, 12);  // dragged right by 200 pixels: earlier times come into view
  const nlohmann::json zoomed = replay("hold W 30");
  EXPECT_LT(span(zoomed), span(before) * 0.5);
  const nlohmann::json fitted = replay("hold W 30; key F");
  EXPECT_NEAR(span(fitted), span(before), span(before) * 1e-9);
}

TEST_F(Replay, RulerClickPlacesTheCursorAndSpacePlays) {
  const nlohmann::json before = replay("frames 1");
  const double ruler_y = before["plot"][1].get<double>() - 15;
  const nlohmann::json clicked = replay("move 700 " + std::to_string(ruler_y) + "; press left; frames 1; release left");
  ASSERT_FALSE(clicked["cursor"].is_null());
  EXPECT_NEAR(clicked["cursor"].get<double>(), time_at(before, 700), span(before) / 500);
  EXPECT_FALSE(clicked["playing"].get<bool>());
  const nlohmann::json playing = replay("key space");
  EXPECT_TRUE(playing["playing"].get<bool>());
}

TEST_F(Replay, ClickingAHostRowCollapsesIt) {
  const nlohmann::json before = replay("frames 1");
  // Host rabbit's header row: where its host lane (2) is drawn. Its five lanes fold into it.
  const double y = before["lane_y"][0][2].get<double>();
  const nlohmann::json after = replay("move 60 " + std::to_string(y) + "; press left; frames 1; release left");
  EXPECT_EQ(after["rows"][0].get<int>(), before["rows"][0].get<int>() - 5);
}

TEST_F(Replay, LSwitchesToTheLogicalViewAndBack) {
  const nlohmann::json before = replay("frames 1");
  const tracefile::Trace trace = tracefile::read_trace(trace_);
  const tracefile::LogicalOrder order =
      tracefile::logical_order(trace, before["view"][0].get<double>(), before["view"][1].get<double>());
  const nlohmann::json logical = replay("key L; frames 2");
  EXPECT_DOUBLE_EQ(logical["view"][0].get<double>(), 0);  // steps, from the first to one past the last
  EXPECT_DOUBLE_EQ(logical["view"][1].get<double>(), order.steps + 1.0);
  const nlohmann::json back = replay("key L; frames 2; key L; frames 2");
  EXPECT_DOUBLE_EQ(back["view"][0].get<double>(), before["view"][0].get<double>());
  EXPECT_DOUBLE_EQ(back["view"][1].get<double>(), before["view"][1].get<double>());
}

TEST_F(Replay, ClickingAnArrowFollowsItsCall) {
  // The reply of call 1 leaves compute-1 (lane 9) at 5.9 ms and reaches the default exchange (lane 6) at 6.0 ms.
  const std::string range = "--range 5.8ms:6.1ms";
  const nlohmann::json before = replay("frames 1", range);
  EXPECT_EQ(before["selected"][0].get<int>(), 0);
  const double x0 = before["plot"][0], x1 = before["plot"][2];
  const double x = x0 + (0.00595 - 0.0058) / 0.0003 * (x1 - x0);
  const double y = (before["lane_y"][0][9].get<double>() + before["lane_y"][0][6].get<double>()) / 2;
  const std::string at = std::to_string(static_cast<int>(x)) + " " + std::to_string(static_cast<int>(y));
  const nlohmann::json after = replay("move " + at + "; frames 2; press left; frames 1; release left", range);
  EXPECT_EQ(after["selected"][0].get<int>(), 1);
  // A click on empty plot clears it.
  const nlohmann::json cleared =
      replay("move " + at + "; frames 2; press left; release left; move " + std::to_string(static_cast<int>(x)) + " " +
                 std::to_string(static_cast<int>(before["plot"][3].get<double>() - 5)) +
                 "; frames 2; press left; release left",
             range);
  EXPECT_EQ(cleared["selected"][0].get<int>(), 0);
}

TEST_F(Replay, EscapeClearsTheSelectedCall) {
  EXPECT_EQ(replay("frames 1", "--call 1")["selected"][0].get<int>(), 1);
  EXPECT_EQ(replay("key esc", "--call 1")["selected"][0].get<int>(), 0);
}

// Clicks, right-clicks, drags and wheel turns all over the window (toolbar, labels, plot, ruler, side panel, log),
// with two traces open: whatever is hit, buslab-viz keeps going and exits cleanly. In an 800x450 window: every
// region is still there (cramped, the lanes scroll: a layout worth testing too), and software rendering draws a
// quarter of the pixels a frame, so the 300-odd frames take seconds, not half a minute.
TEST_F(Replay, ClickingEverywhereNeverCrashes) {
  std::string script;
  for (int y = 10; y < 450; y += 55)
    for (int x = 15; x < 800; x += 160) {
      const std::string at = std::to_string(x) + " " + std::to_string(y);
      script += "move " + at + "; press left; release left; press right; move " + std::to_string(x + 20) + " " +
                std::to_string(y + 3) + "; release right; wheel 1; ";
    }
  script += "move 350 150; press left; move 380 165; release left; key period; key esc; hold S 5; key comma; ";
  script += "key space; frames 3";
  const nlohmann::json state = replay(script, trace_, "800x450");  // the same trace twice: compare mode
  EXPECT_EQ(state["rows"].size(), 2u);
  EXPECT_GT(state["plot"][2].get<int>(), state["plot"][0].get<int>()) << "a plot area, however cramped";
}

}  // namespace
}  // namespace buslab::viz
