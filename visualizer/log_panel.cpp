#include "visualizer/log_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "tracefile/kind_colors.hpp"
#include "tracefile/time_format.hpp"
#include "visualizer/ui_text.hpp"

namespace buslab::viz {

namespace {

ImVec4 to_vec4(tracefile::Rgb c) {
  return ImVec4(c.r / 255.f, c.g / 255.f, c.b / 255.f, 1);
}

// The filter box, its options and how many hops it keeps, flowing onto a second line when the window is narrow.
void draw_log_filter(Document& doc, LogState& state, bool& filter_chart) {
  const auto& trace = doc.trace();
  const auto& h = trace.hops;
  ImGui::SetNextItemWidth(std::min(520.0f, ImGui::GetContentRegionAvail().x * 0.5f));
  if (ImGui::InputTextWithHint("##filter", "filter: client:api-1 server:compute-2 method:add kind:reply call:42 ...",
                               state.filter, sizeof state.filter))
    doc.set_filter(state.filter);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Words match lanes, methods, kinds and call ids.\n"
        "key:value with key client, server, lane, method, kind, status or call.\n"
        "Spaces: all must match. Commas: alternatives (kind:reply,delivery). -term: exclude.");
  Flow flow;
  flow.next(0);
  flow.next(Flow::checkbox("fade others in chart"));
  ImGui::Checkbox("fade others in chart", &filter_chart);
  audit_item("fade others in chart");
  flow.next(Flow::checkbox("follow cursor"));
  ImGui::Checkbox("follow cursor", &state.follow_cursor);
  audit_item("follow cursor");
  const std::string status =
      doc.filter_error().empty() ? fmt::format("{} of {} hops", doc.log_size(), h.size()) : doc.filter_error();
  flow.next(Flow::text(status.c_str()));
  if (!doc.filter_error().empty())
    ImGui::TextColored(ImVec4(0.95f, 0.4f, 0.35f, 1), "%s", status.c_str());
  else
    ImGui::TextDisabled("%s", status.c_str());
  audit_item(status.c_str());
}

}  // namespace

namespace {

// By host clocks, "sent" is the sender's clock reading and "arrived" the receiver's.
void setup_log_columns(bool host_clocks) {
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(host_clocks ? "sent (its clock)" : "sent");
  ImGui::TableSetupColumn(host_clocks ? "arrived (its clock)" : "arrived");
  for (const char* name : {"took", "kind", "from", "to", "call", "method", "bytes"}) ImGui::TableSetupColumn(name);
  ImGui::TableSetupColumn("status", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
}

// Scrolls to a hop picked in the chart, or keeps the playback cursor in sight.
void scroll_log(Document& doc, LogState& state, const Playback& playback, float row_height) {
  const auto& h = doc.trace().hops;
  long target = state.scroll_to_hop;
  if (state.follow_cursor && playback.active() && playback.cursor() != state.followed_cursor) {
    state.followed_cursor = playback.cursor();
    const auto it = std::upper_bound(h.t_send.begin(), h.t_send.end(), playback.cursor());
    target = static_cast<long>(it - h.t_send.begin()) - 1;
  }
  if (target >= 0 && doc.log_size() > 0) {
    const size_t row = std::min(doc.log_row_of(static_cast<size_t>(target)), doc.log_size() - 1);
    ImGui::SetScrollY(std::max(0.0f, static_cast<float>(row) * row_height - ImGui::GetWindowHeight() / 2));
    state.scroll_to_hop = -1;
  }
}

// One hop's row; true when the pointer is on it. Clicking it selects its call and brings it into view.
bool draw_log_row(Document& doc, TimelineView& view, uint32_t i) {
  const auto& trace = doc.trace();
  const auto& h = trace.hops;
  const auto lane = [&](int id) { return trace.lanes[static_cast<size_t>(id)].name.c_str(); };
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::PushID(static_cast<int>(i));
  const bool selected = doc.in_selected_call(i) || doc.hovered_hop == static_cast<long>(i);
  const tracefile::TimeBase base = doc.time_base();
  const std::string sent = tracefile::format_instant(doc.host_time().shown(base, h.from[i], h.t_send[i]));
  const bool clicked = ImGui::Selectable(sent.c_str(), selected,
                                         ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap);
  audit_item(sent.c_str());
  const bool hovered = ImGui::IsItemHovered();
  if (clicked) {
    if (h.call[i]) doc.select_call(h.call[i]);
    const double end = h.arrived(i) ? h.t_recv[i] : h.t_send[i];
    view.reveal(h.t_send[i], end);
    view.center_on((h.t_send[i] + end) / 2);
  }
  ImGui::PopID();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(
      h.arrived(i) ? tracefile::format_instant(doc.host_time().shown(base, h.to[i], h.t_recv[i])).c_str() : "never");
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(h.arrived(i) ? tracefile::format_duration(h.t_recv[i] - h.t_send[i]).c_str() : "-");
  ImGui::TableNextColumn();
  ImGui::TextColored(to_vec4(tracefile::kind_color(trace.hop_kind(i))), "%s", trace.kind_name(i).c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(lane(h.from[i]));
  audit_item(lane(h.from[i]));
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(lane(h.to[i]));
  audit_item(lane(h.to[i]));
  ImGui::TableNextColumn();
  if (h.call[i]) ImGui::Text("%llu", static_cast<unsigned long long>(h.call[i]));
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(trace.method_name(i).c_str());
  audit_item(trace.method_name(i).c_str());
  ImGui::TableNextColumn();
  ImGui::Text("%llu", static_cast<unsigned long long>(h.bytes[i]));
  ImGui::TableNextColumn();
  if (trace.hop_status(i) == tracefile::HopStatus::Ok)
    ImGui::TextDisabled("ok");
  else
    ImGui::TextColored(ImVec4(0.95f, 0.4f, 0.35f, 1), "%s", trace.status_name(i).c_str());
  return hovered;
}

}  // namespace

void draw_log_panel(Document& doc, LogState& state, TimelineView& view, const Playback& playback, bool& filter_chart) {
  draw_log_filter(doc, state, filter_chart);
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersV |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("log", 10, flags, ImGui::GetContentRegionAvail())) return;
  setup_log_columns(doc.time_base() == tracefile::TimeBase::HostClock);
  const float row_height = ImGui::GetTextLineHeightWithSpacing();
  scroll_log(doc, state, playback, row_height);
  long hovered = -1;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(doc.log_size()), row_height);
  while (clipper.Step())
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const uint32_t i = doc.log_hop(static_cast<size_t>(r));
      if (draw_log_row(doc, view, i)) hovered = static_cast<long>(i);
    }
  ImGui::EndTable();
  if (hovered >= 0) doc.hover_next = hovered;
}

}  // namespace buslab::viz
