// buslab-viz: explore a buslab trace.json (docs/trace-format.md) as a timeline of message flow, or compare two.
// See docs/visualizer.md.
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <imgui.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "models/core/build_version.hpp"
#include "tracefile/time_format.hpp"
#include "tracefile/trace_reader.hpp"
#include "visualizer/app.hpp"
#include "visualizer/bench.hpp"
#include "visualizer/input_script.hpp"
#include "visualizer/screenshot.hpp"
#include "visualizer/text_audit.hpp"
#include "visualizer/toolbar.hpp"
#include "visualizer/window.hpp"

namespace {

using namespace buslab;
using Clock = std::chrono::steady_clock;

constexpr int kExitBadInput = 2;  // unreadable trace, bad option
constexpr int kExitFailed = 1;    // no window, PNG not written

struct Options {
  std::vector<std::string> traces;
  std::string screenshot;
  std::string regions;
  std::string range;
  std::string size = "1600x900";
  uint64_t call = 0;
  std::string cursor;
  bool collapse = false;
  bool hide_idle = false;
  bool show_idle = false;
  bool no_panels = false;
  bool no_overview = false;
  bool no_log = false;
  bool logical = false;
  bool host_clocks = false;
  std::string show;
  std::string hide;
  float scale = 1;
  double max_size_mb = 4096;
  bool bench = false;
  int frames = 4;
  std::string input;
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Writes where the plot and the side panel are in the screenshot (pixels, top-left origin), so that a test can
// look for arrow colours in the plot only.
bool write_regions(const std::string& path, viz::App& app) {
  const auto rect = [](ImVec2 a, ImVec2 b) {
    return fmt::format("[{},{},{},{}]", static_cast<int>(a.x), static_cast<int>(a.y), static_cast<int>(b.x),
                       static_cast<int>(b.y));
  };
  // And the state the frame shows, so that a scripted run can check what its input did.
  std::vector<std::string> selected, rows, lanes, shown;
  for (size_t i = 0; i < app.documents(); ++i) {
    const auto& doc = app.document(i);
    const int section = app.section_of(i);
    shown.push_back(section >= 0 ? "true" : "false");
    selected.push_back(fmt::format("{}", doc.selected_call()));
    rows.push_back(fmt::format("{}", doc.layout().rows().size()));
    std::vector<int> centers;  // screen y of each lane's row, -1 when hidden
    for (const auto& lane : doc.trace().lanes) {
      const int r = doc.layout().row_of_lane(lane.id);
      centers.push_back(r < 0 || section < 0 ? -1
                                             : static_cast<int>(app.timeline().section_y(static_cast<size_t>(section)) +
                                                                doc.layout().rows()[static_cast<size_t>(r)].center()));
    }
    lanes.push_back(fmt::format("[{}]", fmt::join(centers, ",")));
  }
  const auto& view = app.view();
  const std::string cursor = app.playback().active() ? fmt::format("{}", app.playback().cursor()) : "null";
  // Texts the frame drew and the ones cut by their clip rectangle (visualizer/text_audit.hpp).
  std::vector<std::string> cut, drawn;
  for (const viz::TextBox& t : viz::TextAudit::texts()) drawn.push_back(nlohmann::json(t.text).dump());
  for (const viz::TextBox& t : viz::TextAudit::cut())
    cut.push_back(fmt::format("{{\"text\":{},\"box\":[{},{},{},{}],\"clip\":[{},{},{},{}]}}",
                              nlohmann::json(t.text).dump(), t.box[0], t.box[1], t.box[2], t.box[3], t.clip[0],
                              t.clip[1], t.clip[2], t.clip[3]));
  const auto overview = [](const viz::Overview& o) {
    return fmt::format("[{},{},{},{}]", o.min().x, o.min().y, o.max().x, o.max().y);
  };
  std::ofstream out(path);
  out << fmt::format(
      "{{\"plot\":{},\"side\":{},\"view\":[{},{}],\"cursor\":{},\"playing\":{},\"selected\":[{}],\"rows\":[{}],"
      "\"lane_y\":[{}],\"shown\":[{}],\"panels\":{},\"overview\":{},\"texts\":{},\"text_list\":[{}],"
      "\"cut\":[{}],\"host_clocks\":{},\"ruler\":{}}}\n",
      rect(app.timeline().plot_min(), app.timeline().plot_max()), rect(app.side_min(), app.side_max()), view.t0(),
      view.t1(), cursor, app.playback().playing(), fmt::join(selected, ","), fmt::join(rows, ","),
      fmt::join(lanes, ","), fmt::join(shown, ","), app.panels(), overview(app.timeline().overview()),
      viz::TextAudit::texts().size(), fmt::join(drawn, ","), fmt::join(cut, ","), app.host_time(),
      nlohmann::json{{"caption", app.timeline().ruler_caption()}, {"labels", app.timeline().ruler_labels()}}.dump());
  return static_cast<bool>(out);
}

// "1600x900": 3 to 5 digits a side, at most 16384. Parsed by hand: <regex> is heavy to build, and GCC 12 warns
// inside it under AddressSanitizer (-Wmaybe-uninitialized, a false positive that -Werror turns into an error).
bool parse_window_size(const std::string& text, int& width, int& height) {
  const size_t x = text.find('x');
  const auto side = [](const std::string& digits, int& value) {
    if (digits.size() < 3 || digits.size() > 5) return false;
    value = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    return value <= 16384;
  };
  return x != std::string::npos && side(text.substr(0, x), width) && side(text.substr(x + 1), height);
}

// "A", "B", ... "Z", then "R27", "R28": how each trace is named on screen and in --show.
std::string tag_of(size_t i) {
  return i < 26 ? std::string(1, static_cast<char>('A' + i)) : fmt::format("R{}", i + 1);
}

// Which traces are stacked at first: --show names them by tag or variant ("A,C", "direct,brokered"); by default
// all of them, up to four.
bool pick_shown(const std::string& list, const std::vector<std::unique_ptr<viz::Document>>& docs,
                std::vector<uint8_t>& shown, std::string& error) {
  shown.assign(docs.size(), 0);
  if (list.empty()) {
    for (size_t i = 0; i < docs.size() && i < 4; ++i) shown[i] = 1;
    return true;
  }
  std::stringstream in(list);
  std::string name;
  while (std::getline(in, name, ',')) {
    bool found = false;
    for (size_t i = 0; i < docs.size(); ++i)
      if (name == docs[i]->tag() || name == docs[i]->trace().variant) shown[i] = 1, found = true;
    if (!found) {
      std::vector<std::string> known;
      for (const auto& d : docs)
        known.push_back(d->trace().variant.empty() ? d->tag() : d->tag() + " (" + d->trace().variant + ")");
      error = fmt::format("--show {}: no trace is called \"{}\" (open: {})", list, name, fmt::join(known, ", "));
      return false;
    }
  }
  return true;
}

constexpr int kGoOn = -1;  // a step that did not end the run

// Reads and indexes every trace, saying how long it took; an exit code when one cannot be read.
int load_documents(const Options& o, std::vector<std::unique_ptr<viz::Document>>& docs) {
  tracefile::ReadOptions read;
  read.max_bytes = static_cast<uint64_t>(o.max_size_mb * 1024 * 1024);
  for (size_t i = 0; i < o.traces.size(); ++i) {
    try {
      const auto start = Clock::now();
      tracefile::Trace trace = tracefile::read_trace(o.traces[i], read);
      const double read_s = seconds_since(start);
      const auto indexed = Clock::now();
      docs.push_back(std::make_unique<viz::Document>(std::move(trace), tag_of(i)));
      const auto& t = docs.back()->trace();
      std::cout << fmt::format("{}: {} hops, {} events, {} calls, {} lanes; read in {:.2f} s, indexed in {:.2f} s\n",
                               o.traces[i], t.hops.size(), t.events.size(), t.calls.size(), t.lanes.size(), read_s,
                               seconds_since(indexed))
                << std::flush;
    } catch (const tracefile::TraceError& e) {
      std::cerr << "buslab-viz: " << e.what() << "\n";
      return kExitBadInput;
    } catch (const std::bad_alloc&) {
      std::cerr << fmt::format("buslab-viz: {}: not enough memory for this trace\n", o.traces[i]);
      return kExitBadInput;
    }
  }
  if (o.call && docs[0]->index().call_row(o.call) < 0) {
    std::cerr << fmt::format("buslab-viz: --call {}: {} has no such call\n", o.call, o.traces[0]);
    return kExitBadInput;
  }
  return kGoOn;
}

// Which lanes show at first: hosts collapsed, idle plumbing hidden, the --hide patterns.
int prepare_lanes(const Options& o, std::vector<std::unique_ptr<viz::Document>>& docs) {
  // Queues, exchanges and brokers where nothing happens (unused per-server and fanout queues) are hidden at first,
  // so that a run, or every run compared, fits; --show-idle keeps them.
  const bool hide_idle = o.hide_idle || !o.show_idle;
  for (auto& d : docs) {
    if (o.collapse) d->set_collapsed_all(true);
    if (hide_idle) d->hide_idle_lanes();
  }
  if (o.hide.empty()) return kGoOn;
  std::stringstream in(o.hide);
  for (std::string pattern; std::getline(in, pattern, ',');) {
    size_t hidden = 0;
    for (auto& d : docs) hidden += d->hide_matching(pattern);
    if (!hidden) {
      std::cerr << fmt::format("buslab-viz: --hide {}: no lane is named like \"{}\"\n", o.hide, pattern);
      return kExitBadInput;
    }
  }
  return kGoOn;
}

// The view, call, cursor, panels and mode the options ask for at first.
int start_state(const Options& o, viz::App& app, double t0, double t1, double cursor) {
  app.set_panels(!o.no_panels);
  app.set_log_shown(!o.no_log);
  app.timeline().set_overview_shown(!o.no_overview);
  if (o.call) app.select_call(0, o.call);
  if (!o.range.empty()) {
    app.view().set_range(t0, t1);
  } else if (o.call) {
    // The whole tree of the call: from its root's first hop to the last arrival of any call made for it.
    const auto& doc = app.document(0);
    const auto& path = doc.path();
    double t0 = path.t_start, t1 = path.t_end;
    const auto& hops = doc.trace().hops;
    for (uint32_t hop : doc.selected_hops()) {
      t0 = std::min(t0, hops.t_send[hop]);
      t1 = std::max(t1, hops.arrived(hop) ? hops.t_recv[hop] : hops.t_send[hop]);
    }
    const double margin = std::max((t1 - t0) * 0.08, 1e-6);
    app.view().set_range(t0 - margin, t1 + margin);
  }
  if (!o.cursor.empty()) app.playback().seek(cursor);
  if (o.host_clocks) app.set_host_time(true);
  if (o.logical && !app.toggle_logical()) {
    std::cerr << "buslab-viz: --logical: " << app.notice() << "\n";
    return kExitBadInput;
  }
  return kGoOn;
}

// Replays the input script, draws a few more frames (ImGui lays a window out over a couple), then writes the last
// one as a PNG, and the regions file.
int take_screenshot(const Options& o, viz::Window& window, viz::App& app, const viz::InputScript& script) {
  viz::TextAudit::enable(!o.regions.empty());
  const int frames = std::max(o.frames, script.frames() + 3);
  for (int f = 0; f < frames; ++f) {
    window.wait_events(true);
    const viz::FrameInput input = script.at(f);
    window.begin_frame(&input);
    app.frame(1.0 / 60);
    window.render();
    if (f + 1 < frames) window.present();
  }
  std::string error;
  if (!viz::save_screenshot(o.screenshot, window.framebuffer_width(), window.framebuffer_height(), error)) {
    std::cerr << "buslab-viz: " << error << "\n";
    return kExitFailed;
  }
  if (!o.regions.empty() && !write_regions(o.regions, app)) {
    std::cerr << fmt::format("buslab-viz: {}: cannot write\n", o.regions);
    return kExitFailed;
  }
  std::cout << fmt::format("{}: {}x{} screenshot\n", o.screenshot, window.framebuffer_width(),
                           window.framebuffer_height());
  return 0;
}

void interact(viz::Window& window, viz::App& app) {
  auto last = Clock::now();
  while (!window.should_close()) {
    window.wait_events(app.animating());
    const auto now = Clock::now();
    const double dt = std::chrono::duration<double>(now - last).count();
    last = now;
    window.begin_frame();
    app.frame(dt);
    window.render();
    window.present();
  }
}

int run(const Options& o) {
  int width = 0, height = 0;
  if (!parse_window_size(o.size, width, height)) {
    std::cerr << fmt::format("buslab-viz: --size {}: expected WxH in pixels, e.g. 1600x900\n", o.size);
    return kExitBadInput;
  }
  double t0 = 0, t1 = 0, cursor = 0;
  std::string error;
  if (!o.range.empty() && !tracefile::parse_time_range(o.range, t0, t1, error)) {
    std::cerr << "buslab-viz: --range " << error << "\n";
    return kExitBadInput;
  }
  if (!o.cursor.empty() && !tracefile::parse_time(o.cursor, cursor)) {
    std::cerr << fmt::format("buslab-viz: --cursor {}: expected a time, e.g. 1.5 or 1500ms\n", o.cursor);
    return kExitBadInput;
  }
  viz::InputScript script;
  if (!o.input.empty() && !script.parse(o.input, error)) {
    std::cerr << "buslab-viz: --input " << error << "\n";
    return kExitBadInput;
  }
  if (!o.input.empty() && o.screenshot.empty()) {
    std::cerr << "buslab-viz: --input replays input before a --screenshot; give one\n";
    return kExitBadInput;
  }
  std::vector<std::unique_ptr<viz::Document>> docs;
  std::vector<uint8_t> shown;
  if (int code = load_documents(o, docs); code != kGoOn) return code;
  if (!pick_shown(o.show, docs, shown, error)) {
    std::cerr << "buslab-viz: " << error << "\n";
    return kExitBadInput;
  }
  if (int code = prepare_lanes(o, docs); code != kGoOn) return code;

  std::unique_ptr<viz::Window> window;
  try {
    const std::string title =
        "buslab-viz: " + o.traces[0] + (o.traces.size() > 1 ? fmt::format(" and {} more", o.traces.size() - 1) : "");
    window = std::make_unique<viz::Window>(width, height, title, o.scale);
  } catch (const viz::WindowError& e) {
    std::cerr << "buslab-viz: " << e.what() << "\n";
    return kExitFailed;
  }
  viz::App app(std::move(docs), std::move(shown));
  if (int code = start_state(o, app, t0, t1, cursor); code != kGoOn) return code;
  if (o.bench) {
    viz::run_bench(*window, app, std::cout);
    return 0;
  }
  if (!o.screenshot.empty()) return take_screenshot(o, *window, app, script);
  interact(*window, app);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App cli{
      "buslab-viz: explore a buslab trace.json as a timeline of message flow: lanes per actor grouped by host, an "
      "arrow per message hop, faults, queue depth, busy workers; follow a call end to end, play a failure back, "
      "compare two runs (give two traces)."};
  cli.add_option("trace", o.traces, "trace.json from buslab run --out DIR (several to compare them)")
      ->required()
      ->expected(1, -1)
      ->check(CLI::ExistingFile);
  cli.add_option("--screenshot", o.screenshot, "Render one frame into this PNG and exit (no display: xvfb-run -a ...)")
      ->type_name("OUT.png");
  cli.add_option("--range", o.range, "Show this time range: seconds, or with s/ms/us/ns (4.2:4.3, 500ms:520ms)")
      ->type_name("T0:T1");
  cli.add_option("--size", o.size, "Window size in pixels")->type_name("WxH")->capture_default_str();
  cli.add_option("--call", o.call, "Select this call (first trace) and zoom to it");
  cli.add_option("--cursor", o.cursor, "Put the playback cursor here (what follows is hidden)")->type_name("T");
  cli.add_flag("--collapse", o.collapse, "Start with every host collapsed to one row");
  cli.add_option("--show", o.show,
                 "Stack these traces at first, by tag or variant: A,C or direct,brokered (default: all, up to four)")
      ->type_name("LIST");
  cli.add_flag("--hide-idle", o.hide_idle,
               "Start with the queues and exchanges nothing happens on hidden (the default; kept for scripts)");
  cli.add_flag("--show-idle", o.show_idle, "Keep the queues and exchanges nothing happens on");
  cli.add_option("--hide", o.hide, "Start with the lanes named like these shell patterns hidden, e.g. 'mq,mq/x/*'")
      ->type_name("PATTERNS");
  cli.add_flag("--no-panels", o.no_panels, "Start with the message log and the side panel hidden (key P shows them)");
  cli.add_flag("--no-overview", o.no_overview, "Start with the overview tracks hidden (key O shows them)");
  cli.add_flag("--no-log", o.no_log, "Start with the message log hidden, the side panel shown (key P: both)");
  cli.add_flag("--host-clocks", o.host_clocks,
               "Start showing times as each host's clock reads them (traces with skewed clocks; key T switches)");
  cli.add_flag("--logical", o.logical,
               "Start in the logical view: the hops of the --range (or the whole run) in happened-before order, "
               "evenly spaced (key L)");
  cli.add_option("--scale", o.scale, "Enlarge text and widgets, e.g. 1.5 on a projector")
      ->check(CLI::Range(0.5f, 4.0f))
      ->capture_default_str();
  cli.add_option("--max-size", o.max_size_mb, "Refuse traces larger than this many MB")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cli.add_option("--screenshot-regions", o.regions,
                 "With --screenshot: also write the plot and side panel rectangles as JSON (for tests)")
      ->type_name("FILE");
  cli.add_option("--frames", o.frames, "With --screenshot: frames drawn before the capture")
      ->check(CLI::Range(2, 100))
      ->capture_default_str();
  cli.add_option("--input", o.input,
                 "With --screenshot: replay input first, one step a frame, e.g. \"move 700 300; wheel 2; key F\" "
                 "(docs/visualizer.md)")
      ->type_name("SCRIPT");
  cli.add_flag("--bench", o.bench, "Print load and frame times at several zooms, then exit");
  cli.set_version_flag("--version", std::string("buslab-viz ") + buslab::build_version());
  cli.footer(std::string("\nControls:\n") + viz::controls_help());
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);  // prints help, or the error
    return code == 0 ? 0 : kExitBadInput;
  }
  try {
    return run(o);
  } catch (const std::exception& e) {
    std::cerr << "buslab-viz: " << e.what() << "\n";
    return kExitFailed;
  }
}
