#include "visualizer/section_header.hpp"

#include <string>

#include <fmt/format.h>

#include "tracefile/time_format.hpp"
#include "visualizer/palette.hpp"
#include "visualizer/ui_scale.hpp"

namespace buslab::viz {

float section_header_height() {
  return ImGui::GetTextLineHeight() + px(10);
}

void draw_section_header(ImDrawList* draw, const Document& doc, ImVec2 min, ImVec2 max, bool compare) {
  draw->AddRectFilled(min, max, palette::kSectionHeader);
  const auto& s = doc.stats();
  std::string text = compare ? fmt::format("{}   {}", doc.tag(), doc.trace().title()) : doc.trace().title();
  text += fmt::format("   {} calls, {} ok, {} timed out, {} failed   p50 {}   p99 {}", s.calls, s.ok, s.timeouts,
                      s.errors, tracefile::format_duration(s.p50), tracefile::format_duration(s.p99));
  const float y = min.y + (max.y - min.y - ImGui::GetTextLineHeight()) / 2;
  draw->AddText(ImVec2(min.x + px(8), y), palette::kText, text.c_str());
}

}  // namespace buslab::viz
