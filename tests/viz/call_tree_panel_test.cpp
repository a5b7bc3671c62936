// The side panel's call tree of a nova boot (lab 06, --call 1) at 1920x1080: every call of the tree has a row, and
// each row's share of the tree's time and how long it took lie whole inside the panel (a long method or lane name
// may run past its edge; before, the figures came last and were the part cut off). Checked in the app's own
// geometry: the regions file lists each text with its box and clip rectangle (visualizer/text_audit.hpp).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "tests/support/temp_dir.hpp"

namespace buslab::viz {
namespace {

TEST(CallTreePanel, EachCallsShareAndTimeAreWhole) {
  if (std::system("command -v xvfb-run > /dev/null 2>&1") != 0)
    GTEST_SKIP() << "xvfb-run is not installed (Debian package xvfb): the panel test needs a virtual display";
  const testing::TempDir temp("viz-call-tree");
  const std::string run = std::string(BUSLAB_BINARY) + " run " + BUSLAB_SOURCE_DIR +
                          "/labs/06-nova-boot/scenario.json --out " + temp.file("out") + " > " + temp.file("run.log") +
                          " 2>&1";
  ASSERT_EQ(std::system(run.c_str()), 0) << run;
  const std::string regions = temp.file("regions.json");
  const std::string shot = "LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s '-screen 0 1920x1080x24' " +
                           std::string(BUSLAB_VIZ_BINARY) + " " + temp.file("out/nova-boot/trace.json") +
                           " --call 1 --size 1920x1080 --screenshot " + temp.file("shot.png") +
                           " --screenshot-regions " + regions + " > " + temp.file("viz.log") + " 2>&1";
  ASSERT_EQ(std::system(shot.c_str()), 0) << shot;
  const auto r = nlohmann::json::parse(std::ifstream(regions));
  std::set<std::string> drawn, cut;
  for (const auto& t : r["text_list"]) drawn.insert(t.get<std::string>());
  for (const auto& c : r["cut"]) cut.insert(c["text"].get<std::string>());
  // The boot's five calls, indented under their callers: the API's cast, select_destinations, the build's cast
  // and its two saves through the conductor.
  for (const char* call :
       {"#1 cast schedule_and_build_instances on conductor-1", "  #2 call select_destinations on scheduler-1",
        "  #8 cast build_and_run_instance on compute-1", "    #126 call object_action on conductor-2",
        "    #127 call object_action on conductor-1"})
    EXPECT_EQ(drawn.count(call), 1u) << call;
  // Their shares of the tree's 7.56 s and their times (the root's 113 ms, 1%; the build's 7.45 s, 99%; ...).
  for (const char* figure : {"1%", "99%", "0%", "113 ms", "86.5 ms", "7.45 s", "21.4 ms", "4.66 ms"}) {
    EXPECT_EQ(drawn.count(figure), 1u) << figure << " is not drawn";
    EXPECT_EQ(cut.count(figure), 0u) << figure << " is cut";
  }
}

}  // namespace
}  // namespace buslab::viz
