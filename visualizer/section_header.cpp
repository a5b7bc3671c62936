#include "visualizer/section_header.hpp"

#include <string>

#include <fmt/format.h>

#include "visualizer/palette.hpp"
#include "visualizer/summary_table.hpp"
#include "visualizer/ui_scale.hpp"
#include "visualizer/ui_text.hpp"

namespace buslab::viz {

float section_header_height() {
  return ImGui::GetTextLineHeight() + px(10);
}

void draw_section_header(ImDrawList* draw, const Document& doc, ImVec2 min, ImVec2 max, bool compare) {
  draw->AddRectFilled(min, max, palette::kSectionHeader);
  // The run's name, then as much of its headline as the width takes, whole parts only: a number is never cut.
  std::string text = compare ? fmt::format("{}   {}", doc.tag(), doc.trace().title()) : doc.trace().title();
  const float room = max.x - min.x - px(16);
  for (const std::string& part : headline(doc.summary())) {
    const std::string longer = text + (text.size() > 0 ? "   " : "") + part;
    if (ImGui::CalcTextSize(longer.c_str()).x > room) break;
    text = longer;
  }
  const float y = min.y + (max.y - min.y - ImGui::GetTextLineHeight()) / 2;
  draw_text(draw, ImVec2(min.x + px(8), y), palette::kText, text);
}

}  // namespace buslab::viz
