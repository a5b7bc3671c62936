#include "tracefile/svg_export.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tracefile/call_tree.hpp"
#include "tracefile/kind_colors.hpp"
#include "tracefile/lane_order.hpp"
#include "tracefile/svg_time_axis.hpp"
#include "tracefile/time_format.hpp"

namespace buslab::tracefile {

namespace {

constexpr double kLeft = 110;    // time axis
constexpr double kColumn = 150;  // between lifelines
constexpr double kTop = 150;     // title, legend, lane headers
constexpr double kBottom = 40;
constexpr size_t kMaxLabels = 150;  // above this many arrows, labels would overlap: leave them out
constexpr double kLine = 15;        // px between two lines of the call tree under the diagram

std::string xml(const std::string& text) {
  std::string out;
  for (char ch : text) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

std::string n(double v) {
  return fmt::format("{:.1f}", v);
}

// What the diagram shows and where: the hops leaving in [t0, t1] (or those of a call tree), in hop order, drawn
// down to t_hi (the last arrival), one column per lane that takes part.
struct Layout {
  double t0 = 0, t1 = 0, t_hi = 0;
  std::vector<size_t> hops;
  std::vector<uint32_t> faults;  // fault events in [t0, t_hi]
  std::vector<int> columns;      // lanes, left to right
  std::vector<double> x_of;      // per lane: its lifeline's x (lanes not shown: 0)
  SvgTimeAxis axis;              // linear for a range, spaced by events for a call tree
  double width = 0, total_height = 0;
  std::string title;                    // what it shows, besides its time range
  std::vector<std::string> tree_lines;  // a call tree's calls, each with its share of the tree's time

  size_t count() const { return hops.size(); }
  double y(double t) const { return axis.y(t); }
  double height() const { return axis.bottom() - kTop; }
};

// The hops of a call and of every call made while handling it (its tree, from its root), or SvgError.
void select_call_hops(const Trace& trace, const TraceIndex& index, const SvgOptions& options, Layout& layout) {
  const std::vector<CallTreeNode> tree = call_tree(trace, index, options.call);
  if (tree.empty()) throw SvgError(fmt::format("no call #{} in the trace", options.call));
  for (const auto& node : tree)
    for (uint32_t hop : index.call_hops(node.row)) layout.hops.push_back(hop);
  std::sort(layout.hops.begin(), layout.hops.end());
  layout.hops.erase(std::unique(layout.hops.begin(), layout.hops.end()), layout.hops.end());
  if (layout.hops.empty()) throw SvgError(fmt::format("call #{} and its tree have no hop in the trace", options.call));
  if (layout.hops.size() > options.max_arrows)
    throw SvgError(
        fmt::format("call #{}'s tree ({} calls) has {} hops, more than a readable diagram holds ({}, see "
                    "--max-arrows)",
                    options.call, tree.size(), layout.hops.size(), options.max_arrows));
  layout.t0 = trace.hops.t_send[layout.hops.front()];
  layout.t1 = trace.hops.t_send[layout.hops.back()];
  layout.title = fmt::format("call #{} and the {} calls made for it", tree.front().call, tree.size() - 1);
  layout.tree_lines = tree_lines(trace, tree);
}

// The hops of the range, or SvgError when there are none or too many for a readable diagram.
void select_hops(const Trace& trace, const TraceIndex& index, const SvgOptions& options, Layout& layout) {
  if (options.call != 0) {
    select_call_hops(trace, index, options, layout);
    return;
  }
  double t0 = options.t0, t1 = options.t1;
  if (!(t1 > t0)) t0 = trace.t_begin, t1 = trace.t_end;
  const auto [first, last] = index.sends_in(t0, std::nextafter(t1, INFINITY));
  const size_t count = last - first;
  if (count == 0)
    throw SvgError(fmt::format("no hop leaves during {} .. {} (the trace spans {} .. {})", format_instant(t0),
                               format_instant(t1), format_instant(trace.t_begin), format_instant(trace.t_end)));
  const Hops& h = trace.hops;
  if (count > options.max_arrows) {
    const size_t end = std::min(h.size(), first + options.max_arrows);
    throw SvgError(fmt::format(
        "{} hops leave during {} .. {}, more than a readable diagram holds ({}, see --max-arrows); pick a narrower "
        "--range, e.g. --range {:.6f}:{:.6f} holds the first {}",
        count, format_instant(t0), format_instant(t1), options.max_arrows, std::floor(h.t_send[first] * 1e6) / 1e6,
        std::ceil(h.t_send[end - 1] * 1e6) / 1e6, end - first));
  }
  layout.t0 = t0, layout.t1 = t1;
  for (size_t i = first; i < last; ++i) layout.hops.push_back(i);
}

// Lanes that take part (hop ends, and faults in the range) and the geometry.
void place_lanes(const Trace& trace, const TraceIndex& index, const SvgOptions& options, Layout& layout) {
  const Hops& h = trace.hops;
  layout.t_hi = layout.t1;
  std::vector<uint8_t> used(trace.lanes.size(), 0);
  for (const size_t i : layout.hops) {
    used[static_cast<size_t>(h.from[i])] = used[static_cast<size_t>(h.to[i])] = 1;
    if (h.arrived(i)) layout.t_hi = std::max(layout.t_hi, h.t_recv[i]);
  }
  for (uint32_t e : index.faults()) {
    if (trace.events.t[e] < layout.t0 || trace.events.t[e] > layout.t_hi) continue;
    layout.faults.push_back(e);
    used[static_cast<size_t>(trace.events.lane[e])] = 1;
  }
  for (int lane : lane_display_order(trace, index))
    if (used[static_cast<size_t>(lane)]) layout.columns.push_back(lane);
  layout.x_of.assign(trace.lanes.size(), 0);
  for (size_t c = 0; c < layout.columns.size(); ++c)
    layout.x_of[static_cast<size_t>(layout.columns[c])] = kLeft + kColumn * (static_cast<double>(c) + 0.5);

  if (options.call != 0) {
    // A call tree: bursts of hops between long waits, each instant on a row of its own (svg_time_axis.hpp).
    std::vector<double> instants;
    for (const size_t i : layout.hops) {
      instants.push_back(h.t_send[i]);
      if (h.arrived(i)) instants.push_back(h.t_recv[i]);
    }
    for (uint32_t e : layout.faults) instants.push_back(trace.events.t[e]);
    layout.axis = SvgTimeAxis::event_spaced(std::move(instants), kTop, options.height);
  } else {
    const double height =
        options.height > 0 ? options.height : std::clamp(static_cast<double>(layout.count()) * 22.0, 300.0, 3000.0);
    layout.axis = SvgTimeAxis::linear(layout.t0, layout.t_hi, kTop, height);
  }
  layout.width = kLeft + kColumn * static_cast<double>(layout.columns.size()) + 20;
  const size_t tree_rows = layout.tree_lines.empty() ? 0 : layout.tree_lines.size() + 1;
  layout.total_height = kTop + layout.height() + kBottom + kLine * static_cast<double>(tree_rows);
}

void draw_prologue(const Layout& layout, std::string& s) {
  s += fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" "
      "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"11\">\n",
      n(layout.width), n(layout.total_height), n(layout.width), n(layout.total_height));
  s += fmt::format("<rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n", n(layout.width), n(layout.total_height));
}

// Arrowheads, one per hop kind present; then the title and a legend entry per kind with its count.
void draw_kinds(const Trace& trace, const Layout& layout, std::string& s) {
  std::map<uint8_t, int> kinds_present;
  for (const size_t i : layout.hops) ++kinds_present[trace.hops.kind[i]];
  s += "<defs>\n";
  for (const auto& [kind, hops] : kinds_present) {
    (void)hops;
    s += fmt::format(
        "<marker id=\"head-{}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
        "orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"{}\"/></marker>\n",
        kind, hex(kind_color(trace.kind_class(kind))));
  }
  s += "</defs>\n";

  s += fmt::format("<text x=\"12\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{}</text>\n",
                   xml(fmt::format("{}: {}{} .. {}", trace.title(), layout.title.empty() ? "" : layout.title + ", ",
                                   format_instant(layout.t0), format_instant(layout.t1))));
  double lx = 12;
  s += "<g class=\"legend\">\n";
  for (const auto& [kind, hops] : kinds_present) {
    const std::string label = fmt::format("{} ({})", trace.hop_kinds.name(kind), hops);
    s += fmt::format(
        "<line x1=\"{}\" y1=\"40\" x2=\"{}\" y2=\"40\" stroke=\"{}\" stroke-width=\"2.5\"/><text x=\"{}\" "
        "y=\"44\">{}</text>\n",
        n(lx), n(lx + 22), hex(kind_color(trace.kind_class(kind))), n(lx + 27), xml(label));
    lx += 40 + 6.5 * static_cast<double>(label.size());
  }
  s += "</g>\n";
}

// A shaded box per host around its lanes' columns.
void draw_hosts(const TraceIndex& index, const Layout& layout, std::string& s) {
  const auto& columns = layout.columns;
  for (size_t c = 0; c < columns.size();) {
    const long host = index.host_of(columns[c]);
    size_t end = c;
    while (end < columns.size() && index.host_of(columns[end]) == host) ++end;
    const double x0 = kLeft + kColumn * static_cast<double>(c) + 4, x1 = kLeft + kColumn * static_cast<double>(end) - 4;
    s += fmt::format(
        "<rect x=\"{}\" y=\"62\" width=\"{}\" height=\"{}\" fill=\"#f3f5f8\" stroke=\"#d0d5dc\" rx=\"4\"/>\n"
        "<text x=\"{}\" y=\"78\" font-weight=\"bold\" fill=\"#37474f\">{}</text>\n",
        n(x0), n(x1 - x0), n(layout.height() + kTop - 62 + 10), n(x0 + 6),
        xml("host " + index.hosts()[static_cast<size_t>(host)]));
    c = end;
  }
}

// Each lane's header and dashed lifeline, with bands where it is down or stalled.
void draw_lifelines(const Trace& trace, const TraceIndex& index, const Layout& layout, std::string& s) {
  for (int lane : layout.columns) {
    const Lane& l = trace.lanes[static_cast<size_t>(lane)];
    const double x = layout.x_of[static_cast<size_t>(lane)];
    std::string name = l.name;
    if (name.size() > 22) name = "..." + name.substr(name.size() - 19);
    s += fmt::format(
        "<g class=\"lane\"><text x=\"{0}\" y=\"104\" text-anchor=\"middle\" font-weight=\"bold\">{1}</text>"
        "<text x=\"{0}\" y=\"118\" text-anchor=\"middle\" fill=\"#607d8b\">{2}</text>"
        "<line x1=\"{0}\" y1=\"{3}\" x2=\"{0}\" y2=\"{4}\" stroke=\"#90a4ae\" stroke-dasharray=\"4 3\"/></g>\n",
        n(x), xml(name), xml(l.kind_name), n(kTop - 20), n(kTop + layout.height()));
    for (const DownInterval& d : index.down(lane)) {
      const double a = std::max(d.t0, layout.t0), b = std::min(d.t1, layout.t_hi);
      if (b <= a) continue;
      s += fmt::format(
          "<rect class=\"down\" x=\"{}\" y=\"{}\" width=\"12\" height=\"{}\" fill=\"{}\" opacity=\"0.35\"/>\n",
          n(x - 6), n(layout.y(a)), n(layout.y(b) - layout.y(a)), hex(d.hard ? kDownColor : kStallColor));
    }
  }
}

// The event-spaced axis: each row's time since the first, to the microsecond (where the previous label leaves
// room), and each cut-out wait as a zigzag across the diagram with how long it lasted.
void draw_event_axis(const Layout& layout, std::string& s) {
  const SvgTimeAxis& axis = layout.axis;
  double last_label = -1e9;
  for (size_t r = 0; r < axis.instants().size(); ++r) {
    const double y = axis.rows()[r];
    if (y - last_label < 13) continue;
    last_label = y;
    const std::string label = fmt::format("+{}", format_instant(axis.instants()[r] - axis.t_first(), 1e-6));
    s += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#455a64\"/><text x=\"{3}\" y=\"{4}\" "
        "text-anchor=\"end\" fill=\"#455a64\">{5}</text>\n",
        n(kLeft - 14), n(y), n(kLeft - 8), n(kLeft - 18), n(y + 4), xml(label));
  }
  for (const AxisBreak& b : axis.breaks()) {
    const double mid = (b.y0 + b.y1) / 2;
    std::string zigzag = fmt::format("M {} {}", n(kLeft - 8), n(mid));
    for (double x = kLeft - 8; x < layout.width - 20; x += 12)
      zigzag += fmt::format(" L {} {} L {} {}", n(x + 6), n(mid - 4), n(x + 12), n(mid));
    s += fmt::format(
        "<g class=\"break\"><rect x=\"{0}\" y=\"{1}\" width=\"{2}\" height=\"{3}\" fill=\"#ffffff\" "
        "opacity=\"0.7\"/><path d=\"{4}\" fill=\"none\" stroke=\"#90a4ae\"/><text x=\"{5}\" y=\"{6}\" "
        "fill=\"#607d8b\" font-style=\"italic\">{7}</text></g>\n",
        n(kLeft - 8), n(mid - 8), n(layout.width - 20 - (kLeft - 8)), n(16), zigzag, n(kLeft), n(mid - 7),
        xml(format_duration(b.t1 - b.t0) + " later (not to scale)"));
  }
}

void draw_time_axis(const Layout& layout, std::string& s) {
  s += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#455a64\"/>\n", n(kLeft - 8), n(kTop),
                   n(kTop + layout.height()));
  if (!layout.axis.is_linear()) {
    draw_event_axis(layout, s);
    return;
  }
  const TickPlan ticks = plan_ticks(layout.t0, layout.t_hi, layout.height(), 0, 45);
  for (double t : ticks.majors)
    s += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#455a64\"/><text x=\"{3}\" y=\"{4}\" "
        "text-anchor=\"end\" fill=\"#455a64\">{5}</text>\n",
        n(kLeft - 14), n(layout.y(t)), n(kLeft - 8), n(kLeft - 18), n(layout.y(t) + 4), xml(tick_label(t, ticks)));
}

// Under the diagram, the call tree: each call indented under the one that made it, with its share of the tree's time.
void draw_tree_lines(const Layout& layout, std::string& s) {
  if (layout.tree_lines.empty()) return;
  double y = kTop + layout.height() + kBottom;
  s += fmt::format("<g class=\"call-tree\">\n<text x=\"12\" y=\"{}\" font-weight=\"bold\">{}</text>\n", n(y),
                   xml(fmt::format("call tree ({} calls): each call's time, from its start to its last run done, and "
                                   "share of the tree's",
                                   layout.tree_lines.size())));
  y += kLine;
  for (const std::string& line : layout.tree_lines) {
    const size_t indent = line.find_first_not_of(' ');
    s += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", n(12 + 8 * static_cast<double>(indent)), n(y),
                     xml(line.substr(indent)));
    y += kLine;
  }
  s += "</g>\n";
}

void draw_faults(const Trace& trace, const Layout& layout, std::string& s) {
  for (uint32_t e : layout.faults) {
    const int lane = trace.events.lane[e];
    const double x = layout.x_of[static_cast<size_t>(lane)], yy = layout.y(trace.events.t[e]);
    const Rgb color = is_breaking(trace.event_type(e)) ? kFaultColor : kRecoverColor;
    s += fmt::format(
        "<g class=\"fault\"><line x1=\"{0}\" y1=\"{2}\" x2=\"{1}\" y2=\"{2}\" stroke=\"{3}\" stroke-width=\"3\"/>"
        "<text x=\"{4}\" y=\"{5}\" fill=\"{3}\" font-weight=\"bold\">{6}</text></g>\n",
        n(x - kColumn * 0.4), n(x + kColumn * 0.4), n(yy), hex(color), n(x + 4), n(yy - 4),
        xml(trace.event_types.name(trace.events.type[e])));
  }
}

// One hop: a dashed stub ending in a cross when it never arrived, a loop when it stays on its lane, else an arrow.
void draw_hop(const Trace& trace, const Layout& layout, size_t i, std::string& s) {
  const Hops& h = trace.hops;
  const Rgb color = kind_color(trace.hop_kind(i));
  const std::string& kind = trace.kind_name(i);
  const double xs = layout.x_of[static_cast<size_t>(h.from[i])], ys = layout.y(h.t_send[i]);
  const double xr = layout.x_of[static_cast<size_t>(h.to[i])];
  std::string title =
      fmt::format("{} #{} {} {} -> {}, {} B, sent {}", kind, h.call[i], trace.method_name(i),
                  trace.lanes[static_cast<size_t>(h.from[i])].name, trace.lanes[static_cast<size_t>(h.to[i])].name,
                  h.bytes[i], format_instant(h.t_send[i]));
  if (h.arrived(i))
    title += fmt::format(", took {}", format_duration(h.t_recv[i] - h.t_send[i]));
  else
    title += ", never arrived";
  if (!h.arrived(i)) {
    const double xe = xs + (xr - xs) * 0.4, ye = ys + 8;
    s += fmt::format(
        "<g class=\"hop {} lost\"><title>{}</title><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" "
        "stroke-width=\"1.6\" stroke-dasharray=\"5 3\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\" "
        "font-weight=\"bold\">x</text></g>\n",
        xml(kind), xml(title), n(xs), n(ys), n(xe), n(ye), hex(color), n(xe), n(ye + 4), hex(kFaultColor));
  } else if (h.from[i] == h.to[i]) {
    const double yr = layout.y(h.t_recv[i]);
    s += fmt::format(
        "<g class=\"hop {}\"><title>{}</title><path d=\"M {} {} C {} {} {} {} {} {}\" fill=\"none\" stroke=\"{}\" "
        "stroke-width=\"1.6\" marker-end=\"url(#head-{})\"/></g>\n",
        xml(kind), xml(title), n(xs), n(ys), n(xs + 30), n(ys), n(xs + 30), n(yr + 6), n(xs), n(yr + 6), hex(color),
        h.kind[i]);
  } else {
    s += fmt::format(
        "<g class=\"hop {}\"><title>{}</title><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" "
        "stroke-width=\"1.6\" marker-end=\"url(#head-{})\"/></g>\n",
        xml(kind), xml(title), n(xs), n(ys), n(xr), n(layout.y(h.t_recv[i])), hex(color), h.kind[i]);
  }
}

// A hop's label ("request #12 compute.add") next to where it leaves, on the side it goes to.
std::string hop_label(const Trace& trace, const Layout& layout, size_t i) {
  const Hops& h = trace.hops;
  const double xs = layout.x_of[static_cast<size_t>(h.from[i])], ys = layout.y(h.t_send[i]);
  const bool right = layout.x_of[static_cast<size_t>(h.to[i])] >= xs;
  std::string label = trace.kind_name(i);
  if (h.call[i]) label += fmt::format(" #{}", h.call[i]);
  if (!trace.method_name(i).empty()) label += " " + trace.method_name(i);
  return fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\" font-size=\"10\" fill=\"{}\">{}</text>\n",
                     n(xs + (right ? 5 : -5)), n(ys - 3), right ? "start" : "end", hex(kind_color(trace.hop_kind(i))),
                     xml(label));
}

// Every hop, labelled when there are few enough and the lane's previous label is at least 12 px above.
void draw_hops(const Trace& trace, const Layout& layout, std::string& s) {
  const bool labels = layout.count() <= kMaxLabels;
  std::vector<double> last_label(trace.lanes.size(), -1e9);
  for (const size_t i : layout.hops) {
    draw_hop(trace, layout, i, s);
    const auto from = static_cast<size_t>(trace.hops.from[i]);
    const double ys = layout.y(trace.hops.t_send[i]);
    if (labels && ys - last_label[from] >= 12) {
      last_label[from] = ys;
      s += hop_label(trace, layout, i);
    }
  }
}

}  // namespace

size_t write_svg(const Trace& trace, const TraceIndex& index, const SvgOptions& options, std::ostream& out) {
  Layout layout;
  select_hops(trace, index, options, layout);
  place_lanes(trace, index, options, layout);
  std::string s;
  draw_prologue(layout, s);
  draw_kinds(trace, layout, s);
  draw_hosts(index, layout, s);
  draw_lifelines(trace, index, layout, s);
  draw_time_axis(layout, s);
  draw_faults(trace, layout, s);
  draw_hops(trace, layout, s);
  draw_tree_lines(layout, s);
  s += "</svg>\n";
  out << s;
  return layout.count();
}

}  // namespace buslab::tracefile
