#pragma once
// `buslab export`: writes a trace.json in formats other tools read.
//
//   buslab export --chrome TRACE OUT.json                  Chrome trace events (Perfetto, chrome://tracing)
//   buslab export --svg TRACE OUT.svg [--range T0:T1]      a sequence diagram for slides
//   buslab export --csv METRICS OUT.csv [--wide]           metrics.json as a table (written by sim/output, handed in)
//
// main() wires it with:
//   int export_status = 0;
//   CLI::App* export_cmd = buslab::tracefile::add_export_command(app, export_status);
//   ... app.parse(argc, argv) ...
//   if (export_cmd->parsed()) return export_status;
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>

#include <CLI/CLI.hpp>

namespace buslab::tracefile {

inline constexpr int kExportOk = 0;
inline constexpr int kExportBadInput = 2;     // unreadable or invalid trace, bad range, nothing to draw
inline constexpr int kExportWriteFailed = 5;  // the output could not be written (as buslab's kExitOutputFailed)

// `--csv`: metrics.json is not a trace, and its layout is sim/output's, which this room does not include; main()
// hands in the writer. It writes the table of the metrics at `input` (a metrics.json or a run's --out folder) to
// `out` and returns what it wrote, in words; it throws ExportInputError when the input is not metrics.
class ExportInputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
using MetricsCsvWriter = std::function<std::string(const std::string& input, bool wide, std::ostream& out)>;

struct ExportRequest {
  bool chrome = false;
  bool svg = false;
  bool csv = false;
  bool wide = false;  // csv: a row per entity, a column per metric
  std::string trace;  // the input: a trace.json, or (csv) metrics
  std::string out;
  std::string range;  // "T0:T1", SVG only
  uint64_t call = 0;  // SVG: a call's tree instead of a range (0: none)
  size_t max_arrows = 400;
  double height = 0;
  double max_size_mb = 4096;
};

// Runs one export; prints errors to stderr and returns the exit status.
int run_export(const ExportRequest& request, const MetricsCsvWriter& csv = {});

// Registers the `export` subcommand; when it is parsed, its callback runs the export and stores the status in
// exit_code. Returns the subcommand (check ->parsed()).
CLI::App* add_export_command(CLI::App& app, int& exit_code, MetricsCsvWriter csv = {});

}  // namespace buslab::tracefile
