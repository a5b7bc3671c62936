// Student's t quantiles against printed tables, and a confidence interval computed by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/output/replication_stats.hpp"

namespace buslab {

TEST(ReplicationStats, StudentQuantilesMatchTheTables) {
  // Two-sided 95% critical values, t(0.975, df), from any statistics table.
  EXPECT_NEAR(student_t_quantile(0.975, 1), 12.7062, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 2), 4.3027, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 4), 2.7764, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 9), 2.2622, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 19), 2.0930, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 30), 2.0423, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 120), 1.9799, 1e-4);
  // Far out it is the normal distribution's 1.95996.
  EXPECT_NEAR(student_t_quantile(0.975, 1e6), 1.95996, 1e-4);
  // df 1 is the Cauchy distribution: quantile tan(pi (p - 1/2)).
  EXPECT_NEAR(student_t_quantile(0.9, 1), std::tan(M_PI * 0.4), 1e-8);
  EXPECT_NEAR(student_t_quantile(0.025, 4), -2.7764, 1e-4);
  EXPECT_EQ(student_t_quantile(0.5, 7), 0.0);
}

TEST(ReplicationStats, TheCdfInvertsTheQuantile) {
  for (double df : {1.0, 3.0, 10.0, 50.0})
    for (double p : {0.6, 0.9, 0.975, 0.999}) EXPECT_NEAR(student_t_cdf(student_t_quantile(p, df), df), p, 1e-9);
}

TEST(ReplicationStats, ConfidenceIntervalComputedByHand) {
  // 1..5: mean 3, sample variance 10/4 = 2.5, sd 1.58114; half-width 2.77645 * 1.58114 / sqrt(5) = 1.96324.
  const ReplicationSummary s = summarize_replications({1, 2, 3, 4, 5});
  EXPECT_EQ(s.n, 5u);
  EXPECT_DOUBLE_EQ(s.mean, 3.0);
  EXPECT_NEAR(s.sd, 1.581139, 1e-6);
  EXPECT_NEAR(s.half_width(), 1.963243, 1e-5);
  EXPECT_NEAR(s.ci_low, 1.036757, 1e-5);
  EXPECT_NEAR(s.ci_high, 4.963243, 1e-5);
}

TEST(ReplicationStats, OneValueHasNoInterval) {
  const ReplicationSummary s = summarize_replications({7.5});
  EXPECT_EQ(s.mean, 7.5);
  EXPECT_EQ(s.sd, 0.0);
  EXPECT_EQ(s.half_width(), 0.0);
  const ReplicationSummary same = summarize_replications({2, 2, 2});
  EXPECT_EQ(same.sd, 0.0);
  EXPECT_EQ(same.half_width(), 0.0);
}

}  // namespace buslab
