#pragma once
// `buslab export`: writes a trace.json in formats other tools read.
//
//   buslab export --chrome TRACE OUT.json                  Chrome trace events (Perfetto, chrome://tracing)
//   buslab export --svg TRACE OUT.svg [--range T0:T1]      a sequence diagram for slides
//
// main() wires it with:
//   int export_status = 0;
//   CLI::App* export_cmd = buslab::tracefile::add_export_command(app, export_status);
//   ... app.parse(argc, argv) ...
//   if (export_cmd->parsed()) return export_status;
#include <string>

#include <CLI/CLI.hpp>

namespace buslab::tracefile {

inline constexpr int kExportOk = 0;
inline constexpr int kExportBadInput = 2;     // unreadable or invalid trace, bad range, nothing to draw
inline constexpr int kExportWriteFailed = 5;  // the output could not be written (as buslab's kExitOutputFailed)

struct ExportRequest {
  bool chrome = false;
  bool svg = false;
  std::string trace;
  std::string out;
  std::string range;  // "T0:T1", SVG only
  size_t max_arrows = 400;
  double height = 0;
  double max_size_mb = 4096;
};

// Runs one export; prints errors to stderr and returns the exit status.
int run_export(const ExportRequest& request);

// Registers the `export` subcommand; when it is parsed, its callback runs the export and stores the status in
// exit_code. Returns the subcommand (check ->parsed()).
CLI::App* add_export_command(CLI::App& app, int& exit_code);

}  // namespace buslab::tracefile
