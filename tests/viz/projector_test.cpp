// Projector mode: at --scale 1.5 and 2 every text the viewer draws (labels, headers, ruler, overview, toolbar,
// summary table, log) lies whole inside the box it is drawn in. Checked in the app's own geometry: the screenshot's
// regions file lists each text with its box and clip rectangle (visualizer/text_audit.hpp), not by reading pixels.
// Rows, fonts and panels grow together: the lanes' rows are twice as far apart at scale 2.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/temp_dir.hpp"

namespace buslab::viz {
namespace {

class Projector : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("command -v xvfb-run > /dev/null 2>&1") != 0)
      GTEST_SKIP() << "xvfb-run is not installed (Debian package xvfb): the projector test needs a virtual display";
    temp_ = std::make_unique<testing::TempDir>("viz-projector");
    // Lab 07 (servers down, brokered against direct): two runs, faults, bands, a queue graph, timeouts.
    const std::string command = std::string(BUSLAB_BINARY) + " run " + BUSLAB_SOURCE_DIR +
                                "/labs/07-buffering/scenario.json --out " + temp_->file("out") + " > " +
                                temp_->file("run.log") + " 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }

  nlohmann::json shoot(const std::string& options) {
    const std::string regions = temp_->file("regions.json");
    const std::string command = "LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s '-screen 0 1920x1080x24' " +
                                std::string(BUSLAB_VIZ_BINARY) + " " + temp_->file("out/brokered/trace.json") + " " +
                                temp_->file("out/direct/trace.json") + " --size 1600x900 --screenshot " +
                                temp_->file("shot.png") + " --screenshot-regions " + regions + " " + options + " > " +
                                temp_->file("viz.log") + " 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    return nlohmann::json::parse(std::ifstream(regions));
  }

  std::unique_ptr<testing::TempDir> temp_;
};

// Every text the audit found cut in a frame, as "text" at box, cut by clip.
std::vector<std::string> cut_texts(const nlohmann::json& r) {
  std::vector<std::string> cut;
  for (const auto& c : r["cut"])
    cut.push_back(c["text"].dump() + " at " + c["box"].dump() + " is cut by " + c["clip"].dump());
  return cut;
}

TEST_F(Projector, NoTextIsCutAtAnyScale) {
  for (const char* scale : {"1", "1.5", "2"})
    for (const std::string panels : {"", "--no-panels "}) {
      const std::string how = panels + "--scale " + scale;
      const nlohmann::json r = shoot(how);
      EXPECT_GT(r["texts"].get<int>(), 30) << how << ": the audit saw the frame's texts";
      EXPECT_EQ(cut_texts(r), std::vector<std::string>{}) << how;
    }
}

TEST_F(Projector, RowsGrowWithTheFont) {
  const auto a = shoot("--no-panels --no-overview --scale 1");
  const auto b = shoot("--no-panels --no-overview --scale 2");
  // caster-1 (lane 1) and caller-1 (lane 2) of run A sit on consecutive rows.
  const double pitch1 = a["lane_y"][0][2].get<double>() - a["lane_y"][0][1].get<double>();
  const double pitch2 = b["lane_y"][0][2].get<double>() - b["lane_y"][0][1].get<double>();
  ASSERT_GT(pitch1, 10);
  EXPECT_NEAR(pitch2 / pitch1, 2.0, 0.1);
  EXPECT_FALSE(a["panels"].get<bool>());
  // The overview's tracks grow too.
  const auto c = shoot("--no-panels --scale 1"), d = shoot("--no-panels --scale 2");
  const double h1 = c["overview"][3].get<double>() - c["overview"][1].get<double>();
  const double h2 = d["overview"][3].get<double>() - d["overview"][1].get<double>();
  EXPECT_NEAR(h2 / h1, 2.0, 0.1);
}

}  // namespace
}  // namespace buslab::viz
