// The numbers a chart shows, for claims: a time series' peak, when it came and when the series last was not 0, and a
// sweep's means by point, computed here from small tables written by hand.
#include <gtest/gtest.h>

#include <fstream>

#include "tests/labs/chart_points.hpp"
#include "tests/support/temp_dir.hpp"

namespace buslab::labs {
namespace {

const MetricPoint& find(const std::vector<MetricPoint>& points, const std::string& path) {
  for (const auto& p : points)
    if (p.path() == path) return p;
  throw std::runtime_error("no " + path);
}

TEST(ChartPoints, ASeriesPeakItsInstantAndItsLastNonZeroBucket) {
  testing::TempDir dir("chart-points");
  std::ofstream(dir.file("timeseries.csv")) << "t_start_s,t_end_s,kind,entity,backlog_max,latency_p99_s\n"
                                               "0,0.5,server,svc-1,3,\n"
                                               "0,0.5,client,*,,0.02\n"
                                               "0.5,1,server,svc-1,7,\n"
                                               "0.5,1,client,*,,0.5\n"
                                               "1,1.5,server,svc-1,7,\n"
                                               "1,1.5,client,*,,\n"
                                               "1.5,1.7,server,svc-1,0,\n"
                                               "1.5,1.7,client,*,,0.01\n";
  const auto points = timeseries_points("brokered", dir.file("timeseries.csv"));
  EXPECT_EQ(find(points, "brokered/series/server/svc-1/backlog_max.max").value, 7);
  EXPECT_EQ(find(points, "brokered/series/server/svc-1/backlog_max.max_at").value, 1);  // the first bucket at 7
  EXPECT_TRUE(find(points, "brokered/series/server/svc-1/backlog_max.max_at").is_time);
  EXPECT_EQ(find(points, "brokered/series/server/svc-1/backlog_max.last_nonzero_at").value, 1.5);
  EXPECT_EQ(find(points, "brokered/series/server/svc-1/backlog_max.total").value, 17);
  EXPECT_EQ(find(points, "brokered/series/server/svc-1/backlog_max.zero_after_max_at").value, 1.5);
  EXPECT_EQ(find(points, "brokered/series/client/*/latency_p99_s.max").value, 0.5);
  EXPECT_TRUE(find(points, "brokered/series/client/*/latency_p99_s.max").is_time);
  EXPECT_EQ(find(points, "brokered/series/client/*/latency_p99_s.last_nonzero_at").value, 1.7);
}

TEST(ChartPoints, ASweepsMeansByPoint) {
  testing::TempDir dir("chart-points-sweep");
  std::ofstream(dir.file("summary.csv"))
      << "point,services[0].replicas,variant,kind,entity,metric,unit,n,mean,sd,ci95_low,ci95_high\n"
         "2,4,brokered,client,api/compute.add,latency.p99,s,3,0.04,0.001,0.038,0.043\n"
         "2,4,brokered,run,,sim_time,s,3,10,0,10,10\n";
  const auto points = sweep_points(dir.file("summary.csv"));
  const auto& p99 = find(points, "point-2/brokered/clients/api/compute.add/latency.p99");
  EXPECT_EQ(p99.value, 0.04);
  EXPECT_NEAR(*p99.ci_half_width, 0.003, 1e-12);
  EXPECT_EQ(p99.seeds, 3u);
  EXPECT_TRUE(p99.is_time);
  EXPECT_EQ(find(points, "point-2/brokered/sim_time").value, 10);
}

}  // namespace
}  // namespace buslab::labs
