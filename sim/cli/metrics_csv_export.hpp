#pragma once
// `buslab export --csv`: the metrics of a metrics.json or of a run's --out folder as CSV (sim/output/metrics_csv),
// handed to the export command (tracefile/, which does not read metrics) by main().
#include <ostream>
#include <string>

namespace buslab::cli {

// Throws tracefile::ExportInputError naming the path when it holds no metrics.json. Returns what it wrote, in words.
std::string export_metrics_csv(const std::string& input, bool wide, std::ostream& out);

}  // namespace buslab::cli
