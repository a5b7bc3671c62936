#include "visualizer/ruler.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "tracefile/time_format.hpp"
#include "visualizer/palette.hpp"
#include "visualizer/ui_scale.hpp"
#include "visualizer/ui_text.hpp"

namespace buslab::viz {

namespace {

// Ticks over the view: times, or in the logical view whole steps (1, 2, 5 x 10^k of them apart).
tracefile::TickPlan ticks_for(const TimelineView& view, float width, bool steps) {
  tracefile::TickPlan plan = tracefile::plan_ticks(view.t0(), view.t1(), width, ImGui::CalcTextSize("0").x, px(70));
  if (!steps || plan.step >= 1) return plan;
  plan.step = plan.minor_step = 1;
  plan.majors.clear();
  plan.minors.clear();
  for (double s = std::ceil(std::max(view.t0(), 0.0)); s <= view.t1() && plan.majors.size() < 10000; ++s)
    plan.majors.push_back(s);
  return plan;
}

}  // namespace

std::vector<std::string> draw_ruler(ImDrawList* draw, const TimelineView& view, ImVec2 min, ImVec2 max,
                                    const RulerMarks& marks) {
  std::vector<std::string> drawn;
  const float width = max.x - min.x;
  draw->AddRectFilled(min, max, IM_COL32(36, 41, 50, 255));
  draw->PushClipRect(min, max, true);
  const tracefile::TickPlan plan = ticks_for(view, width, marks.steps);
  const auto x_of = [&](double t) { return static_cast<float>(view.x_of(t, min.x, width)); };
  for (double t : plan.minors) draw->AddLine(ImVec2(x_of(t), max.y - 5), ImVec2(x_of(t), max.y), palette::kTextDim);
  for (double t : plan.majors) {
    const float x = x_of(t);
    draw->AddLine(ImVec2(x, max.y - 11), ImVec2(x, max.y), palette::kText);
    // A label that would run past the ruler's end is left out, not cut.
    const std::string label = marks.steps   ? fmt::format("#{:.0f}", t)
                              : marks.clock ? tracefile::tick_label(marks.clock->reading(t), plan)
                                            : tracefile::tick_label(t, plan);
    if (x + 3 + ImGui::CalcTextSize(label.c_str()).x <= max.x) {
      draw_text(draw, ImVec2(x + 3, min.y + 2), palette::kText, label);
      drawn.push_back(label);
    }
  }
  for (const auto& [t, color] : marks.faults) {
    const float x = x_of(t);
    draw->AddTriangleFilled(ImVec2(x - 5, max.y - 8), ImVec2(x + 5, max.y - 8), ImVec2(x, max.y), color);
  }
  if (marks.selecting) {
    const float a = x_of(marks.select_t0), b = x_of(marks.select_t1);
    draw->AddRectFilled(ImVec2(std::min(a, b), min.y), ImVec2(std::max(a, b), max.y), palette::kSelection);
    const std::string span = tracefile::format_duration(std::abs(marks.select_t1 - marks.select_t0));
    draw_text(draw, ImVec2(std::min(a, b) + 3, min.y + 2), palette::kCursor, span);
  }
  if (marks.cursor_active) {
    const float x = x_of(marks.cursor);
    draw->AddTriangleFilled(ImVec2(x - 6, min.y), ImVec2(x + 6, min.y), ImVec2(x, min.y + 9), palette::kCursor);
    draw->AddLine(ImVec2(x, min.y), ImVec2(x, max.y), palette::kCursor, 2);
  }
  draw->PopClipRect();
  return drawn;
}

void draw_grid(ImDrawList* draw, const TimelineView& view, float x0, float x1, float y0, float y1, bool steps) {
  const tracefile::TickPlan plan = ticks_for(view, x1 - x0, steps);
  for (double t : plan.majors) {
    const auto x = static_cast<float>(view.x_of(t, x0, x1 - x0));
    draw->AddLine(ImVec2(x, y0), ImVec2(x, y1), palette::kGridMajor);
  }
}

}  // namespace buslab::viz
