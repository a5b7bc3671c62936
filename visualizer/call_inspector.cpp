#include "visualizer/call_inspector.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "tracefile/call_tree.hpp"
#include "tracefile/time_format.hpp"
#include "visualizer/palette.hpp"
#include "visualizer/ui_text.hpp"

namespace buslab::viz {

using tracefile::Phase;

namespace {

ImVec4 to_vec4(tracefile::Rgb c) {
  return ImVec4(c.r / 255.f, c.g / 255.f, c.b / 255.f, 1);
}

}  // namespace

void draw_call_path(const Document& doc, const PlotGeometry& g) {
  const auto& path = doc.path();
  if (path.call == 0) return;
  const auto& layout = doc.layout();
  for (const auto& s : path.segments) {
    if (s.t0 > g.t_limit) break;
    const int r = layout.row_of_lane(s.lane);
    if (r < 0) continue;
    const LaneRow& row = layout.rows()[static_cast<size_t>(r)];
    if (!g.row_visible(row)) continue;
    const float xa = g.x_of(s.t0), xb = std::max(g.x_of(std::min(s.t1, g.t_limit)), xa + 2);
    if (xb < g.x0 || xa > g.x1) continue;
    const float y = g.row_center(row);
    g.draw->AddRectFilled(ImVec2(xa, y - 7), ImVec2(xb, y + 7), palette::phase(s.phase, 110), 2);
    g.draw->AddRect(ImVec2(xa, y - 7), ImVec2(xb, y + 7), palette::phase(s.phase, 230), 2);
    const std::string label = fmt::format("{} {}", to_string(s.phase), tracefile::format_duration(s.duration()));
    const ImVec2 size = ImGui::CalcTextSize(label.c_str());
    const float room = std::min(xb, g.x1) - std::max(xa, g.x0);
    if (room > size.x + 6) {
      const float x = std::max(xa, g.x0) + (room - size.x) / 2;
      draw_text(g.draw, ImVec2(x, y - size.y / 2), palette::kText, label, true);
    }
  }
}

namespace {

// The selected call's tree, when it has more than the one call: each call's share of the tree's time and how long
// it took first (a narrow panel cuts the end of a row, never the figures), then the call indented under the one
// that made it, with its method and where it ran; click one to break its latency down below.
void draw_call_tree(Document& doc) {
  const auto& tree = doc.tree();
  if (tree.size() < 2) return;
  const auto& trace = doc.trace();
  // The tree's span: from the root's start to the last call of it done with (a cast: run by its server); each
  // call's share of it.
  const tracefile::TreeTiming timing = tracefile::tree_timing(trace, tree);
  ImGui::TextDisabled("call tree (%zu calls, %s): share, time, call", tree.size(),
                      tracefile::format_duration(timing.span).c_str());
  uint64_t picked = 0;
  if (!ImGui::BeginTable("call tree", 3, ImGuiTableFlags_SizingFixedFit)) return;
  for (size_t i = 0; i < tree.size(); ++i) {
    const std::string share = timing.share_text(i), took = timing.duration_text(i);
    const std::string label = fmt::format("{:{}}{}", "", 2 * tree[i].depth, tracefile::tree_call_label(trace, tree[i]));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Selectable(share.c_str(), tree[i].call == doc.selected_call(), ImGuiSelectableFlags_SpanAllColumns))
      picked = tree[i].call;
    ImGui::PopID();
    audit_item(share.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(took.c_str());
    audit_item(took.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(label.c_str());
    audit_item(label.c_str());
  }
  ImGui::EndTable();
  if (picked) doc.select_call(picked);
}

}  // namespace

void draw_call_inspector(Document& doc, TimelineView& view) {
  const auto& path = doc.path();
  const auto& trace = doc.trace();
  if (path.call == 0) {
    ImGui::TextWrapped("Click an arrow (or a row of the message log) to follow its call end to end.");
    return;
  }
  const auto row = static_cast<size_t>(path.row);
  const auto& calls = trace.calls;
  const auto lane = [&](int id) { return id < 0 ? "-" : trace.lanes[static_cast<size_t>(id)].name.c_str(); };
  ImGui::Text("Call #%llu  %s %s", static_cast<unsigned long long>(path.call), calls.cast[row] ? "cast" : "call",
              trace.methods.name(calls.method[row]).c_str());
  const std::string& outcome = trace.outcomes.name(calls.outcome[row]);
  ImGui::SameLine();
  const bool fine = trace.call_completed(row);
  ImGui::TextColored(fine ? ImVec4(0.4f, 0.8f, 0.4f, 1) : ImVec4(0.95f, 0.35f, 0.3f, 1), "%s", outcome.c_str());
  ImGui::Text("%s -> %s", lane(calls.client[row]), lane(path.server));
  ImGui::Text("from %s, took %s", tracefile::format_instant(path.t_start).c_str(),
              tracefile::format_duration(path.total()).c_str());
  if (ImGui::SmallButton("Zoom to call")) {
    const double margin = std::max(path.total() * 0.08, 1e-6);
    view.set_range(path.t_start - margin, path.t_end + margin);
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("Clear (Esc)")) {
    doc.select_call(0);
    return;
  }
  draw_call_tree(doc);

  // The latency as one stacked bar, then phase by phase.
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const double total = path.total() > 0 ? path.total() : 1;
  float x = at.x;
  for (const auto& s : path.segments) {
    const float w = static_cast<float>(s.duration() / total) * width;
    draw->AddRectFilled(ImVec2(x, at.y), ImVec2(x + std::max(w, 1.0f), at.y + 14), palette::phase(s.phase));
    x += w;
  }
  ImGui::Dummy(ImVec2(width, 18));
  if (ImGui::BeginTable("phases", 3, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn("phase");
    ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("share", ImGuiTableColumnFlags_WidthFixed);
    for (const auto& s : path.segments) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(to_vec4(tracefile::phase_color(s.phase)), "%s", to_string(s.phase));
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("at %s", lane(s.lane));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(tracefile::format_duration(s.duration()).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%4.1f%%", 100.0 * s.duration() / total);
    }
    ImGui::EndTable();
  }
  if (ImGui::TreeNode("hops", "%zu hops", path.hops.size())) {
    for (uint32_t i : path.hops) {
      const auto& h = trace.hops;
      const std::string label =
          fmt::format("{:<9} {} -> {}##{}", trace.kind_name(i), lane(h.from[i]), lane(h.to[i]), i);
      ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(tracefile::kind_color(trace.hop_kind(i))));
      const bool clicked = ImGui::Selectable(label.c_str(), doc.hovered_hop == static_cast<long>(i));
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) doc.hover_next = static_cast<long>(i);
      if (clicked) view.reveal(h.t_send[i], h.arrived(i) ? h.t_recv[i] : h.t_send[i]);
    }
    ImGui::TreePop();
  }
}

}  // namespace buslab::viz
