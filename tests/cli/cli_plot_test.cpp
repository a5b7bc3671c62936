// `buslab plot` as a user runs it: a sweep's chart draws the seeds' means (computed here from results.csv) with
// their intervals, a run's chart its time series with the faults; the same input gives the same bytes; a machine
// without gnuplot gets the script and a clear error; inputs that are not buslab's are refused.
#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>

#include "sim/plot/gnuplot_runner.hpp"
#include "tests/support/cli_support.hpp"
#include "tests/support/csv_table.hpp"
#include "tests/support/temp_dir.hpp"

namespace buslab {
namespace {

namespace fs = std::filesystem;
using testing::run_buslab;
using testing::slurp;

// The name of the datablock `line` opens (`$name << EOD` gives `$name`), or "". (By hand, not with <regex>: GCC 12's
// false -Wmaybe-uninitialized inside <regex> under -fsanitize=address breaks the asan build.)
std::string datablock_opened(const std::string& line) {
  const std::string tail = " << EOD";
  if (line.size() < 2 + tail.size() || line[0] != '$') return "";
  if (line.compare(line.size() - tail.size(), tail.size(), tail) != 0) return "";
  const std::string name = line.substr(0, line.size() - tail.size());
  for (size_t i = 1; i < name.size(); ++i)
    if (!std::isalnum(static_cast<unsigned char>(name[i])) && name[i] != '_') return "";
  return name;
}

// The datablocks of a gnuplot script: name -> rows of numbers.
std::map<std::string, std::vector<std::vector<double>>> datablocks(const std::string& script) {
  std::map<std::string, std::vector<std::vector<double>>> blocks;
  std::istringstream in(script);
  std::string line, current;
  while (std::getline(in, line)) {
    if (const std::string opened = datablock_opened(line); !opened.empty()) {
      current = opened;
      blocks[current];
    } else if (line == "EOD") {
      current.clear();
    } else if (!current.empty()) {
      std::istringstream fields(line);
      std::vector<double> row;
      for (std::string f; fields >> f;) row.push_back(f == "NaN" ? NAN : std::stod(f));
      blocks[current].push_back(row);
    }
  }
  return blocks;
}

// Width and height from a PNG's IHDR chunk.
std::pair<int, int> png_size(const std::string& png) {
  EXPECT_EQ(png.substr(1, 3), "PNG");
  const auto byte = [&](size_t i) { return static_cast<int>(static_cast<unsigned char>(png.at(i))); };
  const auto be32 = [&](size_t i) { return byte(i) << 24 | byte(i + 1) << 16 | byte(i + 2) << 8 | byte(i + 3); };
  return {be32(16), be32(20)};
}

bool have_gnuplot() {
  return !plot::find_gnuplot().empty();
}

TEST(CliPlot, ASweepChartDrawsTheSeedsMeansWithTheirIntervals) {
  if (!have_gnuplot()) GTEST_SKIP() << "no gnuplot (Debian: gnuplot-nox)";
  testing::TempDir dir("plot-sweep");
  const auto sweep = run_buslab(
      "sweep --param services[0].replicas=2,4 --seeds 1-3 --set duration=300ms --jobs 2 --out " + dir.file("s"));
  ASSERT_EQ(sweep.exit_code, 0) << sweep.output;
  const auto plot =
      run_buslab("plot " + dir.file("s") + " --metric latency.p99 --kind client --out " + dir.file("charts/p99"));
  ASSERT_EQ(plot.exit_code, 0) << plot.output;
  EXPECT_NE(plot.output.find("chart: " + dir.file("charts/p99.png") + ", " + dir.file("charts/p99.svg")),
            std::string::npos)
      << plot.output;
  EXPECT_EQ(png_size(slurp(dir.file("charts/p99.png"))), std::make_pair(960, 540));
  const std::string svg = slurp(dir.file("charts/p99.svg"));
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("latency p99 of client api/compute.add against services[0].replicas"), std::string::npos);
  EXPECT_NE(svg.find(">brokered<"), std::string::npos);

  // The oracle: each point's mean and Student t interval (t = 4.303 for 2 degrees of freedom), from results.csv.
  const auto results = testing::read_csv(dir.file("s/results.csv"));
  std::map<std::pair<std::string, double>, std::vector<double>> p99;
  for (const auto& row : results.rows)
    if (row.at("metric") == "latency.p99")
      p99[{row.at("variant"), std::stod(row.at("services[0].replicas"))}].push_back(std::stod(row.at("value")));
  const auto blocks = datablocks(slurp(dir.file("charts/p99.gp")));
  ASSERT_EQ(blocks.size(), 2u);
  const std::string script = slurp(dir.file("charts/p99.gp"));
  const double unit = script.find("(ms)") != std::string::npos ? 1e3 : 1;
  for (const auto& [name, rows] : blocks) {
    // $p1l1 is the first variant of the sweep (direct), $p1l2 the second.
    const std::string variant = name == "$p1l1" ? "direct" : "brokered";
    ASSERT_EQ(rows.size(), 2u) << name;
    for (const auto& row : rows) {
      const auto& v = p99.at({variant, row[0]});
      ASSERT_EQ(v.size(), 3u);
      const double mean = (v[0] + v[1] + v[2]) / 3;
      double ss = 0;
      for (double x : v) ss += (x - mean) * (x - mean);
      const double half = 4.302652729911275 * std::sqrt(ss / 2) / std::sqrt(3.0);
      EXPECT_NEAR(row[1], mean * unit, 1e-6 * unit) << name;
      EXPECT_NEAR(row[2], (mean - half) * unit, 1e-6 * unit) << name;
      EXPECT_NEAR(row[3], (mean + half) * unit, 1e-6 * unit) << name;
    }
  }

  // The same input gives the same bytes, PNG and SVG alike; the script beside them draws them again.
  const auto again = run_buslab("plot " + dir.file("s/results.csv") + " --metric latency.p99 --kind client --out " +
                                dir.file("again/p99"));
  ASSERT_EQ(again.exit_code, 0) << again.output;
  for (const char* f : {"p99.png", "p99.svg", "p99.gp"})
    EXPECT_EQ(slurp(dir.file(std::string("again/") + f)), slurp(dir.file(std::string("charts/") + f))) << f;
  fs::remove(dir.file("again/p99.png"));
  ASSERT_EQ(std::system(("cd " + dir.file("again") + " && gnuplot p99.gp").c_str()), 0);
  EXPECT_EQ(slurp(dir.file("again/p99.png")), slurp(dir.file("charts/p99.png")));
  // Nothing of gnuplot's drawing folder is left behind.
  for (const auto& e : fs::directory_iterator(dir.file("charts")))
    EXPECT_EQ(e.path().filename().string().rfind(".buslab-plot", 0), std::string::npos) << e.path();
}

TEST(CliPlot, ARunsChartDrawsEachVariantOverTimeWithItsFaults) {
  if (!have_gnuplot()) GTEST_SKIP() << "no gnuplot (Debian: gnuplot-nox)";
  testing::TempDir dir("plot-ts");
  const std::string lab = std::string(BUSLAB_SOURCE_DIR) + "/labs/08-scale-out/scenario.json";
  ASSERT_EQ(run_buslab("run " + lab + " --no-trace --out " + dir.file("08")).exit_code, 0);
  const auto plot =
      run_buslab("plot " + dir.file("08") + " --metric backlog_mean --kind server --sum --out " + dir.file("b.svg"));
  ASSERT_EQ(plot.exit_code, 0) << plot.output;
  EXPECT_FALSE(fs::exists(dir.file("b.png")));
  const std::string script = slurp(dir.file("b.gp"));
  EXPECT_NE(script.find("set arrow from 10, graph 0"), std::string::npos);  // add_replicas at 10 s
  const auto blocks = datablocks(script);
  ASSERT_EQ(blocks.size(), 3u);  // brokered, brokered-prefetch-1, direct
  // The oracle: the servers' backlog_mean of timeseries.csv, added up per bucket, read here from the CSV.
  const auto csv = testing::read_csv(dir.file("08/direct/timeseries.csv"));
  std::map<std::string, double> total;
  for (const auto& row : csv.rows)
    if (row.at("kind") == "server") total[row.at("t_start_s")] += std::stod(row.at("backlog_mean"));
  const auto& direct = blocks.at("$p1l3");
  ASSERT_EQ(direct.size(), total.size());
  double most = 0;
  for (const auto& row : direct) most = std::max(most, row[1]);
  double expected_most = 0;
  for (const auto& [t, v] : total) expected_most = std::max(expected_most, v);
  EXPECT_NEAR(most, expected_most, 1e-6 * expected_most);
  EXPECT_GT(most, 100);  // direct: the two old servers' backlog grows to the end
}

TEST(CliPlot, ReplicatedRunsDrawALinePerSeed) {
  if (!have_gnuplot()) GTEST_SKIP() << "no gnuplot (Debian: gnuplot-nox)";
  testing::TempDir dir("plot-seeds");
  ASSERT_EQ(
      run_buslab("run --no-trace --variant direct --seeds 1-2 --set duration=300ms --out " + dir.file("r")).exit_code,
      0);
  const auto plot = run_buslab("plot " + dir.file("r") + " --metric completed --out " + dir.file("c.svg"));
  ASSERT_EQ(plot.exit_code, 0) << plot.output;
  const std::string script = slurp(dir.file("c.gp"));
  EXPECT_EQ(datablocks(script).size(), 2u);
  EXPECT_NE(script.find("title \"direct seed 1\""), std::string::npos) << script;
  EXPECT_NE(script.find("title \"direct seed 2\""), std::string::npos) << script;
}

TEST(CliPlot, WithoutGnuplotTheScriptIsWrittenAndTheErrorSaysWhatToInstall) {
  testing::TempDir dir("plot-nognuplot");
  ASSERT_EQ(run_buslab("run --no-trace --set duration=200ms --out " + dir.file("r")).exit_code, 0);
  const auto plot = run_buslab("plot " + dir.file("r") + " --metric latency_p99_s --out " + dir.file("c/p99"),
                               "BUSLAB_GNUPLOT=" + dir.file("no-such-gnuplot") + " ");
  EXPECT_EQ(plot.exit_code, 5) << plot.output;
  EXPECT_NE(plot.output.find("gnuplot is not installed"), std::string::npos) << plot.output;
  EXPECT_NE(plot.output.find("apt-get install gnuplot-nox"), std::string::npos) << plot.output;
  EXPECT_TRUE(fs::exists(dir.file("c/p99.gp")));
  EXPECT_FALSE(fs::exists(dir.file("c/p99.png")));
  // A gnuplot that fails: its message is shown, no chart is left.
  const std::string fake =
      testing::write_file(dir.path(), "gnuplot", "#!/bin/sh\necho 'line 3: bad thing' >&2\nexit 1\n");
  fs::permissions(fake, fs::perms::owner_all);
  const auto failing = run_buslab("plot " + dir.file("r") + " --metric latency_p99_s --out " + dir.file("c/p99"),
                                  "BUSLAB_GNUPLOT=" + fake + " ");
  EXPECT_EQ(failing.exit_code, 5) << failing.output;
  EXPECT_NE(failing.output.find("line 3: bad thing"), std::string::npos) << failing.output;
  EXPECT_FALSE(fs::exists(dir.file("c/p99.png")));
}

TEST(CliPlot, InputsThatAreNotBuslabsAreRefusedByName) {
  testing::TempDir dir("plot-bad");
  const std::string other = testing::write_file(dir.path(), "other.csv", "a,b\n1,2\n");
  auto plot = run_buslab("plot " + other + " --metric a --out " + dir.file("c"));
  EXPECT_EQ(plot.exit_code, 2) << plot.output;
  EXPECT_NE(plot.output.find(other + ": neither a timeseries.csv"), std::string::npos) << plot.output;
  plot = run_buslab("plot " + dir.path() + " --metric a --out " + dir.file("c"));
  EXPECT_EQ(plot.exit_code, 2) << plot.output;
  EXPECT_NE(plot.output.find("holds no summary.csv"), std::string::npos) << plot.output;
  plot = run_buslab("plot " + dir.file("missing.csv") + " --metric a --out " + dir.file("c"));
  EXPECT_EQ(plot.exit_code, 2) << plot.output;
  EXPECT_NE(plot.output.find("missing.csv: cannot read it"), std::string::npos) << plot.output;
  plot = run_buslab("plot " + other + " --out " + dir.file("c"));
  EXPECT_EQ(plot.exit_code, 1) << plot.output;  // --metric is required
  EXPECT_FALSE(fs::exists(dir.file("c.gp")));
}

}  // namespace
}  // namespace buslab
