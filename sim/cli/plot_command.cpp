#include "sim/cli/plot_command.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <tuple>

#include <fmt/format.h>

#include "sim/cli/exit_codes.hpp"
#include "sim/plot/csv_reader.hpp"
#include "sim/plot/gnuplot_runner.hpp"
#include "sim/plot/gnuplot_script.hpp"
#include "sim/plot/plot_error.hpp"
#include "sim/plot/sweep_chart.hpp"
#include "sim/plot/timeseries_chart.hpp"
#include "tracefile/atomic_file.hpp"

namespace buslab::cli {

namespace {

namespace fs = std::filesystem;
using namespace buslab::plot;

struct PlotCommandOptions {
  std::vector<std::string> inputs;
  std::string out;
  std::string x_label, y_label;
  PlotOptions plot;
};

// What the inputs are: the time series of some runs, or one sweep's summary.
struct Inputs {
  std::vector<std::string> timeseries;
  std::string summary;
};

// "DIR/a/b.csv" -> "a/b.csv": how the script names its data's origin (the same wherever the run was written).
std::string short_name(const std::string& path) {
  const fs::path p(path);
  const std::string parent = p.parent_path().filename().string();
  return parent.empty() ? p.filename().string() : parent + "/" + p.filename().string();
}

std::string first_column(const std::string& path) {
  const CsvFile f = read_csv_file(path);
  return f.header.front();
}

Inputs resolve(const std::vector<std::string>& given) {
  Inputs in;
  for (const auto& path : given) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      if (fs::exists(fs::path(path) / "summary.csv")) {
        if (!in.summary.empty()) throw PlotInputError(fmt::format("{}: a second sweep; buslab plot draws one", path));
        in.summary = (fs::path(path) / "summary.csv").string();
        continue;
      }
      if (fs::exists(fs::path(path) / "timeseries.csv")) {
        in.timeseries.push_back((fs::path(path) / "timeseries.csv").string());
        continue;
      }
      // A run's --out: DIR/<run>/timeseries.csv; with --seeds, DIR/<run>/seed-<s>/timeseries.csv (a line per seed).
      std::vector<std::string> found;
      for (const auto& e : fs::directory_iterator(path, ec)) {
        if (fs::exists(e.path() / "timeseries.csv")) found.push_back((e.path() / "timeseries.csv").string());
        if (!e.is_directory(ec)) continue;
        for (const auto& seed : fs::directory_iterator(e.path(), ec))
          if (seed.path().filename().string().rfind("seed-", 0) == 0 && fs::exists(seed.path() / "timeseries.csv"))
            found.push_back((seed.path() / "timeseries.csv").string());
      }
      if (found.empty())
        throw PlotInputError(fmt::format(
            "{}: holds no summary.csv (a sweep's --out), no timeseries.csv and no run folder with one (a run's --out)",
            path));
      // By run name ("brokered" before "brokered-prefetch-1", which a sort of whole paths inverts), then seed.
      const auto key = [&](const std::string& file) {
        const fs::path folder = fs::relative(fs::path(file).parent_path(), path, ec);
        const std::string seed = folder.has_parent_path() ? folder.filename().string().substr(5) : "";
        return std::make_tuple(folder.begin()->string(), seed.size(), seed);
      };
      std::sort(found.begin(), found.end(),
                [&](const std::string& a, const std::string& b) { return key(a) < key(b); });
      in.timeseries.insert(in.timeseries.end(), found.begin(), found.end());
      continue;
    }
    const std::string first = first_column(path);
    if (first == "t_start_s") {
      in.timeseries.push_back(path);
    } else if (first == "point") {
      std::string summary = path;
      if (read_csv_file(path).column("mean") == std::string::npos) {  // results.csv: its summary is beside it
        summary = (fs::path(path).parent_path() / "summary.csv").string();
        if (!fs::exists(summary))
          throw PlotInputError(fmt::format(
              "{}: a sweep's results; the chart draws the means and intervals of summary.csv, not beside it", path));
      }
      if (!in.summary.empty()) throw PlotInputError(fmt::format("{}: a second sweep; buslab plot draws one", path));
      in.summary = summary;
    } else {
      throw PlotInputError(fmt::format(
          "{}: neither a timeseries.csv (first column t_start_s) nor a sweep's results.csv or summary.csv (first "
          "column point); found first column \"{}\"",
          path, first));
    }
  }
  if (!in.summary.empty() && !in.timeseries.empty())
    throw PlotInputError("a sweep and time series together: draw them in two charts");
  return in;
}

int plot_command(const PlotCommandOptions& o) {
  std::string base_path = o.out;
  std::vector<std::string> formats = {"png", "svg"};
  const std::string extension = fs::path(o.out).extension().string();
  if (extension == ".png" || extension == ".svg") formats = {extension.substr(1)};
  if (extension == ".png" || extension == ".svg" || extension == ".gp")
    base_path = (fs::path(o.out).parent_path() / fs::path(o.out).stem()).string();
  const std::string base = fs::path(base_path).filename().string();
  if (base.empty() || base == "." || base == "..") {
    std::cerr << fmt::format("buslab plot: --out {}: expected a file name (the chart's), like charts/p99.png\n", o.out);
    return kExitUsage;
  }
  std::string dir = fs::path(base_path).parent_path().string();
  if (dir.empty()) dir = ".";

  Chart chart;
  try {
    const Inputs in = resolve(o.inputs);
    if (!in.summary.empty()) {
      chart = sweep_chart(read_csv_file(in.summary), o.plot);
      chart.notes.push_back("data: " + short_name(in.summary) + ", a sweep's summary (mean, 95% interval)");
    } else {
      std::vector<TimeseriesRun> runs;
      for (const auto& path : in.timeseries) runs.push_back(read_timeseries_run(path));
      chart = timeseries_chart(runs, o.plot);
      for (const auto& path : in.timeseries) chart.notes.push_back("data: " + short_name(path));
    }
  } catch (const PlotInputError& e) {
    std::cerr << "buslab plot: " << e.what() << "\n";
    return kExitBadInput;
  }
  if (!o.x_label.empty()) chart.x_label = o.x_label;
  if (!o.y_label.empty()) chart.y_label = o.y_label;

  try {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw PlotOutputError(fmt::format("{}: cannot create it: {}", dir, ec.message()));
    const std::string script = (fs::path(dir) / (base + ".gp")).string();
    tracefile::write_file_atomically(script, gnuplot_script(chart, {base, formats}));
    std::vector<std::string> files;
    for (const auto& f : formats) files.push_back(base + "." + f);
    const std::string warnings = run_gnuplot(script, dir, files);
    if (!warnings.empty()) std::cerr << "gnuplot: " << warnings;
    std::string written;
    for (const auto& f : files) written += (written.empty() ? "" : ", ") + (fs::path(dir) / f).string();
    std::cout << fmt::format("chart: {} (gnuplot script: {})\n", written, script);
    return kExitOk;
  } catch (const PlotOutputError& e) {
    std::cerr << "buslab plot: " << e.what() << "\n";
  } catch (const tracefile::OutputError& e) {
    std::cerr << "buslab plot: " << e.what() << "\n";
  }
  return kExitOutputFailed;
}

}  // namespace

Command add_plot_command(CLI::App& app) {
  auto o = std::make_shared<PlotCommandOptions>();
  auto* cmd = app.add_subcommand(
      "plot", "Charts (PNG and SVG, by gnuplot) of results over time (timeseries.csv) or of a sweep (summary.csv)");
  cmd->add_option("input", o->inputs,
                  "A run's --out folder or timeseries.csv files (one line per variant), or a sweep's --out folder, "
                  "results.csv or summary.csv")
      ->required()
      ->type_name("INPUT");
  cmd->add_option("--metric", o->plot.metric,
                  "What to draw: a timeseries.csv column (latency_p99_s, backlog_mean, ready_mean; docs/timeseries.md) "
                  "or a sweep's metric as buslab check names it (latency.p99, handled)")
      ->required()
      ->type_name("NAME");
  cmd->add_option("--kind", o->plot.kind, "Only entities of this kind: client, server, consumer, queue, broker, ...")
      ->type_name("KIND");
  cmd->add_option("--entity", o->plot.entity,
                  "Only entities whose name matches (* and ? as in a shell); time series of clients: * (all calls) "
                  "by default")
      ->type_name("PATTERN");
  cmd->add_option("--variant", o->plot.variants, "Only these variants")->delimiter(',')->type_name("NAME");
  cmd->add_flag("--sum", o->plot.sum, "Time series: add the entities up, one line per variant");
  cmd->add_option("--x", o->plot.x, "Sweep: the parameter along x (default: the first swept)")->type_name("PATH");
  cmd->add_option("--panel", o->plot.panel, "Sweep: a chart per value of this parameter")->type_name("PATH");
  cmd->add_option("--where", o->plot.where, "Sweep: only the points where PATH has VALUE (repeatable)")
      ->type_name("PATH=VALUE");
  cmd->add_option("--title", o->plot.title, "The chart's title, instead of one said from what it draws");
  cmd->add_option("--xlabel", o->x_label, "The x axis' label, instead of the parameter's path or the time");
  cmd->add_option("--ylabel", o->y_label, "The y axis' label, instead of the metric in words with its unit");
  cmd->add_flag("--logx", o->plot.log_x, "Logarithmic x axis");
  cmd->add_flag("--logy", o->plot.log_y, "Logarithmic y axis");
  cmd->add_option("--out", o->out,
                  "The chart: FILE.png or FILE.svg for one format, FILE for both; FILE.gp, the gnuplot script, is "
                  "written beside it")
      ->required()
      ->type_name("FILE");
  cmd->footer(
      "\nExamples (docs/analysis.md):\n"
      "  buslab plot out/08 --metric latency_p99_s --out charts/p99-over-time\n"
      "  buslab plot out/08 --metric backlog_mean --kind server --out charts/backlog.png\n"
      "  buslab plot out/servers --metric latency.p99 --kind client --out charts/p99-vs-servers\n"
      "  buslab plot out/grid --metric latency.p99 --kind consumer --entity 'fast-*' --panel consumers[0].prefetch "
      "--out charts/grid\n"
      "\nNeeds gnuplot (Debian: gnuplot-nox). Exit codes: 0 ok, 1 usage, 2 an input that cannot be drawn, 5 the chart "
      "could not be written (gnuplot missing or failing, an unwritable folder).");
  return {cmd, [o] { return plot_command(*o); }};
}

}  // namespace buslab::cli
