#include "visualizer/timeline.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "tracefile/kind_colors.hpp"
#include "tracefile/time_format.hpp"
#include "visualizer/call_inspector.hpp"
#include "visualizer/lanes.hpp"
#include "visualizer/logical_view.hpp"
#include "visualizer/marks.hpp"
#include "visualizer/palette.hpp"
#include "visualizer/ruler.hpp"
#include "visualizer/section_header.hpp"
#include "visualizer/ui_scale.hpp"
#include "visualizer/ui_text.hpp"

namespace buslab::viz {

namespace {

constexpr float kWheelZoom = 0.8f;  // view span per wheel notch

// Wide enough for every label of the shown traces, and no wider than a third of the timeline.
float label_width(const std::vector<Section>& sections, float avail) {
  float widest = px(160);
  for (const Section& s : sections) widest = std::max(widest, lane_label_width(*s.doc));
  return std::min(widest, std::max(px(160), avail / 3));
}

float section_gap() {
  return px(10);
}

}  // namespace

void Timeline::draw(const std::vector<Section>& sections, TimelineView& view, Playback& playback,
                    const ArrowOptions& arrows) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  x0_ = origin.x + label_width(sections, avail.x);
  x1_ = origin.x + avail.x - ImGui::GetStyle().ScrollbarSize;
  if (x1_ - x0_ < 20 || avail.y < 40) return;
  logical_ = !sections.empty() && sections[0].doc->logical() != nullptr;
  if (overview_shown_ && !logical_) {  // the overview is over time; the logical view's axis is not
    std::vector<Document*> docs;
    for (const Section& s : sections) docs.push_back(s.doc);
    overview_.draw(docs, view, playback, x0_, x1_);
  }
  draw_ruler_strip(sections, view, playback, ImGui::GetCursorScreenPos(), avail.x);

  float content_h = 0;
  for (const Section& s : sections) content_h += section_header_height() + s.doc->layout().height() + section_gap();
  const float lanes_h = ImGui::GetContentRegionAvail().y;
  ImGui::BeginChild("lanes", ImVec2(avail.x, lanes_h), false,
                    ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoMove);
  const float scroll = ImGui::GetScrollY();
  const float visible_h = ImGui::GetWindowHeight();
  ImGui::SetCursorPos(ImVec2(0, 0));
  ImGui::Dummy(ImVec2(1, content_h));
  ImGui::SetCursorPos(ImVec2(0, scroll));
  ImGui::InvisibleButton("plot", ImVec2(avail.x - ImGui::GetStyle().ScrollbarSize, visible_h),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  const ImGuiIO& io = ImGui::GetIO();
  hovered_ = ImGui::IsItemHovered();
  active_ = ImGui::IsItemActive();
  in_plot_ = hovered_ && io.MousePos.x >= x0_ && io.MousePos.x < x1_;
  in_labels_ = hovered_ && io.MousePos.x < x0_;
  clip_top_ = ImGui::GetWindowPos().y;
  clip_bottom_ = clip_top_ + visible_h;
  plot_min_ = ImVec2(x0_, clip_top_);
  plot_max_ = ImVec2(x1_, clip_bottom_);
  mouse_over_plot_ = in_plot_;

  draw_sections(sections, view, playback, arrows);
  draw_overlays(view, playback);
  if (!sections.empty() && sections.size() == 1 && sections[0].doc->trace().hops.size() == 0)
    draw_text(ImGui::GetWindowDrawList(), ImVec2(x0_ + px(20), clip_top_ + px(40)), palette::kTextDim,
              "this trace holds no hops", true);
  show_tooltips(sections);
  lane_menu(sections);
  handle_plot_input(sections, view);
  ImGui::EndChild();
}

// The ruler: click puts the playback cursor there, a drag zooms to the range; fault times are ticked on it.
void Timeline::draw_ruler_strip(const std::vector<Section>& sections, TimelineView& view, Playback& playback,
                                ImVec2 origin, float full_width) {
  const ImGuiIO& io = ImGui::GetIO();
  const float ruler_h = ImGui::GetTextLineHeight() + px(14);
  const float width = x1_ - x0_;
  ImGui::InvisibleButton("ruler", ImVec2(full_width, ruler_h));
  mouse_time_ = view.t_of(io.MousePos.x, x0_, width);
  if (ImGui::IsItemActivated() && io.MousePos.x >= x0_ && !logical_) {
    ruler_pressed_ = true;
    press_pos_ = io.MousePos;
    range_t0_ = range_t1_ = mouse_time_;
  }
  if (ruler_pressed_ && ImGui::IsItemActive()) {
    range_t1_ = mouse_time_;
    range_drag_ = std::fabs(io.MousePos.x - press_pos_.x) > 3;
  }
  if (ruler_pressed_ && ImGui::IsItemDeactivated()) {
    if (range_drag_)
      view.set_range(std::min(range_t0_, range_t1_), std::max(range_t0_, range_t1_));
    else
      playback.seek(range_t0_);
    ruler_pressed_ = range_drag_ = false;
  }
  RulerMarks marks;
  ruler_clock(sections, marks);
  if (ImGui::IsItemHovered() && !ruler_pressed_ && !logical_) {
    std::string at = tracefile::format_instant(mouse_time_, view.span() / width);
    if (marks.clock)
      at = fmt::format("{} by {}'s clock\n{} true time",
                       tracefile::format_instant(marks.clock->reading(mouse_time_), view.span() / width),
                       marks.clock_host, at);
    ImGui::SetTooltip("%s\nclick: put the playback cursor here; drag: zoom to a range", at.c_str());
  }
  if (ImGui::IsItemHovered() && logical_)
    ImGui::SetTooltip("step %.0f of the happened-before order (L: back to real time)", std::round(mouse_time_));
  marks.steps = logical_;
  marks.cursor_active = playback.active() && !logical_;
  marks.cursor = playback.cursor();
  marks.selecting = range_drag_;
  marks.select_t0 = range_t0_;
  marks.select_t1 = range_t1_;
  for (const Section& s : logical_ ? std::vector<Section>{} : sections) {
    const auto& trace = s.doc->trace();
    for (uint32_t e : s.doc->index().faults())
      marks.faults.emplace_back(trace.events.t[e],
                                palette::rgba(tracefile::is_breaking(trace.event_type(e)) ? tracefile::kFaultColor
                                                                                          : tracefile::kRecoverColor));
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(x0_, origin.y + ruler_h), IM_COL32(36, 41, 50, 255));
  ruler_caption_ = logical_      ? fmt::format("logical: {:.0f} steps", view.span())
                   : marks.clock ? fmt::format("{}'s clock", marks.clock_host)
                                 : fmt::format("view {}", tracefile::format_duration(view.span()));
  draw_text(draw, ImVec2(origin.x + px(8), origin.y + px(7)), marks.clock ? palette::kText : palette::kTextDim,
            ruler_caption_);
  ruler_labels_ = draw_ruler(draw, view, ImVec2(x0_, origin.y), ImVec2(x1_, origin.y + ruler_h), marks);
}

void Timeline::note_clock_lane(size_t section, int lane) {
  if (lane < 0) return;
  clock_section_ = static_cast<int>(section);
  clock_lane_ = lane;
}

// In host-clock time, the ruler reads the clock of the host under the mouse when it is skewed, else the first
// skewed host's; in true time, or without skewed clocks, true time.
void Timeline::ruler_clock(const std::vector<Section>& sections, RulerMarks& marks) const {
  if (logical_ || sections.empty()) return;
  const Document* doc = sections.front().doc;
  int lane = doc->host_time().first_skewed_lane();
  if (clock_section_ >= 0 && static_cast<size_t>(clock_section_) < sections.size() &&
      sections[static_cast<size_t>(clock_section_)].doc->host_time().skewed(clock_lane_)) {
    doc = sections[static_cast<size_t>(clock_section_)].doc;
    lane = clock_lane_;
  }
  if (lane < 0 || doc->time_base() != tracefile::TimeBase::HostClock) return;
  marks.clock = &doc->host_time().clock(lane);
  marks.clock_host = doc->trace().lanes[static_cast<size_t>(lane)].host;
}

// Each section: its header, rows, grid, the selected call's path, arrows, fault marks and labels.
void Timeline::draw_sections(const std::vector<Section>& sections, const TimelineView& view, const Playback& playback,
                             const ArrowOptions& arrows) {
  const ImGuiIO& io = ImGui::GetIO();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float win_x = ImGui::GetWindowPos().x;
  draw->AddRectFilled(ImVec2(x0_, clip_top_), ImVec2(x1_, clip_bottom_), palette::kPlotBackground);
  hover_section_ = -1;
  hover_hop_ = -1;
  hover_bundle_ = false;
  bundles_ = 0;
  label_section_ = label_row_ = clock_section_ = clock_lane_ = -1;
  float best_distance = 1e9f;
  drawn_ = aggregated_ = 0;
  float y = clip_top_ - ImGui::GetScrollY();
  geometry_.assign(sections.size(), PlotGeometry{});
  section_y_.assign(sections.size(), 0);
  const float header_h = section_header_height();
  for (size_t k = 0; k < sections.size(); ++k) {
    Document& doc = *sections[k].doc;
    PlotGeometry& g = geometry_[k];
    g.draw = draw;
    g.view = &view;
    g.label_x0 = win_x;
    g.x0 = x0_;
    g.x1 = x1_;
    g.clip_top = clip_top_;
    g.clip_bottom = clip_bottom_;
    g.section_y = y + header_h;
    section_y_[k] = g.section_y;
    g.t_limit = playback.active() && !logical_ ? playback.cursor() : INFINITY;
    g.logical = logical_;
    g.mouse = io.MousePos;
    g.mouse_in_plot = in_plot_;
    if (y + header_h > clip_top_ && y < clip_bottom_)
      draw_section_header(draw, doc, ImVec2(win_x, y), ImVec2(x1_, y + header_h), sections.size() > 1);

    draw->PushClipRect(ImVec2(x0_, std::max(clip_top_, g.section_y)), ImVec2(x1_, clip_bottom_), true);
    draw_lane_rows(doc, g);
    draw_grid(draw, view, x0_, x1_, std::max(clip_top_, g.section_y),
              std::min(clip_bottom_, g.section_y + doc.layout().height()), logical_);
    ArrowStats stats;
    if (logical_) {
      stats = draw_logical(doc, g);
    } else {
      const tracefile::ArrowPlan plan = plan_frame(doc, g);
      const ArrowStats bundles = draw_bundle_layer(doc, g, plan);
      draw_lane_levels(doc, g);
      draw_call_path(doc, g);
      stats = draw_arrows(doc, g, arrows, plan);
      stats.bundles = bundles.bundles;
      stats.aggregated = bundles.aggregated;
      if (bundles.bundle_hovered && bundles.hovered_distance < stats.hovered_distance) {
        stats.bundle_hovered = true;
        stats.bundle = bundles.bundle;
        stats.hovered_distance = bundles.hovered_distance;
        stats.hovered_hop = -1;
      }
      draw_marks(doc, g);
    }
    draw->PopClipRect();
    drawn_ += stats.drawn;
    aggregated_ += stats.aggregated;
    bundles_ += stats.bundles;
    if ((stats.hovered_hop >= 0 || stats.bundle_hovered) && stats.hovered_distance < best_distance) {
      best_distance = stats.hovered_distance;
      hover_section_ = static_cast<int>(k);
      hover_hop_ = stats.hovered_hop;
      hover_bundle_ = stats.bundle_hovered;
      bundle_ = stats.bundle;
    }
    int row_under_mouse = -1;
    if (hovered_ && io.MousePos.y >= g.section_y) row_under_mouse = doc.layout().row_at(io.MousePos.y - g.section_y);
    if (row_under_mouse >= 0) note_clock_lane(k, doc.layout().rows()[static_cast<size_t>(row_under_mouse)].lane);
    if (in_labels_ && row_under_mouse >= 0) label_section_ = static_cast<int>(k), label_row_ = row_under_mouse;
    draw->PushClipRect(ImVec2(win_x, std::max(clip_top_, g.section_y)), ImVec2(x0_, clip_bottom_), true);
    draw_lane_labels(doc, g, label_section_ == static_cast<int>(k) ? label_row_ : -1);
    draw->PopClipRect();
    y += header_h + doc.layout().height() + section_gap();
  }
}

// The future, while playing back, is greyed out behind the cursor line; a range being dragged out is shaded.
void Timeline::draw_overlays(const TimelineView& view, const Playback& playback) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float width = x1_ - x0_;
  if (playback.active()) {
    const float cx = static_cast<float>(view.x_of(playback.cursor(), x0_, width));
    if (cx < x1_)
      draw->AddRectFilled(ImVec2(std::max(cx, x0_), clip_top_), ImVec2(x1_, clip_bottom_), IM_COL32(0, 0, 0, 70));
    if (cx >= x0_ && cx <= x1_) draw->AddLine(ImVec2(cx, clip_top_), ImVec2(cx, clip_bottom_), palette::kCursor, 2);
  }
  if (range_drag_) {
    const float a = static_cast<float>(view.x_of(range_t0_, x0_, width)),
                b = static_cast<float>(view.x_of(range_t1_, x0_, width));
    draw->AddRectFilled(ImVec2(std::min(a, b), clip_top_), ImVec2(std::max(a, b), clip_bottom_), palette::kSelection);
  }
}

// An arrow, else a fault mark, else a graph row; lane details over the labels.
void Timeline::show_tooltips(const std::vector<Section>& sections) {
  const ImGuiIO& io = ImGui::GetIO();
  if (in_plot_ && !active_) {
    bool shown = false;
    if (hover_hop_ >= 0) {
      Document& doc = *sections[static_cast<size_t>(hover_section_)].doc;
      hop_tooltip(doc, static_cast<size_t>(hover_hop_));
      doc.hover_next = hover_hop_;
      shown = true;
    } else if (hover_bundle_) {
      bundle_tooltip(*sections[static_cast<size_t>(hover_section_)].doc, bundle_);
      shown = true;
    }
    for (size_t k = 0; k < sections.size() && !shown; ++k) shown = mark_tooltip(*sections[k].doc, geometry_[k]);
    for (size_t k = 0; k < sections.size() && !shown; ++k) {
      const PlotGeometry& g = geometry_[k];
      if (io.MousePos.y < g.section_y) continue;
      shown = lane_row_tooltip(*sections[k].doc, g, sections[k].doc->layout().row_at(io.MousePos.y - g.section_y));
    }
  }
  if (label_section_ < 0 || active_) return;
  Document& doc = *sections[static_cast<size_t>(label_section_)].doc;
  const LaneRow& row = doc.layout().rows()[static_cast<size_t>(label_row_)];
  if (row.header) {
    ImGui::SetTooltip("host %s: click to %s, right-click for more", doc.index().hosts()[row.host].c_str(),
                      row.collapsed ? "expand" : "collapse");
  } else if (row.family >= 0) {
    ImGui::SetTooltip("%zu lanes named %s, folded into one row: click to show them one by one",
                      doc.layout().lanes_in_row(static_cast<size_t>(label_row_)).size(),
                      doc.families().names[static_cast<size_t>(row.family)].c_str());
  } else {
    const auto& lane = doc.trace().lanes[static_cast<size_t>(row.lane)];
    std::string text = fmt::format("{}\n{} on host {}", lane.name, lane.kind_name, lane.host);
    if (doc.host_time().skewed(row.lane))
      text +=
          fmt::format("\n{}'s clock: {}", lane.host, tracefile::describe_clock(doc.host_time().clock(row.lane).spec()));
    if (!lane.service.empty())
      text += tracefile::unbounded_workers(lane.workers)
                  ? fmt::format("\nservice {}, workers without bound", lane.service)
                  : fmt::format("\nservice {}, {} workers", lane.service, lane.workers);
    if (!lane.broker.empty()) text += fmt::format("\nbroker {}", lane.broker);
    text += "\nright-click to hide";
    ImGui::SetTooltip("%s", text.c_str());
  }
  if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && ImGui::GetMouseDragDelta(0).x == 0) {
    if (row.header) doc.toggle_collapsed(row.host);
    if (row.family >= 0) doc.toggle_family(static_cast<size_t>(row.family));
  }
  if (ImGui::IsMouseReleased(ImGuiMouseButton_Right)) {
    menu_section_ = label_section_;
    menu_row_ = label_row_;
    ImGui::OpenPopup("lane menu");
  }
}

void Timeline::lane_menu(const std::vector<Section>& sections) {
  if (!ImGui::BeginPopup("lane menu")) return;
  if (menu_section_ >= 0 && menu_section_ < static_cast<int>(sections.size())) {
    Document& doc = *sections[static_cast<size_t>(menu_section_)].doc;
    if (menu_row_ >= 0 && menu_row_ < static_cast<int>(doc.layout().rows().size())) {
      const LaneRow row = doc.layout().rows()[static_cast<size_t>(menu_row_)];
      if (!row.header && row.family < 0 && ImGui::MenuItem("Hide this lane")) doc.hide_lane(row.lane);
      if (row.family >= 0 && ImGui::MenuItem("Show these lanes one by one"))
        doc.toggle_family(static_cast<size_t>(row.family));
      const int family = row.lane >= 0 ? doc.families().of_lane[static_cast<size_t>(row.lane)] : -1;
      if (row.family < 0 && family >= 0 && ImGui::MenuItem("Fold this family into one row"))
        doc.toggle_family(static_cast<size_t>(family));
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

void Timeline::handle_plot_input(const std::vector<Section>& sections, TimelineView& view) {
  const ImGuiIO& io = ImGui::GetIO();
  const float width = x1_ - x0_;
  const double t = view.t_of(io.MousePos.x, x0_, width);
  if (in_plot_ && io.MouseWheel != 0) {
    if (io.KeyShift)
      ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseWheel * ImGui::GetTextLineHeight() * 4);
    else
      view.zoom_at(t, std::pow(kWheelZoom, io.MouseWheel));
  }
  if (ImGui::IsItemActivated()) press_pos_ = io.MousePos;
  // Left drag pans (time and rows); right drag selects a range to zoom to.
  if (active_ && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
    view.pan(-static_cast<double>(io.MouseDelta.x) / width * view.span());
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
  }
  if (active_ && ImGui::IsMouseDragging(ImGuiMouseButton_Right)) {
    if (!range_drag_) range_t0_ = view.t_of(press_pos_.x, x0_, width);
    range_drag_ = true;
    range_t1_ = t;
  }
  if (range_drag_ && !ruler_pressed_ && ImGui::IsMouseReleased(ImGuiMouseButton_Right)) {
    if (std::fabs(view.x_of(range_t1_, x0_, width) - view.x_of(range_t0_, x0_, width)) > 3)
      view.set_range(std::min(range_t0_, range_t1_), std::max(range_t0_, range_t1_));
    range_drag_ = false;
  }
  // A click (no drag) on an arrow follows its call; elsewhere it clears the selection.
  if (ImGui::IsItemDeactivated() && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
      std::fabs(io.MousePos.x - press_pos_.x) < 3 && std::fabs(io.MousePos.y - press_pos_.y) < 3 &&
      press_pos_.x >= x0_) {
    if (hover_hop_ >= 0) {
      const Section& s = sections[static_cast<size_t>(hover_section_)];
      s.doc->select_call(s.doc->trace().hops.call[static_cast<size_t>(hover_hop_)]);
      s.log->scroll_to_hop = hover_hop_;
    } else if (hover_bundle_) {
      // A bundle: zoom to a few buckets around it, where its hops start to come apart.
      const double span = (bundle_.t1 - bundle_.t0) * 4;
      view.set_range((bundle_.t0 + bundle_.t1 - span) / 2, (bundle_.t0 + bundle_.t1 + span) / 2);
    } else {
      for (const Section& s : sections) s.doc->select_call(0);
    }
  }
}

}  // namespace buslab::viz
