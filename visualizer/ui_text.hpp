#pragma once
// Text as the visualizer draws it: through these, so that the text audit (visualizer/text_audit.hpp) sees every
// label, count and axis the painters draw, and the ImGui widgets the panels lay out.
#include <imgui.h>

#include <string>

namespace buslab::viz {

// ImDrawList::AddText, recorded with the draw list's clip rectangle. `scrolls`: drawn in a region that scrolls
// vertically (the lanes).
void draw_text(ImDrawList* draw, ImVec2 at, ImU32 color, const std::string& text, bool scrolls = false);

// Records the last ImGui item as a text of the current window (a button, a label, a table cell).
void audit_item(const char* text);
// Records the last ImGui item's whole frame (a button: its text is inside it).
void audit_frame(const char* text);

// Lays items out left to right, starting a new line where the next would not fit (a projector's large font), so
// that no button or number is cut at the window's edge.
class Flow {
 public:
  // Before an item `width` pixels wide (a text's, or a button's with its frame).
  void next(float width);
  static float text(const char* s) { return ImGui::CalcTextSize(s).x; }
  static float button(const char* s) { return text(s) + 2 * ImGui::GetStyle().FramePadding.x; }
  static float checkbox(const char* s) {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + text(s);
  }

 private:
  bool first_ = true;
};

}  // namespace buslab::viz
