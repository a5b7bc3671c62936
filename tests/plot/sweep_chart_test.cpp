// A sweep's summary.csv as a chart: lines, points, units and intervals from a table written here by hand, and the
// refusals that name what is there.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "sim/plot/csv_reader.hpp"
#include "sim/plot/plot_error.hpp"
#include "sim/plot/sweep_chart.hpp"
#include "tests/support/temp_dir.hpp"

namespace buslab::plot {
namespace {

// Two parameters (prefetch slowest, then the slow consumers' time), two variants, 3 seeds; the points out of x
// order in the file to show they are sorted. The entity "a,b" is quoted, as the sweep writes it.
const char* kSummary =
    "point,consumers[0].prefetch,consumers[1].processing_time,variant,kind,entity,metric,unit,n,mean,sd,ci95_low,"
    "ci95_high\n"
    "1,1,10ms,fast,consumer,slow-1,latency.p99,s,3,0.040,0.001,0.038,0.042\n"
    "1,1,10ms,fast,consumer,slow-1,handled,,3,1800,10,1790,1810\n"
    "1,1,10ms,slow,consumer,slow-1,latency.p99,s,3,0.050,0.001,0.048,0.052\n"
    "2,1,2ms,fast,consumer,slow-1,latency.p99,s,3,0.004,0.001,0.003,0.005\n"
    "2,1,2ms,slow,consumer,slow-1,latency.p99,s,3,0.006,0.001,0.005,0.007\n"
    "3,0,10ms,fast,consumer,slow-1,latency.p99,s,3,0.9,0.1,0.8,1.0\n"
    "3,0,10ms,slow,consumer,slow-1,latency.p99,s,3,0.95,0.1,0.85,1.05\n"
    "4,0,2ms,fast,consumer,slow-1,latency.p99,s,3,0.010,0.001,0.009,0.011\n"
    "4,0,2ms,slow,consumer,slow-1,latency.p99,s,3,0.012,0.001,0.011,0.013\n"
    "4,0,2ms,slow,queue,\"a,b\",max_depth,,3,7,1,6,8\n";

CsvFile summary(testing::TempDir& dir, const std::string& text = kSummary) {
  const std::string path = dir.file("summary.csv");
  std::ofstream(path) << text;
  return read_csv_file(path);
}

TEST(SweepChart, ALinePerVariantAgainstTheFirstParameterWithIntervals) {
  testing::TempDir dir("sweep-chart");
  PlotOptions o;
  o.metric = "latency.p99";
  o.panel = "consumers[0].prefetch";  // x: the first other parameter
  const Chart c = sweep_chart(summary(dir), o);
  ASSERT_EQ(c.panels.size(), 2u);
  EXPECT_EQ(c.panels[0].title, "consumers[0].prefetch = 1");
  EXPECT_EQ(c.panels[1].title, "consumers[0].prefetch = 0");
  ASSERT_EQ(c.panels[0].lines.size(), 2u);
  EXPECT_EQ(c.panels[0].lines[0].label, "fast");
  EXPECT_EQ(c.panels[0].lines[1].label, "slow");
  // "10ms" and "2ms" are not numbers: categories in the sweep's order, 10ms first.
  EXPECT_EQ(c.x_categories, (std::vector<std::string>{"10ms", "2ms"}));
  // The largest value is 1.05 s: seconds stay seconds.
  EXPECT_EQ(c.y_label, "latency p99 (s)");
  const auto& fast0 = c.panels[1].lines[0].points;
  ASSERT_EQ(fast0.size(), 2u);
  EXPECT_EQ(fast0[0].x, 0);
  EXPECT_DOUBLE_EQ(fast0[0].y, 0.9);
  EXPECT_DOUBLE_EQ(fast0[0].low, 0.8);
  EXPECT_DOUBLE_EQ(fast0[0].high, 1.0);
  EXPECT_TRUE(c.error_bars);
  EXPECT_EQ(c.subtitle, "mean of 3 seeds, bars: 95% confidence interval");
  // A variant keeps its colour in every panel.
  EXPECT_EQ(c.panels[0].lines[1].colour, c.panels[1].lines[1].colour);
}

TEST(SweepChart, NumbersAreAnAxisSortedAndTimesScaled) {
  testing::TempDir dir("sweep-chart-numbers");
  PlotOptions o;
  o.metric = "latency.p99";
  o.where = {"consumers[1].processing_time=2ms"};  // x: the prefetch, 1 then 0 in the file
  o.variants = {"slow"};
  const Chart c = sweep_chart(summary(dir), o);
  ASSERT_EQ(c.panels.size(), 1u);
  ASSERT_EQ(c.panels[0].lines.size(), 1u);
  const auto& p = c.panels[0].lines[0].points;
  ASSERT_EQ(p.size(), 2u);
  EXPECT_TRUE(c.x_categories.empty());
  EXPECT_EQ(p[0].x, 0);  // sorted
  EXPECT_EQ(p[1].x, 1);
  // Largest 13 ms: drawn in ms.
  EXPECT_EQ(c.y_label, "latency p99 (ms)");
  EXPECT_NEAR(p[0].y, 12, 1e-9);
  EXPECT_NEAR(p[1].y, 6, 1e-9);
  EXPECT_NEAR(p[1].low, 5, 1e-9);
}

TEST(SweepChart, LinesSayWhatDiffersBetweenThem) {
  testing::TempDir dir("sweep-chart-lines");
  PlotOptions o;
  o.metric = "latency.p99";
  o.x = "consumers[0].prefetch";  // the other parameter is not drawn as panels: it is in the lines' names
  o.variants = {"fast"};
  const Chart c = sweep_chart(summary(dir), o);
  ASSERT_EQ(c.panels[0].lines.size(), 2u);
  EXPECT_EQ(c.panels[0].lines[0].label, "consumers[1].processing_time=10ms");
  EXPECT_EQ(c.panels[0].lines[1].label, "consumers[1].processing_time=2ms");
}

TEST(SweepChart, RefusalsNameWhatIsThere) {
  testing::TempDir dir("sweep-chart-errors");
  const CsvFile f = summary(dir);
  PlotOptions o;
  o.metric = "latency.p98";
  try {
    sweep_chart(f, o);
    FAIL();
  } catch (const PlotInputError& e) {
    EXPECT_NE(std::string(e.what()).find("nothing to draw; metrics there: handled, latency.p99, max_depth"),
              std::string::npos)
        << e.what();
  }
  o.metric = "latency.p99";
  o.x = "services[0].replicas";
  try {
    sweep_chart(f, o);
    FAIL();
  } catch (const PlotInputError& e) {
    EXPECT_NE(std::string(e.what()).find("its parameters: consumers[0].prefetch, consumers[1].processing_time"),
              std::string::npos)
        << e.what();
  }
  o.x = "consumers[1].processing_time";
  o.panel = "consumers[1].processing_time";
  EXPECT_THROW(sweep_chart(f, o), PlotInputError);  // the x axis already
  o.panel.clear();
  o.log_x = true;  // "10ms" on a logarithmic axis
  EXPECT_THROW(sweep_chart(f, o), PlotInputError);
  PlotOptions any;
  any.metric = "m";
  EXPECT_THROW(sweep_chart(summary(dir, "point,variant,kind\n1,a,b\n"), any), PlotInputError);
  EXPECT_THROW(summary(dir, "point,a\n1,\"open\n"), PlotInputError);
}

TEST(PlotOptions, GlobMatching) {
  EXPECT_TRUE(glob_match("*", "anything"));
  EXPECT_TRUE(glob_match("svc-*", "svc-12"));
  EXPECT_TRUE(glob_match("svc-?", "svc-1"));
  EXPECT_FALSE(glob_match("svc-?", "svc-12"));
  EXPECT_TRUE(glob_match("*/compute.*", "api/compute.add"));
  EXPECT_FALSE(glob_match("compute", "compute-1"));
  EXPECT_TRUE(glob_match("a*b*c", "aXbYbZc"));
}

}  // namespace
}  // namespace buslab::plot
