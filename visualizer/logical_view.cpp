#include "visualizer/logical_view.hpp"

#include <algorithm>
#include <cmath>

#include "tracefile/kind_colors.hpp"
#include "visualizer/palette.hpp"
#include "visualizer/ui_scale.hpp"
#include "visualizer/ui_text.hpp"

namespace buslab::viz {

namespace {

float distance_to(ImVec2 p, ImVec2 a, ImVec2 b) {
  const float dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
  const float t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0f, 1.0f) : 0;
  const float qx = a.x + t * dx - p.x, qy = a.y + t * dy - p.y;
  return std::sqrt(qx * qx + qy * qy);
}

}  // namespace

ArrowStats draw_logical(const Document& doc, const PlotGeometry& g) {
  ArrowStats stats;
  const tracefile::LogicalOrder* order = doc.logical();
  if (!order) return stats;
  const auto& trace = doc.trace();
  const auto& layout = doc.layout();
  const bool selection = doc.selected_call() != 0;
  const float dot = px(2.5f);
  // The selected call last, on top.
  for (int pass = 0; pass < 2; ++pass) {
    for (const tracefile::LogicalHop& lh : order->hops) {
      const bool mine = doc.in_selected_call(lh.hop);
      if ((pass == 1) != mine) continue;
      const int rf = layout.row_of_lane(trace.hops.from[lh.hop]), rt = layout.row_of_lane(trace.hops.to[lh.hop]);
      if (rf < 0 || rt < 0) continue;
      const float ys = g.row_center(layout.rows()[static_cast<size_t>(rf)]);
      const float yr = g.row_center(layout.rows()[static_cast<size_t>(rt)]);
      if (std::max(ys, yr) < g.clip_top || std::min(ys, yr) > g.clip_bottom) continue;
      const tracefile::HopKind kind = trace.hop_kind(lh.hop);
      const ImU32 color = palette::kind(kind, selection && !mine ? 50 : 235);
      const float thick = mine ? px(2.6f) : px(1.5f);
      const ImVec2 a(g.x_of(lh.send_step), ys);
      g.draw->AddCircleFilled(a, dot, color);
      ImVec2 b;
      if (lh.recv_step == 0) {  // never arrived: a stub and a cross
        b = ImVec2(a.x + px(14), ys + (yr - ys) * 0.35f);
        g.draw->AddLine(a, b, color, thick);
        const ImU32 red = palette::rgba(tracefile::kFaultColor);
        g.draw->AddLine(ImVec2(b.x - px(4), b.y - px(4)), ImVec2(b.x + px(4), b.y + px(4)), red, px(2));
        g.draw->AddLine(ImVec2(b.x - px(4), b.y + px(4)), ImVec2(b.x + px(4), b.y - px(4)), red, px(2));
      } else {
        b = ImVec2(g.x_of(lh.recv_step), yr);
        g.draw->AddLine(a, b, color, thick);
        g.draw->AddCircleFilled(b, dot, color);
        const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
        if (len > px(14)) {
          const float ux = dx / len, uy = dy / len, s = px(4) + thick, back = dot + px(1);
          const ImVec2 tip(b.x - ux * back, b.y - uy * back);
          g.draw->AddTriangleFilled(
              tip, ImVec2(tip.x - ux * s * 1.6f - uy * s * 0.8f, tip.y - uy * s * 1.6f + ux * s * 0.8f),
              ImVec2(tip.x - ux * s * 1.6f + uy * s * 0.8f, tip.y - uy * s * 1.6f - ux * s * 0.8f), color);
        }
      }
      ++stats.drawn;
      if (!g.mouse_in_plot) continue;
      const float d = distance_to(g.mouse, a, b);
      if (d < px(5) && d <= stats.hovered_distance) {
        stats.hovered_distance = d;
        stats.hovered_hop = static_cast<long>(lh.hop);
      }
    }
  }
  // Faults and timeouts at their step, on their lane.
  for (const tracefile::LogicalEvent& ev : order->events) {
    const int r = layout.row_of_lane(trace.events.lane[ev.event]);
    if (r < 0) continue;
    const LaneRow& row = layout.rows()[static_cast<size_t>(r)];
    const float x = g.x_of(ev.step), top = g.row_top(row);
    const bool timeout = trace.event_type(ev.event) == tracefile::EventType::Timeout;
    const ImU32 color =
        palette::rgba(timeout || tracefile::is_breaking(trace.event_type(ev.event)) ? tracefile::kFaultColor
                                                                                    : tracefile::kRecoverColor);
    g.draw->AddRectFilled(ImVec2(x - px(1.5f), top), ImVec2(x + px(1.5f), top + row.height), color);
    draw_text(g.draw, ImVec2(x + px(4), top + px(1)), color, trace.event_types.name(trace.events.type[ev.event]), true);
  }
  return stats;
}

}  // namespace buslab::viz
