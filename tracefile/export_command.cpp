#include "tracefile/export_command.hpp"

#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "tracefile/atomic_file.hpp"
#include "tracefile/chrome_export.hpp"
#include "tracefile/svg_export.hpp"
#include "tracefile/time_format.hpp"
#include "tracefile/trace_index.hpp"
#include "tracefile/trace_reader.hpp"

namespace buslab::tracefile {

namespace {

int export_csv(const ExportRequest& request, const MetricsCsvWriter& csv) {
  if (!request.range.empty()) {
    std::cerr << "buslab export: --range applies to --svg only\n";
    return kExportBadInput;
  }
  if (!csv) {
    std::cerr << "buslab export: --csv is not available in this program\n";
    return kExportBadInput;
  }
  AtomicFile out(request.out);
  std::string done;
  try {
    done = csv(request.trace, request.wide, out.stream());
  } catch (const ExportInputError& e) {
    std::cerr << "buslab export: " << e.what() << "\n";
    return kExportBadInput;
  }
  out.commit();
  std::cout << request.out << ": " << done << "\n";
  return kExportOk;
}

}  // namespace

int run_export(const ExportRequest& request, const MetricsCsvWriter& csv) {
  try {
    if (int(request.chrome) + int(request.svg) + int(request.csv) != 1) {
      std::cerr << "buslab export: choose one of --chrome, --svg or --csv\n";
      return kExportBadInput;
    }
    if (request.wide && !request.csv) {
      std::cerr << "buslab export: --wide applies to --csv only\n";
      return kExportBadInput;
    }
    if (request.csv) return export_csv(request, csv);
    if (request.call != 0 && !request.svg) {
      std::cerr << "buslab export: --call applies to --svg only\n";
      return kExportBadInput;
    }
    if (request.call != 0 && !request.range.empty()) {
      std::cerr << "buslab export: --call and --range: choose one (a call's tree spans its own time)\n";
      return kExportBadInput;
    }
    SvgOptions svg;
    svg.call = request.call;
    svg.max_arrows = request.max_arrows;
    svg.height = request.height;
    if (!request.range.empty()) {
      std::string error;
      if (!request.svg) {
        std::cerr << "buslab export: --range applies to --svg only (a Chrome trace holds the whole run)\n";
        return kExportBadInput;
      }
      if (!parse_time_range(request.range, svg.t0, svg.t1, error)) {
        std::cerr << "buslab export: --range " << error << "\n";
        return kExportBadInput;
      }
    }
    // Opened first, so that an unwritable destination is said before a long read. Written under a temporary name
    // and put in place when complete: a failure leaves no truncated file, and the success line comes only after.
    AtomicFile out(request.out);
    ReadOptions read;
    read.max_bytes = static_cast<uint64_t>(request.max_size_mb * 1024 * 1024);
    const Trace trace = read_trace(request.trace, read);
    const TraceIndex index(trace);
    std::string done;
    if (request.chrome) {
      write_chrome_trace(trace, index, out.stream());
      done = fmt::format("{}: {} hops as Chrome trace events (open it in ui.perfetto.dev or chrome://tracing)\n",
                         request.out, trace.hops.size());
    } else {
      try {
        const size_t arrows = write_svg(trace, index, svg, out.stream());
        done = fmt::format("{}: sequence diagram of {} hops\n", request.out, arrows);
      } catch (const SvgError& e) {
        std::cerr << fmt::format("buslab export: {}: {}\n", request.trace, e.what());
        return kExportBadInput;
      }
    }
    out.commit();
    std::cout << done;
    return kExportOk;
  } catch (const OutputError& e) {
    std::cerr << "buslab export: " << e.what() << "\n";
    return kExportWriteFailed;
  } catch (const TraceError& e) {
    std::cerr << "buslab export: " << e.what() << "\n";
    return kExportBadInput;
  } catch (const std::exception& e) {
    std::cerr << "buslab export: " << e.what() << "\n";
    return kExportWriteFailed;
  }
}

CLI::App* add_export_command(CLI::App& app, int& exit_code, MetricsCsvWriter csv) {
  auto request = std::make_shared<ExportRequest>();
  CLI::App* cmd = app.add_subcommand("export",
                                     "Write a trace.json for other tools: Chrome trace events (Perfetto) or an SVG "
                                     "sequence diagram; or metrics.json as CSV for spreadsheets");
  auto* chrome = cmd->add_flag("--chrome", request->chrome,
                               "Chrome trace event JSON: lanes as threads, hops as flow arrows (ui.perfetto.dev)");
  auto* svg = cmd->add_flag("--svg", request->svg, "SVG sequence diagram of a time range, for slides");
  auto* as_csv = cmd->add_flag("--csv", request->csv,
                               "metrics.json (or every run of a --out folder) as CSV: one row per run, entity and "
                               "metric (docs/metrics.md)");
  cmd->add_flag("--wide", request->wide, "CSV: one row per run and entity, a column per metric");
  chrome->excludes(svg);
  chrome->excludes(as_csv);
  svg->excludes(as_csv);
  cmd->add_option("trace", request->trace,
                  "trace.json written by buslab run --out; with --csv, a metrics.json or a run's --out folder")
      ->required();
  cmd->add_option("out", request->out, "Output file")->required();
  cmd->add_option("--range", request->range, "SVG: hops leaving in T0:T1 (seconds, or with s/ms/us/ns)")
      ->type_name("T0:T1");
  cmd->add_option("--call", request->call,
                  "SVG: a call and every call made while handling it (its whole tree, e.g. a nova boot), instead of "
                  "a time range: a row per instant, long waits cut out, the tree with each call's share below")
      ->type_name("ID")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1} << 53));
  cmd->add_option("--max-arrows", request->max_arrows, "SVG: refuse ranges with more hops than this")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{100000}));
  cmd->add_option("--height", request->height, "SVG: pixels for the time axis (default: from the number of hops)")
      ->check(CLI::Range(50.0, 100000.0));
  cmd->add_option("--max-size", request->max_size_mb, "Refuse traces larger than this many MB")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->callback([request, &exit_code, csv] { exit_code = run_export(*request, csv); });
  return cmd;
}

}  // namespace buslab::tracefile
