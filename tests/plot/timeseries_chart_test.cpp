// Time series as charts: a line per run and entity at the buckets' middles, gaps where a bucket has no value, the
// faults marked, sums, and what is refused.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "sim/plot/plot_error.hpp"
#include "sim/plot/timeseries_chart.hpp"
#include "tests/support/temp_dir.hpp"

namespace buslab::plot {
namespace {

std::string fmt_row(double t0, double t1, const char* kind, const char* entity, const std::string& started,
                    const std::string& p99, const std::string& backlog) {
  return fmt::format("{},{},{},{},{},{},{}\n", t0, t1, kind, entity, started, p99, backlog);
}

const char* kHeader = "t_start_s,t_end_s,kind,entity,started,latency_p99_s,backlog_mean\n";

// One run of two buckets: all calls, two servers; the second bucket has no completed call.
std::string run_csv(double scale) {
  return std::string(kHeader) + fmt_row(0, 0.5, "client", "*", "10", std::to_string(0.02 * scale), "") +
         fmt_row(0, 0.5, "client", "api/x.m", "10", std::to_string(0.02 * scale), "") +
         fmt_row(0, 0.5, "server", "svc-1", "", "", std::to_string(2 * scale)) +
         fmt_row(0, 0.5, "server", "svc-2", "", "", std::to_string(1 * scale)) +
         fmt_row(0.5, 1, "client", "*", "0", "", "") + fmt_row(0.5, 1, "client", "api/x.m", "0", "", "") +
         fmt_row(0.5, 1, "server", "svc-1", "", "", "0") + fmt_row(0.5, 1, "server", "svc-2", "", "", "4");
}

TimeseriesRun write_run(testing::TempDir& dir, const std::string& variant, double scale) {
  std::filesystem::create_directories(dir.file(variant));
  std::ofstream(dir.file(variant + "/timeseries.csv")) << run_csv(scale);
  std::ofstream(dir.file(variant + "/timeseries.json"))
      << R"({"schema":"buslab-timeseries/1","scenario":"demo","variant":")" << variant
      << R"(","seed":1,"bucket_s":0.5,"faults":[{"at_s":0.25,"action":"crash","target":"svc-1"}]})";
  return read_timeseries_run(dir.file(variant + "/timeseries.csv"));
}

TEST(TimeseriesChart, ClientsDrawAllCallsAtTheBucketsMiddleWithGapsAndFaults) {
  testing::TempDir dir("ts-chart");
  const std::vector<TimeseriesRun> runs = {write_run(dir, "a", 1), write_run(dir, "b", 2)};
  PlotOptions o;
  o.metric = "latency_p99_s";
  const Chart c = timeseries_chart(runs, o);
  ASSERT_EQ(c.panels.size(), 1u);
  ASSERT_EQ(c.panels[0].lines.size(), 2u);  // one per run: "*" only, not the group's own line
  EXPECT_EQ(c.panels[0].lines[0].label, "a");
  EXPECT_EQ(c.panels[0].lines[1].label, "b");
  const auto& b = c.panels[0].lines[1].points;
  ASSERT_EQ(b.size(), 2u);
  EXPECT_DOUBLE_EQ(b[0].x, 0.25);
  EXPECT_NEAR(b[0].y, 40, 1e-9);  // 0.04 s in ms, the unit of the largest value
  EXPECT_TRUE(std::isnan(b[1].y));
  EXPECT_EQ(c.y_label, "latency p99 (ms)");
  ASSERT_EQ(c.markers.size(), 1u);  // the same fault in both runs, marked once
  EXPECT_DOUBLE_EQ(c.markers[0].x, 0.25);
  EXPECT_EQ(c.markers[0].label, "crash svc-1");
  EXPECT_NE(c.subtitle.find("buckets of 500 ms"), std::string::npos) << c.subtitle;
}

TEST(TimeseriesChart, SeveralEntitiesOfSeveralRunsGetAPanelEachAndSumsAddThem) {
  testing::TempDir dir("ts-chart-panels");
  const std::vector<TimeseriesRun> runs = {write_run(dir, "a", 1), write_run(dir, "b", 2)};
  PlotOptions o;
  o.metric = "backlog_mean";
  Chart c = timeseries_chart(runs, o);
  ASSERT_EQ(c.panels.size(), 2u);
  EXPECT_EQ(c.panels[1].title, "b");
  ASSERT_EQ(c.panels[1].lines.size(), 2u);
  EXPECT_EQ(c.panels[1].lines[1].label, "svc-2");
  EXPECT_DOUBLE_EQ(c.panels[1].lines[1].points[1].y, 4);  // written unscaled
  o.sum = true;
  c = timeseries_chart(runs, o);
  ASSERT_EQ(c.panels.size(), 1u);
  ASSERT_EQ(c.panels[0].lines.size(), 2u);
  EXPECT_DOUBLE_EQ(c.panels[0].lines[0].points[0].y, 3);  // 2 + 1
  EXPECT_DOUBLE_EQ(c.panels[0].lines[1].points[1].y, 4);  // 0 + 4
  o.entity = "svc-2";
  o.sum = false;
  c = timeseries_chart(runs, o);
  ASSERT_EQ(c.panels.size(), 1u);
  EXPECT_EQ(c.panels[0].lines.size(), 2u);
}

TEST(TimeseriesChart, RefusalsSayWhatIsThere) {
  testing::TempDir dir("ts-chart-errors");
  const std::vector<TimeseriesRun> runs = {write_run(dir, "a", 1)};
  PlotOptions o;
  o.metric = "latency_p98_s";
  try {
    timeseries_chart(runs, o);
    FAIL();
  } catch (const PlotInputError& e) {
    EXPECT_NE(std::string(e.what()).find("no such column; it has: started, latency_p99_s, backlog_mean"),
              std::string::npos)
        << e.what();
  }
  o.metric = "latency_p99_s";
  o.sum = true;
  EXPECT_THROW(timeseries_chart(runs, o), PlotInputError);
  o.sum = false;
  o.kind = "queue";
  EXPECT_THROW(timeseries_chart(runs, o), PlotInputError);
  o.kind.clear();
  o.variants = {"z"};
  EXPECT_THROW(timeseries_chart(runs, o), PlotInputError);
  std::ofstream(dir.file("other.csv")) << "a,b\n1,2\n";
  EXPECT_THROW(read_timeseries_run(dir.file("other.csv")), PlotInputError);
}

}  // namespace
}  // namespace buslab::plot
