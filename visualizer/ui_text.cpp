#include "visualizer/ui_text.hpp"

#include "visualizer/text_audit.hpp"

namespace buslab::viz {

void draw_text(ImDrawList* draw, ImVec2 at, ImU32 color, const std::string& text, bool scrolls) {
  draw->AddText(at, color, text.c_str());
  if (!TextAudit::enabled()) return;
  const ImVec2 size = ImGui::CalcTextSize(text.c_str());
  const ImVec2 a = draw->GetClipRectMin(), b = draw->GetClipRectMax();
  TextAudit::record(TextBox{text, {at.x, at.y, at.x + size.x, at.y + size.y}, {a.x, a.y, b.x, b.y}, scrolls});
}

void audit_item(const char* text) {
  if (!TextAudit::enabled()) return;
  // The text, from the item's left edge (a selectable may span the whole row; its text does not).
  const ImVec2 a = ImGui::GetItemRectMin(), size = ImGui::CalcTextSize(text);
  const ImVec2 b(a.x + size.x, a.y + size.y);
  const ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 ca = draw->GetClipRectMin(), cb = draw->GetClipRectMax();
  const bool scrolls = ImGui::GetScrollMaxY() > 0;
  TextAudit::record(TextBox{text, {a.x, a.y, b.x, b.y}, {ca.x, ca.y, cb.x, cb.y}, scrolls});
}

void audit_frame(const char* text) {
  if (!TextAudit::enabled()) return;
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 ca = draw->GetClipRectMin(), cb = draw->GetClipRectMax();
  TextAudit::record(TextBox{text, {a.x, a.y, b.x, b.y}, {ca.x, ca.y, cb.x, cb.y}, ImGui::GetScrollMaxY() > 0});
}

void Flow::next(float width) {
  if (first_) {
    first_ = false;
    return;
  }
  const float right = ImGui::GetWindowContentRegionMax().x;
  ImGui::SameLine();
  if (ImGui::GetCursorPosX() + width > right) ImGui::NewLine();
}

}  // namespace buslab::viz
