// The gnuplot script of a chart: its data inline, one drawing per format, texts quoted so that no name can break
// the script, panels sharing their axes.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/plot/gnuplot_script.hpp"

namespace buslab::plot {
namespace {

Chart two_lines() {
  Chart c;
  c.title = "p99 \"quoted\" \\ back";
  c.subtitle = "mean of 3 seeds";
  c.x_label = "services[0].replicas";
  c.y_label = "latency p99 (ms)";
  c.error_bars = true;
  ChartPanel p;
  p.lines.push_back({"brokered", 0, {{1, 12.5, 11, 14}, {2, 6.25, 6, 6.5}}});
  p.lines.push_back({"direct", 1, {{1, NAN, 0, 0}, {2, 7, 6.5, 7.5}}});
  c.panels.push_back(p);
  c.markers.push_back({10, "add_replicas svc"});
  return c;
}

TEST(GnuplotScript, DataInlineOneDrawingPerFormat) {
  const std::string s = gnuplot_script(two_lines(), {"p99", {"png", "svg"}});
  EXPECT_NE(s.find("$p1l1 << EOD\n1 12.5 11 14\n2 6.25 6 6.5\nEOD\n"), std::string::npos) << s;
  EXPECT_NE(s.find("$p1l2 << EOD\n1 NaN 0 0\n2 7 6.5 7.5\nEOD\n"), std::string::npos) << s;
  EXPECT_NE(s.find("set output \"p99.png\""), std::string::npos);
  EXPECT_NE(s.find("set output \"p99.svg\""), std::string::npos);
  EXPECT_NE(s.find("set terminal pngcairo size 960,540"), std::string::npos);
  EXPECT_NE(s.find("using 1:2:3:4 with yerrorlines lt 2 title \"direct\""), std::string::npos) << s;
  EXPECT_NE(s.find("set title \"p99 \\\"quoted\\\" \\\\ back\\nmean of 3 seeds\""), std::string::npos) << s;
  EXPECT_NE(s.find("set arrow from 10, graph 0 to 10, graph 1 nohead"), std::string::npos);
  EXPECT_NE(s.find("set label \"add_replicas svc\" at 10, graph 0.98"), std::string::npos);
  EXPECT_EQ(s, gnuplot_script(two_lines(), {"p99", {"png", "svg"}}));
  const std::string only_svg = gnuplot_script(two_lines(), {"p99", {"svg"}});
  EXPECT_EQ(only_svg.find("pngcairo"), std::string::npos);
}

TEST(GnuplotScript, PanelsShareTheirRangesAndCategoriesNameTheTics) {
  Chart c = two_lines();
  c.panels.push_back(c.panels.front());
  c.panels[0].title = "prefetch = 1";
  c.panels[1].title = "prefetch = 0";
  c.panels[1].lines[0].points[0].high = 40;
  c.x_categories = {"2ms", "10ms"};
  const std::string s = gnuplot_script(c, {"grid", {"png"}});
  EXPECT_NE(s.find("set multiplot layout 2,1"), std::string::npos) << s;
  EXPECT_NE(s.find("set yrange [0:42]"), std::string::npos) << s;  // the highest bar, and 5% more
  EXPECT_NE(s.find("set xtics (\"2ms\" 0, \"10ms\" 1)"), std::string::npos) << s;
  EXPECT_NE(s.find("set title \"prefetch = 0\""), std::string::npos);
  EXPECT_EQ(chart_height(2), 680);
}

}  // namespace
}  // namespace buslab::plot
