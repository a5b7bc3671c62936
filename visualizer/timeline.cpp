#include "visualizer/timeline.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "tracefile/kind_colors.hpp"
#include "tracefile/time_format.hpp"
#include "visualizer/call_inspector.hpp"
#include "visualizer/lanes.hpp"
#include "visualizer/marks.hpp"
#include "visualizer/palette.hpp"
#include "visualizer/ruler.hpp"

namespace buslab::viz {

namespace {

constexpr float kWheelZoom = 0.8f;  // view span per wheel notch

float label_width() {
  return std::max(230.0f, ImGui::CalcTextSize("rabbit/q/reply_api-16  ").x + 40);
}

void draw_section_header(ImDrawList* draw, const Document& doc, ImVec2 min, ImVec2 max, bool compare) {
  draw->AddRectFilled(min, max, palette::kSectionHeader);
  const auto& s = doc.stats();
  std::string text = compare ? fmt::format("{}   {}", doc.tag(), doc.trace().title()) : doc.trace().title();
  text += fmt::format("   {} calls, {} ok, {} timed out, {} failed   p50 {}   p99 {}", s.calls, s.ok, s.timeouts,
                      s.errors, tracefile::format_duration(s.p50), tracefile::format_duration(s.p99));
  const float y = min.y + (max.y - min.y - ImGui::GetTextLineHeight()) / 2;
  draw->AddText(ImVec2(min.x + 8, y), palette::kText, text.c_str());
}

}  // namespace

void Timeline::draw(std::vector<std::unique_ptr<Document>>& docs, TimelineView& view, Playback& playback,
                    const ArrowOptions& arrow_options, std::vector<LogState>& logs) {
  const ImGuiIO& io = ImGui::GetIO();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float labels = label_width();
  const float scrollbar = ImGui::GetStyle().ScrollbarSize;
  const float x0 = origin.x + labels, x1 = origin.x + avail.x - scrollbar;
  const float width = x1 - x0;
  if (width < 20 || avail.y < 40) return;

  // --- ruler: click puts the playback cursor, drag zooms to a range ---
  const float ruler_h = ImGui::GetTextLineHeight() + 14;
  ImGui::InvisibleButton("ruler", ImVec2(avail.x, ruler_h));
  const double mouse_t = view.t_of(io.MousePos.x, x0, width);
  if (ImGui::IsItemActivated() && io.MousePos.x >= x0) {
    ruler_pressed_ = true;
    press_pos_ = io.MousePos;
    range_t0_ = range_t1_ = mouse_t;
  }
  if (ruler_pressed_ && ImGui::IsItemActive()) {
    range_t1_ = mouse_t;
    range_drag_ = std::fabs(io.MousePos.x - press_pos_.x) > 3;
  }
  if (ruler_pressed_ && ImGui::IsItemDeactivated()) {
    if (range_drag_)
      view.set_range(std::min(range_t0_, range_t1_), std::max(range_t0_, range_t1_));
    else
      playback.seek(range_t0_);
    ruler_pressed_ = range_drag_ = false;
  }
  if (ImGui::IsItemHovered() && !ruler_pressed_)
    ImGui::SetTooltip("%s\nclick: put the playback cursor here; drag: zoom to a range",
                      tracefile::format_instant(mouse_t).c_str());
  RulerMarks marks;
  marks.cursor_active = playback.active();
  marks.cursor = playback.cursor();
  marks.selecting = range_drag_;
  marks.select_t0 = range_t0_;
  marks.select_t1 = range_t1_;
  for (const auto& d : docs)
    for (uint32_t e : d->index().faults())
      marks.faults.emplace_back(d->trace().events.t[e], palette::rgba(tracefile::is_breaking(d->trace().event_type(e))
                                                                          ? tracefile::kFaultColor
                                                                          : tracefile::kRecoverColor));
  ImDrawList* outer = ImGui::GetWindowDrawList();
  outer->AddRectFilled(origin, ImVec2(x0, origin.y + ruler_h), IM_COL32(36, 41, 50, 255));
  outer->AddText(ImVec2(origin.x + 8, origin.y + 7), palette::kTextDim,
                 fmt::format("view {}", tracefile::format_duration(view.span())).c_str());
  draw_ruler(outer, view, ImVec2(x0, origin.y), ImVec2(x1, origin.y + ruler_h), marks);

  // --- lanes ---
  const bool compare = docs.size() > 1;
  float content_h = 0;
  for (const auto& d : docs) content_h += kSectionHeader + d->layout().height() + kSectionGap;
  ImGui::BeginChild("lanes", ImVec2(avail.x, avail.y - ruler_h - ImGui::GetStyle().ItemSpacing.y), false,
                    ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoMove);
  const float scroll = ImGui::GetScrollY();
  const ImVec2 win = ImGui::GetWindowPos();
  const float visible_h = ImGui::GetWindowHeight();
  ImGui::SetCursorPos(ImVec2(0, 0));
  ImGui::Dummy(ImVec2(1, content_h));
  ImGui::SetCursorPos(ImVec2(0, scroll));
  ImGui::InvisibleButton("plot", ImVec2(avail.x - scrollbar, visible_h),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  const bool hovered = ImGui::IsItemHovered();
  const bool active = ImGui::IsItemActive();
  const bool in_plot = hovered && io.MousePos.x >= x0 && io.MousePos.x < x1;
  const bool in_labels = hovered && io.MousePos.x < x0;

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float clip_top = win.y, clip_bottom = win.y + visible_h;
  plot_min_ = ImVec2(x0, clip_top);
  plot_max_ = ImVec2(x1, clip_bottom);
  mouse_over_plot_ = in_plot;
  mouse_time_ = mouse_t;
  draw->AddRectFilled(ImVec2(x0, clip_top), ImVec2(x1, clip_bottom), palette::kPlotBackground);

  hover_doc_ = -1;
  hover_hop_ = -1;
  float best_distance = 1e9f;
  drawn_ = aggregated_ = 0;
  int label_doc = -1, label_row = -1;
  float y = win.y - scroll;
  std::vector<PlotGeometry> geometry(docs.size());
  section_y_.assign(docs.size(), 0);
  for (size_t k = 0; k < docs.size(); ++k) {
    Document& doc = *docs[k];
    PlotGeometry& g = geometry[k];
    g.draw = draw;
    g.view = &view;
    g.label_x0 = win.x;
    g.x0 = x0;
    g.x1 = x1;
    g.clip_top = clip_top;
    g.clip_bottom = clip_bottom;
    g.section_y = y + kSectionHeader;
    section_y_[k] = g.section_y;
    g.t_limit = playback.active() ? playback.cursor() : INFINITY;
    g.mouse = io.MousePos;
    g.mouse_in_plot = in_plot;
    if (y + kSectionHeader > clip_top && y < clip_bottom)
      draw_section_header(draw, doc, ImVec2(win.x, y), ImVec2(x1, y + kSectionHeader), compare);

    draw->PushClipRect(ImVec2(x0, std::max(clip_top, g.section_y)), ImVec2(x1, clip_bottom), true);
    draw_lane_rows(doc, g);
    draw_grid(draw, view, x0, x1, std::max(clip_top, g.section_y),
              std::min(clip_bottom, g.section_y + doc.layout().height()));
    draw_call_path(doc, g);
    const ArrowStats stats = draw_arrows(doc, g, arrow_options);
    draw_marks(doc, g);
    draw->PopClipRect();
    drawn_ += stats.drawn;
    aggregated_ += stats.aggregated;
    if (stats.hovered_hop >= 0 && stats.hovered_distance < best_distance) {
      best_distance = stats.hovered_distance;
      hover_doc_ = static_cast<int>(k);
      hover_hop_ = stats.hovered_hop;
    }
    int row_under_mouse = -1;
    if (hovered && io.MousePos.y >= g.section_y) row_under_mouse = doc.layout().row_at(io.MousePos.y - g.section_y);
    if (in_labels && row_under_mouse >= 0) label_doc = static_cast<int>(k), label_row = row_under_mouse;
    draw->PushClipRect(ImVec2(win.x, std::max(clip_top, g.section_y)), ImVec2(x0, clip_bottom), true);
    draw_lane_labels(doc, g, label_doc == static_cast<int>(k) ? label_row : -1);
    draw->PopClipRect();
    y += kSectionHeader + doc.layout().height() + kSectionGap;
  }

  // The future, while playing back, is greyed out behind the cursor line.
  if (playback.active()) {
    const float cx = static_cast<float>(view.x_of(playback.cursor(), x0, width));
    if (cx < x1)
      draw->AddRectFilled(ImVec2(std::max(cx, x0), clip_top), ImVec2(x1, clip_bottom), IM_COL32(0, 0, 0, 70));
    if (cx >= x0 && cx <= x1) draw->AddLine(ImVec2(cx, clip_top), ImVec2(cx, clip_bottom), palette::kCursor, 2);
  }
  if (range_drag_) {
    const float a = static_cast<float>(view.x_of(range_t0_, x0, width)),
                b = static_cast<float>(view.x_of(range_t1_, x0, width));
    draw->AddRectFilled(ImVec2(std::min(a, b), clip_top), ImVec2(std::max(a, b), clip_bottom), palette::kSelection);
  }
  if (docs.size() && docs[0]->trace().hops.size() == 0 && docs.size() == 1)
    draw->AddText(ImVec2(x0 + 20, clip_top + 40), palette::kTextDim, "this trace holds no hops");

  // Tooltips: an arrow, else a fault mark, else a graph row; lane details over the labels.
  if (in_plot && !active) {
    bool shown = false;
    if (hover_hop_ >= 0) {
      hop_tooltip(*docs[static_cast<size_t>(hover_doc_)], static_cast<size_t>(hover_hop_));
      docs[static_cast<size_t>(hover_doc_)]->hover_next = hover_hop_;
      shown = true;
    }
    for (size_t k = 0; k < docs.size() && !shown; ++k) shown = mark_tooltip(*docs[k], geometry[k]);
    for (size_t k = 0; k < docs.size() && !shown; ++k) {
      const PlotGeometry& g = geometry[k];
      if (io.MousePos.y < g.section_y) continue;
      shown = lane_row_tooltip(*docs[k], g, docs[k]->layout().row_at(io.MousePos.y - g.section_y));
    }
  }
  if (label_doc >= 0 && !active) {
    const Document& doc = *docs[static_cast<size_t>(label_doc)];
    const LaneRow& row = doc.layout().rows()[static_cast<size_t>(label_row)];
    if (row.header) {
      ImGui::SetTooltip("host %s: click to %s, right-click for more", doc.index().hosts()[row.host].c_str(),
                        row.collapsed ? "expand" : "collapse");
    } else {
      const auto& lane = doc.trace().lanes[static_cast<size_t>(row.lane)];
      std::string text = fmt::format("{}\n{} on host {}", lane.name, lane.kind_name, lane.host);
      if (!lane.service.empty()) text += fmt::format("\nservice {}, {} workers", lane.service, lane.workers);
      if (!lane.broker.empty()) text += fmt::format("\nbroker {}", lane.broker);
      text += "\nright-click to hide";
      ImGui::SetTooltip("%s", text.c_str());
    }
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && row.header && ImGui::GetMouseDragDelta(0).x == 0)
      docs[static_cast<size_t>(label_doc)]->toggle_collapsed(row.host);
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Right)) {
      menu_doc_ = label_doc;
      menu_row_ = label_row;
      ImGui::OpenPopup("lane menu");
    }
  }
  if (ImGui::BeginPopup("lane menu")) {
    if (menu_doc_ >= 0 && menu_doc_ < static_cast<int>(docs.size())) {
      Document& doc = *docs[static_cast<size_t>(menu_doc_)];
      if (menu_row_ >= 0 && menu_row_ < static_cast<int>(doc.layout().rows().size())) {
        const LaneRow row = doc.layout().rows()[static_cast<size_t>(menu_row_)];
        if (!row.header && ImGui::MenuItem("Hide this lane")) doc.hide_lane(row.lane);
        if (ImGui::MenuItem(row.collapsed ? "Expand this host" : "Collapse this host")) doc.toggle_collapsed(row.host);
        if (ImGui::MenuItem("Hide this host")) doc.hide_host(row.host);
      }
      ImGui::Separator();
      if (ImGui::MenuItem("Collapse all hosts")) doc.set_collapsed_all(true);
      if (ImGui::MenuItem("Expand all hosts")) doc.set_collapsed_all(false);
      if (ImGui::MenuItem("Hide idle lanes")) doc.hide_idle_lanes();
      if (ImGui::MenuItem("Show hidden lanes")) doc.show_all();
    }
    ImGui::EndPopup();
  }

  handle_plot_input(docs, view, logs, in_plot, active);
  ImGui::EndChild();
}

void Timeline::handle_plot_input(std::vector<std::unique_ptr<Document>>& docs, TimelineView& view,
                                 std::vector<LogState>& logs, bool in_plot, bool active) {
  const ImGuiIO& io = ImGui::GetIO();
  const float width = plot_max_.x - plot_min_.x;
  const double t = view.t_of(io.MousePos.x, plot_min_.x, width);
  if (in_plot && io.MouseWheel != 0) {
    if (io.KeyShift)
      ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseWheel * ImGui::GetTextLineHeight() * 4);
    else
      view.zoom_at(t, std::pow(kWheelZoom, io.MouseWheel));
  }
  if (ImGui::IsItemActivated()) press_pos_ = io.MousePos;
  // Left drag pans (time and rows); right drag selects a range to zoom to.
  if (active && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
    view.pan(-static_cast<double>(io.MouseDelta.x) / width * view.span());
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
  }
  if (active && ImGui::IsMouseDragging(ImGuiMouseButton_Right)) {
    if (!range_drag_) range_t0_ = view.t_of(press_pos_.x, plot_min_.x, width);
    range_drag_ = true;
    range_t1_ = t;
  }
  if (range_drag_ && !ruler_pressed_ && ImGui::IsMouseReleased(ImGuiMouseButton_Right)) {
    if (std::fabs(view.x_of(range_t1_, plot_min_.x, width) - view.x_of(range_t0_, plot_min_.x, width)) > 3)
      view.set_range(std::min(range_t0_, range_t1_), std::max(range_t0_, range_t1_));
    range_drag_ = false;
  }
  // A click (no drag) on an arrow follows its call; elsewhere it clears the selection.
  if (ImGui::IsItemDeactivated() && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
      std::fabs(io.MousePos.x - press_pos_.x) < 3 && std::fabs(io.MousePos.y - press_pos_.y) < 3 &&
      press_pos_.x >= plot_min_.x) {
    if (hover_hop_ >= 0) {
      Document& doc = *docs[static_cast<size_t>(hover_doc_)];
      const uint64_t call = doc.trace().hops.call[static_cast<size_t>(hover_hop_)];
      doc.select_call(call);
      logs[static_cast<size_t>(hover_doc_)].scroll_to_hop = hover_hop_;
    } else {
      for (auto& d : docs) d->select_call(0);
    }
  }
}

}  // namespace buslab::viz
