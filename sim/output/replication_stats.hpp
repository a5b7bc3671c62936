#pragma once
// Statistics over independent replications (one run per seed): mean, sample standard deviation and the 95%
// confidence interval of the mean from Student's t distribution. Used by `--seeds` and by anything else that
// aggregates runs (sweeps).
#include <cstddef>
#include <vector>

namespace buslab {

struct ReplicationSummary {
  size_t n = 0;
  double mean = 0.0;
  double sd = 0.0;  // sample standard deviation (n - 1 in the denominator); 0 when n < 2
  // mean -/+ t(0.975, n - 1) * sd / sqrt(n); both equal the mean when n < 2 (no interval can be given).
  double ci_low = 0.0, ci_high = 0.0;
  double half_width() const { return (ci_high - ci_low) / 2.0; }
};

ReplicationSummary summarize_replications(const std::vector<double>& values);

// The p-quantile of Student's t distribution with `df` degrees of freedom (df >= 1, 0 < p < 1), e.g.
// t(0.975, 4) = 2.776. Computed by inverting the CDF (regularised incomplete beta), accurate to ~1e-10.
double student_t_quantile(double p, double df);

// P(T <= t) for Student's t with `df` degrees of freedom.
double student_t_cdf(double t, double df);

}  // namespace buslab
