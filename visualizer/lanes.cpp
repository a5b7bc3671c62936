#include "visualizer/lanes.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "tracefile/time_format.hpp"
#include "visualizer/palette.hpp"
#include "visualizer/ui_scale.hpp"
#include "visualizer/ui_text.hpp"

namespace buslab::viz {

using tracefile::LaneKind;
using tracefile::LevelSeries;

namespace {

constexpr float kGraphStepPx = 2;  // one graph column per this many pixels

ImU32 kind_dot(LaneKind kind) {
  switch (kind) {
    case LaneKind::Client:
      return IM_COL32(66, 133, 244, 255);
    case LaneKind::Broker:
      return IM_COL32(176, 190, 197, 255);
    case LaneKind::Exchange:
      return IM_COL32(0, 172, 193, 255);
    case LaneKind::Queue:
      return palette::rgba(tracefile::kDepthColor);
    case LaneKind::Server:
      return palette::rgba(tracefile::kBusyColor);
    default:
      return IM_COL32(150, 150, 150, 255);
  }
}

// The level over time as filled columns from the row's bottom, scaled so that `full` reaches the top.
void draw_level(const LevelSeries& series, double full, ImU32 color, float top, float height, const PlotGeometry& g) {
  if (series.empty() || full <= 0) return;
  const float bottom = top + height - 2, usable = height - 6;
  float run_x = g.x0, run_h = -1;
  const auto flush = [&](float x_end) {
    if (run_h > 0) g.draw->AddRectFilled(ImVec2(run_x, bottom - run_h), ImVec2(x_end, bottom), color);
  };
  float x = g.x0;
  for (; x < g.x1; x += kGraphStepPx) {
    const double ta = g.t_of(x);
    if (ta > g.t_limit) break;
    const double tb = std::min(g.t_of(x + kGraphStepPx), g.t_limit);
    const double v = series.max_over(ta, tb);
    float h = static_cast<float>(std::min(v / full, 1.0)) * usable;
    if (v > 0) h = std::max(h, 1.5f);  // one message in a deep queue still shows
    if (h != run_h) {
      flush(x);
      run_x = x;
      run_h = h;
    }
  }
  flush(std::min(x, g.x1));
}

void draw_down_bands(const Document& doc, const std::vector<int>& lanes, float top, float height,
                     const PlotGeometry& g) {
  for (int lane : lanes) {
    for (const auto& d : doc.index().down(lane)) {
      const double a = std::max(d.t0, g.view->t0()), b = std::min({d.t1, g.view->t1(), g.t_limit});
      if (b <= a) continue;
      const float xa = g.x_of(a), xb = std::max(g.x_of(b), xa + 1);
      const tracefile::Rgb color = d.hard ? tracefile::kDownColor : tracefile::kStallColor;
      g.draw->AddRectFilled(ImVec2(xa, top), ImVec2(xb, top + height), palette::rgba(color, 45));
      g.draw->AddLine(ImVec2(xa, top + 1), ImVec2(xb, top + 1), palette::rgba(color, 200), 2);
      // Centred, so that it clears the fault mark's own label at the band's start.
      const ImVec2 size = ImGui::CalcTextSize(d.reason.c_str());
      if (xb - xa > 3 * size.x)
        draw_text(g.draw, ImVec2((std::max(xa, g.x0) + std::min(xb, g.x1) - size.x) / 2, top + 2),
                  palette::rgba(color, 230), d.reason, true);
    }
  }
}

// The graph a row draws, and its full scale.
const LevelSeries* row_series(const Document& doc, int lane, double& full, ImU32& color) {
  if (lane < 0) return nullptr;
  const auto& l = doc.trace().lanes[static_cast<size_t>(lane)];
  if (l.kind == LaneKind::Queue) {
    full = doc.index().depth(lane).max();
    color = palette::rgba(tracefile::kDepthColor, 150);
    return &doc.index().depth(lane);
  }
  if (l.kind == LaneKind::Server) {
    // Scaled to the workers, unless it never came near them (a pool without bound: kUnboundedWorkers), then to its
    // peak.
    const double peak = doc.index().busy(lane).max();
    full = peak * 4 >= l.workers ? std::max<double>(l.workers, peak) : std::max(peak, 1.0);
    color = palette::rgba(tracefile::kBusyColor, 140);
    return &doc.index().busy(lane);
  }
  return nullptr;
}

// Whether a server row draws what waited for a worker above its busy workers: when more than one ever did.
bool draws_waiting(const Document& doc, const LaneRow& row) {
  return row.lane >= 0 && doc.layout().graph_row(row) &&
         doc.trace().lanes[static_cast<size_t>(row.lane)].kind == LaneKind::Server &&
         doc.index().backlog(row.lane).max() > 1;
}

}  // namespace

void draw_lane_rows(const Document& doc, const PlotGeometry& g) {
  const auto& rows = doc.layout().rows();
  for (size_t r = 0; r < rows.size(); ++r) {
    const LaneRow& row = rows[r];
    if (!g.row_visible(row)) continue;
    const float top = g.row_top(row);
    const ImU32 bg = row.header ? palette::kHeaderRow : (r % 2 ? palette::kRowOdd : palette::kRowEven);
    g.draw->AddRectFilled(ImVec2(g.x0, top), ImVec2(g.x1, top + row.height), bg);
    // Levels and bands are over time: the logical view draws the order of events only.
    if (!g.logical) draw_down_bands(doc, doc.layout().lanes_in_row(r), top, row.height, g);
  }
}

void draw_lane_levels(const Document& doc, const PlotGeometry& g) {
  const auto& rows = doc.layout().rows();
  for (size_t r = 0; r < rows.size() && !g.logical; ++r) {
    const LaneRow& row = rows[r];
    if (!g.row_visible(row)) continue;
    const float top = g.row_top(row);
    if (doc.layout().graph_row(row)) {
      double full = 0;
      ImU32 color = 0;
      const LevelSeries* series = row_series(doc, row.lane, full, color);
      const LevelSeries& waiting = doc.index().backlog(std::max(row.lane, 0));
      if (series && draws_waiting(doc, row)) {
        // Where work waits, drawn like a queue's depth (purple) over the busy workers.
        const float half = std::round(row.height / 2);
        draw_level(waiting, waiting.max(), palette::rgba(tracefile::kDepthColor, 150), top, half, g);
        draw_level(*series, full, color, top + half, row.height - half, g);
      } else if (series) {
        draw_level(*series, full, color, top, row.height, g);
      }
    }
  }
}

namespace {

// What a row's label says: a marker, then lines of coloured parts (the name; a graph's scale).
struct LabelPart {
  std::string text;
  ImU32 color;
};
struct RowLabel {
  enum Marker { kNone, kDot, kFolded, kOpen } marker = kNone;
  ImU32 marker_color = 0;
  float indent = 0;  // where the text starts, from the label column's left edge
  std::vector<std::vector<LabelPart>> lines;
};

RowLabel row_label(const Document& doc, size_t r) {
  const LaneRow& row = doc.layout().rows()[r];
  const auto& trace = doc.trace();
  RowLabel label;
  if (row.header) {
    // A collapse arrow, then the host name; a collapsed host says how many lanes it folds.
    label.marker = row.collapsed ? RowLabel::kFolded : RowLabel::kOpen;
    label.marker_color = palette::kTextDim;
    label.indent = px(18);
    std::string text = "host " + doc.index().hosts()[row.host];
    if (row.collapsed) text += fmt::format("  ({} lanes)", doc.layout().lanes_in_row(r).size());
    label.lines.push_back({{text, palette::kText}});
    // Read by its host's clock: say how that clock is off.
    if (doc.time_base() == tracefile::TimeBase::HostClock && doc.host_time().skewed(row.lane))
      label.lines.back().push_back(
          {"  clock " + tracefile::describe_clock(doc.host_time().clock(row.lane).spec()), palette::kCursor});
    return label;
  }
  const auto& lane = trace.lanes[static_cast<size_t>(row.lane)];
  label.indent = px(30);
  label.marker_color = kind_dot(lane.kind);
  if (row.family >= 0) {
    // A folded family: a fold arrow, its name and how many lanes it holds.
    label.marker = RowLabel::kFolded;
    const auto& in_row = doc.layout().lanes_in_row(r);
    const auto members = std::count_if(in_row.begin(), in_row.end(), [&](int l) {
      return doc.families().of_lane[static_cast<size_t>(l)] == row.family;
    });
    std::vector<LabelPart> name = {
        {fmt::format("{}  ({} lanes)", doc.families().names[static_cast<size_t>(row.family)], members),
         palette::kText}};
    // Where the family runs: its one host, or how many.
    std::vector<std::string> hosts;
    for (int member : doc.families().lanes[static_cast<size_t>(row.family)]) {
      const std::string& h = trace.lanes[static_cast<size_t>(member)].host;
      if (std::find(hosts.begin(), hosts.end(), h) == hosts.end()) hosts.push_back(h);
    }
    if (hosts.size() > 1)
      name.push_back({fmt::format("  on {} hosts", hosts.size()), palette::kTextDim});
    else if (row.host_inline)
      name.push_back({"  on " + lane.host, palette::kTextDim});
    label.lines.push_back(std::move(name));
    return label;
  }
  label.marker = RowLabel::kDot;
  std::vector<LabelPart> name = {{lane.name, palette::kText}};
  if (row.host_inline) name.push_back({"  on " + lane.host, palette::kTextDim});
  label.lines.push_back(std::move(name));
  if (!doc.layout().graph_row(row)) return label;
  if (lane.kind == LaneKind::Queue) {
    label.lines.push_back({{fmt::format("depth, max {:g}", doc.index().depth(row.lane).max()), palette::kTextDim}});
  } else if (lane.kind == LaneKind::Server) {
    std::vector<LabelPart> scale = {
        {busy_scale_text(doc.index().busy(row.lane).max(), lane.workers), palette::rgba(tracefile::kBusyColor)}};
    if (draws_waiting(doc, row)) {
      const bool consumer = lane.service.rfind("queue ", 0) == 0;
      scale.push_back(
          {fmt::format("  {} max {:g}", consumer ? "prefetched" : "waiting", doc.index().backlog(row.lane).max()),
           palette::rgba(tracefile::kDepthColor)});
    }
    label.lines.push_back(std::move(scale));
  }
  return label;
}

float text_width(const std::vector<LabelPart>& parts) {
  float w = 0;
  for (const LabelPart& p : parts) w += ImGui::CalcTextSize(p.text.c_str()).x;
  return w;
}

}  // namespace

float lane_label_width(const Document& doc) {
  float widest = 0;
  for (size_t r = 0; r < doc.layout().rows().size(); ++r) {
    const RowLabel label = row_label(doc, r);
    for (const auto& line : label.lines) widest = std::max(widest, label.indent + text_width(line));
  }
  return widest + px(10);
}

void draw_lane_labels(const Document& doc, const PlotGeometry& g, int hovered_row) {
  const auto& rows = doc.layout().rows();
  const float right = g.x0 - 1;
  for (size_t r = 0; r < rows.size(); ++r) {
    const LaneRow& row = rows[r];
    if (!g.row_visible(row)) continue;
    const float top = g.row_top(row);
    const float line_h = ImGui::GetTextLineHeight() + px(1);
    ImU32 bg = row.header ? palette::kHeaderRow : palette::kRowEven;
    if (static_cast<int>(r) == hovered_row) bg = IM_COL32(60, 70, 88, 255);
    g.draw->AddRectFilled(ImVec2(g.label_x0, top), ImVec2(right, top + row.height), bg);
    g.draw->AddLine(ImVec2(g.label_x0, top + row.height - 0.5f), ImVec2(right, top + row.height - 0.5f),
                    palette::kGrid);
    const RowLabel label = row_label(doc, r);
    // Lines centred in the row (a one-line label in a lane-high row, two in a graph row).
    float y = top + (row.height - line_h * static_cast<float>(label.lines.size())) / 2;
    const float my = y + ImGui::GetTextLineHeight() / 2, mx = g.label_x0 + label.indent - px(8);
    switch (label.marker) {
      case RowLabel::kDot:
        g.draw->AddCircleFilled(ImVec2(mx, my), px(3.5f), label.marker_color);
        break;
      case RowLabel::kFolded:
        g.draw->AddTriangleFilled(ImVec2(mx - px(3), my - px(4)), ImVec2(mx + px(3), my),
                                  ImVec2(mx - px(3), my + px(4)), label.marker_color);
        break;
      case RowLabel::kOpen:
        g.draw->AddTriangleFilled(ImVec2(mx - px(4), my - px(3)), ImVec2(mx + px(4), my - px(3)),
                                  ImVec2(mx, my + px(3)), label.marker_color);
        break;
      case RowLabel::kNone:
        break;
    }
    g.draw->PushClipRect(ImVec2(g.label_x0, top), ImVec2(right - 2, top + row.height), true);
    for (const auto& line : label.lines) {
      float x = g.label_x0 + label.indent;
      for (const LabelPart& part : line) {
        draw_text(g.draw, ImVec2(x, y), part.color, part.text, true);
        x += ImGui::CalcTextSize(part.text.c_str()).x;
      }
      y += line_h;
    }
    g.draw->PopClipRect();
  }
}

bool lane_row_tooltip(const Document& doc, const PlotGeometry& g, int r) {
  if (r < 0) return false;
  const LaneRow& row = doc.layout().rows()[static_cast<size_t>(r)];
  if (row.header || row.lane < 0 || row.family >= 0) return false;
  double full = 0;
  ImU32 color = 0;
  const LevelSeries* series = row_series(doc, row.lane, full, color);
  if (!series) return false;
  const double t = std::min(g.t_of(g.mouse.x), g.t_limit);
  const auto& lane = doc.trace().lanes[static_cast<size_t>(row.lane)];
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(lane.name.c_str());
  if (lane.kind == LaneKind::Queue) {
    ImGui::Text("%g ready messages at %s", series->at(t), doc.instant(row.lane, t).c_str());
  } else {
    if (tracefile::unbounded_workers(lane.workers))
      ImGui::Text("%g workers busy (no bound) at %s", series->at(t), doc.instant(row.lane, t).c_str());
    else
      ImGui::Text("%g of %d workers busy at %s", series->at(t), lane.workers, doc.instant(row.lane, t).c_str());
    const auto& backlog = doc.index().backlog(row.lane);
    if (!backlog.empty()) ImGui::Text("%g waiting for a worker (delivered to it, not yet started)", backlog.at(t));
  }
  for (const auto& d : doc.index().down(row.lane))
    if (t >= d.t0 && t < d.t1)
      ImGui::TextColored(ImVec4(0.9f, 0.3f, 0.3f, 1), "%s since %s", d.reason.c_str(),
                         doc.instant(row.lane, d.t0).c_str());
  ImGui::EndTooltip();
  return true;
}

void draw_lane_tree(Document& doc) {
  const auto& index = doc.index();
  const auto& trace = doc.trace();
  if (ImGui::SmallButton("Collapse all")) doc.set_collapsed_all(true);
  ImGui::SameLine();
  if (ImGui::SmallButton("Expand all")) doc.set_collapsed_all(false);
  ImGui::SameLine();
  if (ImGui::SmallButton("Show all")) doc.show_all();
  ImGui::SameLine();
  if (ImGui::SmallButton("Hide idle")) doc.hide_idle_lanes();
  for (size_t h = 0; h < index.hosts().size(); ++h) {
    ImGui::PushID(static_cast<int>(h));
    bool shown = doc.visibility().host_hidden[h] == 0;
    if (ImGui::Checkbox("##host", &shown)) doc.set_host_hidden(h, !shown);
    ImGui::SameLine();
    const bool open = ImGui::TreeNode("host", "host %s", index.hosts()[h].c_str());
    if (open) {
      for (int lane : index.host_lanes(h)) {
        const auto& l = trace.lanes[static_cast<size_t>(lane)];
        if (l.kind == LaneKind::Host) continue;
        bool lane_shown = doc.visibility().lane_hidden[static_cast<size_t>(lane)] == 0;
        ImGui::PushID(lane);
        if (ImGui::Checkbox(l.name.c_str(), &lane_shown)) doc.set_lane_hidden(lane, !lane_shown);
        ImGui::SameLine();
        ImGui::TextDisabled("%s", l.kind_name.c_str());
        ImGui::PopID();
      }
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
}

}  // namespace buslab::viz
