#include "visualizer/compare.hpp"

#include <imgui.h>

#include <string>

#include "visualizer/summary_table.hpp"
#include "visualizer/ui_text.hpp"

namespace buslab::viz {

namespace {

// A section heading across the whole row: drawn, not laid out, so that it does not widen the label column.
void heading(const std::string& text) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 window = ImGui::GetWindowPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(ImVec2(window.x, window.y),
                     ImVec2(window.x + ImGui::GetWindowWidth(), window.y + ImGui::GetWindowHeight()), false);
  draw_text(draw, at, ImGui::GetColorU32(ImGuiCol_Text), text, ImGui::GetScrollMaxY() > 0);
  draw->PopClipRect();
  ImGui::Dummy(ImVec2(1, ImGui::GetTextLineHeight()));
}

}  // namespace

void draw_run_summary(const std::vector<const Document*>& docs) {
  std::vector<const tracefile::RunSummary*> runs;
  for (const Document* d : docs) runs.push_back(&d->summary());
  const std::vector<SummaryRow> rows = summary_rows(runs);
  // Columns as wide as their text; the panel (27 characters wide at any scale) scrolls, the table does not.
  const int columns = static_cast<int>(docs.size()) + 1;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("runs", columns, flags)) return;
  ImGui::TableSetupColumn("");
  for (const Document* d : docs)
    ImGui::TableSetupColumn(docs.size() > 1 ? d->tag().c_str()
                                            : (d->trace().variant.empty() ? "run" : d->trace().variant.c_str()));
  ImGui::TableHeadersRow();
  for (const SummaryRow& row : rows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (row.section) {
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(44, 50, 61, 255));
      heading(row.label);
      continue;
    }
    ImGui::TextDisabled("%s", row.label.c_str());
    audit_item(row.label.c_str());
    for (const std::string& cell : row.cells) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(cell.c_str());
      audit_item(cell.c_str());
    }
  }
  ImGui::EndTable();
}

}  // namespace buslab::viz
