// Feedback on long runs: a progress line on a terminal and nothing otherwise; traces estimated before they are
// written, and --trace-limit.
#include <gtest/gtest.h>

#include <filesystem>

#include <fmt/format.h>

#include "tests/support/cli_support.hpp"
#include "tests/support/temp_dir.hpp"

namespace buslab {

namespace {

const std::string kRun = "run --variant brokered --set duration=20s --no-trace --no-timing";

}  // namespace

TEST(CliProgress, ATerminalGetsAProgressLineAPipeNothing) {
  // `script` (util-linux, in every Debian) gives the command a terminal.
  if (std::system("command -v script > /dev/null 2>&1") != 0) GTEST_SKIP() << "no script(1)";
  const auto on_terminal = testing::run_buslab(
      "", "script -qec \"" + std::string(BUSLAB_BINARY) + " " + kRun + " > /dev/null\" /dev/null; true ");
  EXPECT_NE(on_terminal.output.find("\r\033[Ksimulated "), std::string::npos) << on_terminal.output;
  EXPECT_NE(on_terminal.output.find(" of 20.0 s | "), std::string::npos) << on_terminal.output;
  EXPECT_NE(on_terminal.output.find(" messages | wall "), std::string::npos) << on_terminal.output;
  EXPECT_NE(on_terminal.output.find(" left"), std::string::npos) << on_terminal.output;
  const auto piped = testing::run_buslab(kRun);
  ASSERT_EQ(piped.exit_code, 0);
  EXPECT_EQ(piped.output.find(" messages | wall "), std::string::npos);
  EXPECT_EQ(piped.output.find('\r'), std::string::npos);
}

TEST(CliProgress, TraceLimitLeavesOutATraceEstimatedOverIt) {
  const testing::TempDir tmp("trace-limit");
  const std::string args = "run --variant brokered --set duration=2s --no-timing --out ";
  ASSERT_EQ(testing::run_buslab(args + tmp.file("full")).exit_code, 0);
  const double size = static_cast<double>(std::filesystem::file_size(tmp.file("full/brokered/trace.json")));
  ASSERT_GT(size, 100e3);
  // The estimate is within 15% of the real size: a limit 15% above lets it through, 15% below stops it.
  const auto above = testing::run_buslab(args + tmp.file("above") + fmt::format(" --trace-limit {:.0f}B", size * 1.15));
  EXPECT_EQ(above.exit_code, 0) << above.output;
  EXPECT_TRUE(std::filesystem::exists(tmp.file("above/brokered/trace.json")));
  const auto below = testing::run_buslab(args + tmp.file("below") + fmt::format(" --trace-limit {:.0f}B", size * 0.85));
  EXPECT_EQ(below.exit_code, 0) << below.output;
  EXPECT_FALSE(std::filesystem::exists(tmp.file("below/brokered/trace.json")));
  EXPECT_TRUE(std::filesystem::exists(tmp.file("below/brokered/metrics.json")));
  EXPECT_NE(below.output.find("buslab: brokered: trace.json not written: it would take about "), std::string::npos)
      << below.output;
  EXPECT_EQ(testing::run_buslab("run --trace-limit 12parsecs").exit_code, 1);
}

}  // namespace buslab
