#include "visualizer/marks.hpp"

#include <algorithm>
#include <cmath>

#include "tracefile/kind_colors.hpp"
#include "tracefile/time_format.hpp"
#include "visualizer/palette.hpp"
#include "visualizer/ui_scale.hpp"
#include "visualizer/ui_text.hpp"

#include <fmt/format.h>
#include <string>

namespace buslab::viz {

namespace {

// Event indices (sorted by time) whose time is within the view and not after the cursor.
template <typename F>
void for_each_visible(const Document& doc, const std::vector<uint32_t>& events, const PlotGeometry& g, F&& f) {
  const auto& t = doc.trace().events.t;
  const double t0 = g.view->t0(), t1 = std::min(g.view->t1(), g.t_limit);
  auto it = std::lower_bound(events.begin(), events.end(), t0, [&](uint32_t e, double v) { return t[e] < v; });
  for (; it != events.end() && t[*it] <= t1; ++it) f(*it);
}

// nova heartbeats written to their rows: a diamond on the lane of the service reported for, and, where a lane's
// reports (10 s apart) are far enough apart to read, the updated_at the row got, on the writer's clock: beside a
// skewed host's lane in its own clock's time, a stamp from the conductor's clock shows the skew.
void draw_reports(const Document& doc, const PlotGeometry& g) {
  const auto& trace = doc.trace();
  const auto& layout = doc.layout();
  const ImU32 color = palette::rgba(tracefile::kRecoverColor);
  const bool labels = g.x_of(10.0) - g.x_of(0.0) > px(110);
  for_each_visible(doc, doc.index().reports(), g, [&](uint32_t e) {
    const int r = layout.row_of_lane(trace.events.lane[e]);
    if (r < 0) return;
    const float x = g.x_of(trace.events.t[e]), y = g.row_center(layout.rows()[static_cast<size_t>(r)]);
    const float d = px(4);
    g.draw->AddQuadFilled(ImVec2(x, y - d), ImVec2(x + d, y), ImVec2(x, y + d), ImVec2(x - d, y), color);
    if (!labels) return;
    const std::string label = fmt::format("updated_at {:g} s", trace.events.value[e]);
    draw_text(g.draw, ImVec2(x + d + px(3), y - ImGui::GetTextLineHeight() / 2), color, label, true);
  });
}

}  // namespace

void draw_marks(const Document& doc, const PlotGeometry& g) {
  const auto& trace = doc.trace();
  const auto& layout = doc.layout();
  const float section_bottom = g.section_y + layout.height();
  for_each_visible(doc, doc.index().faults(), g, [&](uint32_t e) {
    const int r = layout.row_of_lane(trace.events.lane[e]);
    if (r < 0) return;
    const LaneRow& row = layout.rows()[static_cast<size_t>(r)];
    const float x = g.x_of(trace.events.t[e]);
    const ImU32 color =
        palette::rgba(tracefile::is_breaking(trace.event_type(e)) ? tracefile::kFaultColor : tracefile::kRecoverColor);
    g.draw->AddLine(ImVec2(x, g.section_y), ImVec2(x, section_bottom), (color & 0x00FFFFFF) | (70u << 24), 1);
    const float top = g.row_top(row);
    g.draw->AddRectFilled(ImVec2(x - 1.5f, top), ImVec2(x + 1.5f, top + row.height), color);
    g.draw->AddTriangleFilled(ImVec2(x - 6, top), ImVec2(x + 6, top), ImVec2(x, top + 7), color);
    const char* name = trace.event_types.name(trace.events.type[e]).c_str();
    const ImVec2 size = ImGui::CalcTextSize(name);
    g.draw->AddRectFilled(ImVec2(x + 7, top + 1), ImVec2(x + 11 + size.x, top + 1 + size.y), IM_COL32(20, 22, 28, 220),
                          3);
    draw_text(g.draw, ImVec2(x + 9, top + 1), color, name, true);
  });
  const ImU32 red = palette::rgba(tracefile::kFaultColor);
  // What a crash took: a ring and a count on the lane of the process or broker that died with them.
  for_each_visible(doc, doc.index().losses(), g, [&](uint32_t e) {
    const int r = layout.row_of_lane(trace.events.lane[e]);
    if (r < 0) return;
    const LaneRow& row = layout.rows()[static_cast<size_t>(r)];
    const float x = g.x_of(trace.events.t[e]), y = g.row_center(row);
    g.draw->AddCircle(ImVec2(x, y), px(6), red, 12, px(2));
    const std::string label = fmt::format("{:g} lost", trace.events.value[e]);
    const ImVec2 size = ImGui::CalcTextSize(label.c_str());
    const ImVec2 at(x - px(10) - size.x, y - size.y / 2);  // left of the ring: a fault's name is on its right
    g.draw->AddRectFilled(ImVec2(at.x - px(2), at.y), ImVec2(at.x + size.x + px(2), at.y + size.y),
                          IM_COL32(20, 22, 28, 220), px(3));
    draw_text(g.draw, at, red, label, true);
  });
  for_each_visible(doc, doc.index().timeouts(), g, [&](uint32_t e) {
    const int r = layout.row_of_lane(trace.events.lane[e]);
    if (r < 0) return;
    const float x = g.x_of(trace.events.t[e]), y = g.row_center(layout.rows()[static_cast<size_t>(r)]);
    g.draw->AddLine(ImVec2(x - 4, y - 4), ImVec2(x + 4, y + 4), red, 2);
    g.draw->AddLine(ImVec2(x - 4, y + 4), ImVec2(x + 4, y - 4), red, 2);
  });
  draw_reports(doc, g);
}

bool mark_tooltip(const Document& doc, const PlotGeometry& g) {
  if (!g.mouse_in_plot) return false;
  const auto& trace = doc.trace();
  const auto& layout = doc.layout();
  long best = -1;
  float best_d = 6;
  const auto consider = [&](uint32_t e) {
    const int r = layout.row_of_lane(trace.events.lane[e]);
    if (r < 0) return;
    const LaneRow& row = layout.rows()[static_cast<size_t>(r)];
    const float x = g.x_of(trace.events.t[e]), top = g.row_top(row);
    if (g.mouse.y < top || g.mouse.y > top + row.height) return;
    const float d = std::fabs(g.mouse.x - x);
    if (d < best_d) best_d = d, best = e;
  };
  for_each_visible(doc, doc.index().faults(), g, consider);
  for_each_visible(doc, doc.index().timeouts(), g, consider);
  for_each_visible(doc, doc.index().losses(), g, consider);
  for_each_visible(doc, doc.index().reports(), g, consider);
  if (best < 0) return false;
  const auto e = static_cast<size_t>(best);
  ImGui::BeginTooltip();
  ImGui::Text("%s: %s", trace.event_types.name(trace.events.type[e]).c_str(),
              trace.lanes[static_cast<size_t>(trace.events.lane[e])].name.c_str());
  ImGui::Text("at %s", doc.instant(trace.events.lane[e], trace.events.t[e]).c_str());
  if (trace.events.call[e]) ImGui::Text("call #%llu", static_cast<unsigned long long>(trace.events.call[e]));
  if (trace.event_type(e) == tracefile::EventType::Lost)
    ImGui::Text("%g messages lost with it (see the side panel's messages)", trace.events.value[e]);
  if (trace.event_type(e) == tracefile::EventType::Report)
    ImGui::Text("heartbeat written: updated_at %g s on the writer's clock (%s)", trace.events.value[e],
                trace.events.call[e] ? "the conductor's, which saved it" : "its own host's");
  ImGui::EndTooltip();
  return true;
}

}  // namespace buslab::viz
