#pragma once
// Every size the visualizer draws with (rows, gaps, panels, marks) is given at the default font, 15 pixels, and
// grows with the font: --scale 2 doubles the font and so every row, header and panel with it, and nothing that
// was laid out for the text at scale 1 clips it at scale 2.
#include <imgui.h>

namespace buslab::viz {

inline constexpr float kDefaultFontPx = 15;

// The current scale: font size over the default font size.
inline float ui_scale() {
  return ImGui::GetFontSize() / kDefaultFontPx;
}

// A length in pixels at the default font, at the current scale.
inline float px(float at_default_font) {
  return at_default_font * ui_scale();
}

}  // namespace buslab::viz
