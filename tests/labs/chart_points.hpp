#pragma once
// What a chart shows, as numbers a lab manual's claims can name (tests/labs/claims.hpp), so that an answer read
// off a chart is checked like any other:
//
//   a run's timeseries.csv, per entity and column: RUN/series/KIND/ENTITY/COLUMN.max (the largest value in a
//   bucket), .max_at (the end of the first bucket that reached it), .zero_after_max_at (the start of the first
//   bucket after that which was 0: for a `_max` column, empty all through it; absent when none was),
//   .last_nonzero_at (the end of the last bucket that was not 0), .total (the sum over the buckets);
//     brokered/series/server/svc-1/backlog_max.max, brokered-prefetch-1/series/queue/mq/svc/ready_max.max_at
//   a sweep's summary.csv: point-N/VARIANT/SECTION/ENTITY/METRIC, the mean over the seeds (its 95% interval for
//   ci()), as `buslab check` names a metric of point N;
//     point-3/brokered/clients/api/compute.add/latency.p99
#include <string>
#include <vector>

#include "sim/output/metric_paths.hpp"

namespace buslab::labs {

// `run`: the variant the series belongs to. Throws std::runtime_error when the file cannot be read.
std::vector<MetricPoint> timeseries_points(const std::string& run, const std::string& csv_path);

std::vector<MetricPoint> sweep_points(const std::string& summary_path);

}  // namespace buslab::labs
