#include "sim/cli/metrics_csv_export.hpp"

#include <fmt/format.h>

#include "sim/cli/check_command.hpp"
#include "sim/output/expected_file.hpp"
#include "sim/output/metrics_csv.hpp"
#include "tracefile/export_command.hpp"

namespace buslab::cli {

std::string export_metrics_csv(const std::string& input, bool wide, std::ostream& out) {
  std::vector<nlohmann::ordered_json> runs;
  try {
    runs = read_results(input);
  } catch (const ExpectedFileError& e) {
    throw tracefile::ExportInputError(e.what());
  }
  const size_t rows = write_metrics_csv(runs, wide, out);
  return fmt::format("{} rows, one per {} ({} run{})", rows, wide ? "run and entity" : "run, entity and metric",
                     runs.size(), runs.size() == 1 ? "" : "s");
}

}  // namespace buslab::cli
