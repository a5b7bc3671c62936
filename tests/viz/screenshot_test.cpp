// Runs buslab-viz --screenshot under xvfb-run on a real trace and checks the picture: arrows of the request,
// delivery and reply colours, and the kill, restart and queue depth marks, inside the plot area (the legend, in
// the side panel, is outside it and does not count).
#include <gtest/gtest.h>
#include <stb_image.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/temp_dir.hpp"
#include "tracefile/kind_colors.hpp"
#include "tracefile/trace_reader.hpp"

namespace buslab::viz {
namespace {

using tracefile::Rgb;

struct Image {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;
};

Image load_png(const std::string& path) {
  Image image;
  int channels = 0;
  unsigned char* data = stbi_load(path.c_str(), &image.width, &image.height, &channels, 3);
  if (!data) return image;
  image.rgb.assign(data, data + static_cast<size_t>(image.width) * static_cast<size_t>(image.height) * 3);
  stbi_image_free(data);
  return image;
}

// Pixels within `tolerance` (per channel) of a colour, inside [x0, x1) x [y0, y1).
int count_color(const Image& image, const std::array<int, 4>& rect, Rgb color, int tolerance = 28) {
  int n = 0;
  for (int y = std::max(0, rect[1]); y < std::min(image.height, rect[3]); ++y)
    for (int x = std::max(0, rect[0]); x < std::min(image.width, rect[2]); ++x) {
      const unsigned char* p =
          &image.rgb[(static_cast<size_t>(y) * static_cast<size_t>(image.width) + static_cast<size_t>(x)) * 3];
      if (std::abs(p[0] - color.r) <= tolerance && std::abs(p[1] - color.g) <= tolerance &&
          std::abs(p[2] - color.b) <= tolerance)
        ++n;
    }
  return n;
}

class Screenshot : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("command -v xvfb-run > /dev/null 2>&1") != 0)
      GTEST_SKIP() << "xvfb-run is not installed (Debian package xvfb): the screenshot test needs a virtual display";
    temp_ = std::make_unique<testing::TempDir>("viz-screenshot");
    dir_ = temp_->path();
    std::filesystem::create_directories(dir_ + "/server-kill");
    trace_ = dir_ + "/server-kill/trace.json";  // --out DIR writes DIR/<scenario name>/
    // Where the trace comes from is a build option (BUSLAB_VIZ_TEST_TRACE): the simulator by default.
    const std::string source = BUSLAB_VIZ_TEST_TRACE;
    const std::string command =
        source == "gen"
            ? std::string(BUSLAB_GEN_TRACE) + " --hops 20000 --clients 4 --servers 2 --out " + trace_
            : std::string(BUSLAB_BINARY) + " run " + BUSLAB_SOURCE_DIR + "/tests/viz/server_kill.json --out " + dir_;
    ASSERT_EQ(std::system((command + " > " + dir_ + "/run.log 2>&1").c_str()), 0) << command;
  }
  // Takes a screenshot with these extra options; returns the image and the plot rectangle.
  Image shoot(const std::string& options, std::array<int, 4>& plot) {
    const std::string png = dir_ + "/shot.png", regions = dir_ + "/regions.json";
    const std::string command = "LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s '-screen 0 1920x1080x24' " +
                                std::string(BUSLAB_VIZ_BINARY) + " " + trace_ + " --size 1600x900 --screenshot " + png +
                                " --screenshot-regions " + regions + " " + options + " > " + dir_ + "/viz.log 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    const auto r = nlohmann::json::parse(std::ifstream(regions));
    for (int i = 0; i < 4; ++i) plot[static_cast<size_t>(i)] = r["plot"][static_cast<size_t>(i)].get<int>();
    return load_png(png);
  }

  std::unique_ptr<testing::TempDir> temp_;  // made in SetUp, after the check that xvfb-run is there
  std::string dir_, trace_;
};

TEST_F(Screenshot, FollowedCallShowsRequestDeliveryAndReplyArrows) {
  // A call from the middle of the run, selected: its hops are drawn thick in their kind's colour.
  const tracefile::Trace trace = tracefile::read_trace(trace_);
  const uint64_t call = trace.calls.call[trace.calls.size() / 3];
  std::array<int, 4> plot{};
  const Image image = shoot("--call " + std::to_string(call), plot);
  ASSERT_EQ(image.width, 1600);
  ASSERT_EQ(image.height, 900);
  ASSERT_GT(plot[2] - plot[0], 400);
  using tracefile::HopKind;
  EXPECT_GT(count_color(image, plot, tracefile::kind_color(HopKind::Request)), 40) << "request arrows";
  EXPECT_GT(count_color(image, plot, tracefile::kind_color(HopKind::Delivery)), 40) << "delivery arrows";
  EXPECT_GT(count_color(image, plot, tracefile::kind_color(HopKind::Reply)), 40) << "reply arrows";
}

TEST_F(Screenshot, ServerKillRestartAndQueueGrowthShow) {
  const tracefile::Trace trace = tracefile::read_trace(trace_);
  double kill = -1;
  for (size_t e = 0; e < trace.events.size() && kill < 0; ++e)
    if (trace.event_type(e) == tracefile::EventType::Kill) kill = trace.events.t[e];
  ASSERT_GE(kill, 0) << "the scenario kills a server";
  std::array<int, 4> plot{};
  const Image image = shoot("--collapse", plot);  // one row per host: every lane in view
  EXPECT_GT(count_color(image, plot, tracefile::kFaultColor, 20), 20) << "the kill mark";
  EXPECT_GT(count_color(image, plot, tracefile::kRecoverColor, 20), 20) << "the restart mark";
  // Collapsed hosts have no graph rows; expanded, the queue's depth graph shows.
  const Image expanded = shoot("", plot);
  Rgb depth = tracefile::kDepthColor;  // drawn at 150/255 over the row background
  depth = Rgb{static_cast<uint8_t>((depth.r * 150 + 30 * 105) / 255),
              static_cast<uint8_t>((depth.g * 150 + 34 * 105) / 255),
              static_cast<uint8_t>((depth.b * 150 + 41 * 105) / 255)};
  EXPECT_GT(count_color(expanded, plot, depth, 16), 200) << "the queue depth graph";
}

}  // namespace
}  // namespace buslab::viz
