#pragma once
// metrics.json as CSV for spreadsheets (`buslab export --csv`, docs/metrics.md "As CSV"): every number of each
// run, named as `buslab check` names it. Long (default): one row per run x entity x metric, the layout of a sweep's
// results.csv, for a pivot table; wide: one row per run and entity, a column per metric.
#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

namespace buslab {

// Writes the table of `runs` (metrics.json documents, one per variant or replicated) and returns its rows (without
// the header). Replicated metrics add the seeds and the 95% interval: n, ci95_low, ci95_high (long layout).
size_t write_metrics_csv(const std::vector<nlohmann::ordered_json>& runs, bool wide, std::ostream& out);

}  // namespace buslab
