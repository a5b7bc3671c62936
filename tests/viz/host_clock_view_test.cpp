// The time-base switch, as a user meets it: a run whose compute host's clock is 40 s ahead, shown by buslab-viz
// under xvfb in true time and by host clocks. The ruler reads true time, then the skewed host's clock: every tick
// label 40 s later (the oracle: the scenario's offset), and its caption names the clock; a trace without skewed
// clocks offers no switch and keeps true time.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/temp_dir.hpp"

namespace buslab::viz {
namespace {

// Two hosts; compute's clock runs 40 s ahead (no drift); a client calls a server on it every second.
std::string scenario(bool skewed) {
  return std::string(R"({"name": "clocks", "duration": "30s", "drain": "1s",
    "platform": {"hosts": [{"name": "api"}, {"name": "compute")") +
         (skewed ? R"(, "clock": {"offset": "40s"})" : "") + R"(}]},
    "services": [{"name": "svc", "transport": "direct", "hosts": ["compute"],
                  "methods": {"m": {"service_time": "10ms"}}}],
    "clients": [{"name": "c", "host": "api", "service": "svc", "method": "m",
                 "arrival": {"kind": "fixed", "count": 30, "interval": "1s"}}]})";
}

class HostClockView : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("command -v xvfb-run > /dev/null 2>&1") != 0)
      GTEST_SKIP() << "xvfb-run is not installed (Debian package xvfb): the screenshot test needs a virtual display";
    temp_ = std::make_unique<testing::TempDir>("viz-host-clock");
    dir_ = temp_->path();
  }
  // Runs the scenario and returns the regions file of a screenshot of 10 s .. 20 s with these options.
  nlohmann::json shoot(bool skewed, const std::string& options) {
    const std::string json = dir_ + "/s.json";
    std::ofstream(json) << scenario(skewed);
    std::filesystem::remove_all(dir_ + "/out");
    const std::string run =
        std::string(BUSLAB_BINARY) + " run " + json + " --out " + dir_ + "/out > " + dir_ + "/run.log 2>&1";
    EXPECT_EQ(std::system(run.c_str()), 0) << run;
    const std::string regions = dir_ + "/regions.json";
    const std::string command =
        "LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s '-screen 0 1920x1080x24' " + std::string(BUSLAB_VIZ_BINARY) + " " +
        dir_ + "/out/clocks/trace.json --size 1600x900 --range 10:20 --screenshot " + dir_ +
        "/shot.png --screenshot-regions " + regions + " " + options + " > " + dir_ + "/viz.log 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    return nlohmann::json::parse(std::ifstream(regions));
  }
  // A tick label's number: "50 s" -> 50 (the ruler's unit here is the second).
  static double seconds(const nlohmann::json& label) { return std::stod(label.get<std::string>()); }

  std::unique_ptr<testing::TempDir> temp_;
  std::string dir_;
};

TEST_F(HostClockView, TheRulerReadsTheSkewedHostsClock) {
  const auto truth = shoot(true, "");
  EXPECT_EQ(truth["host_clocks"], false);
  EXPECT_EQ(truth["ruler"]["caption"], "view 10.0 s");
  const auto clocks = shoot(true, "--host-clocks");
  EXPECT_EQ(clocks["host_clocks"], true);
  EXPECT_EQ(clocks["ruler"]["caption"], "compute's clock");
  const auto& a = truth["ruler"]["labels"];
  const auto& b = clocks["ruler"]["labels"];
  ASSERT_GE(a.size(), 3u);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_GE(seconds(a[i]), 10.0);
    EXPECT_LE(seconds(a[i]), 20.0);
    EXPECT_NEAR(seconds(b[i]) - seconds(a[i]), 40.0, 1e-9) << a[i] << " / " << b[i];
  }
}

TEST_F(HostClockView, ATraceWithoutSkewedClocksKeepsTrueTime) {
  const auto view = shoot(false, "--host-clocks");
  EXPECT_EQ(view["host_clocks"], false);
  EXPECT_EQ(view["ruler"]["caption"], "view 10.0 s");
}

}  // namespace
}  // namespace buslab::viz
