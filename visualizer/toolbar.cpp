#include "visualizer/toolbar.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "tracefile/time_format.hpp"
#include "visualizer/ui_scale.hpp"

namespace buslab::viz {

const char* controls_help() {
  return "Timeline\n"
         "  mouse wheel        zoom around the mouse        shift+wheel  scroll the lanes\n"
         "  drag               pan (time and lanes)         right-drag   zoom to the range\n"
         "  drag on the ruler  zoom to the range            click ruler  put the playback cursor there\n"
         "  W / S              zoom in / out                A / D        pan left / right\n"
         "  F                  fit the whole trace          Esc          clear the selected call\n"
         "  P                  hide / show the log and the side panel (projector)\n"
         "  O                  hide / show the overview tracks\n"
         "Overview (latency, done/s, faults over the whole run)\n"
         "  drag               zoom the lanes to the range      click  centre the lanes there\n"
         "  click an arrow     follow its call: path, latency breakdown (side panel)\n"
         "  click a host       collapse / expand it         right-click  hide lanes or hosts\n"
         "Playback\n"
         "  Space              play / pause                 , / .        step to the previous / next hop\n"
         "Message log\n"
         "  hover a row        highlight its arrow          click a row  centre the chart on it\n"
         "  filter             client:api-1 server:compute-2 method:add kind:reply,delivery call:42 -kind:ack\n";
}

ToolbarActions draw_toolbar(TimelineView& view, Playback& playback, size_t arrows_drawn, size_t bundles,
                            size_t hops_aggregated) {
  ToolbarActions actions;
  if (ImGui::Button("Fit (F)")) view.fit();
  ImGui::SameLine();
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  if (ImGui::Button("<")) actions.step_back = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("previous hop (,)");
  ImGui::SameLine();
  if (ImGui::Button(playback.playing() ? "Pause" : " Play ")) playback.toggle();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("play / pause (Space)");
  ImGui::SameLine();
  if (ImGui::Button(">")) actions.step_forward = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("next hop (.)");
  ImGui::SameLine();
  ImGui::BeginDisabled(!playback.active());
  if (ImGui::Button("Stop")) playback.stop();
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("hide the cursor and show everything");
  ImGui::SameLine();
  float exponent = static_cast<float>(std::log10(playback.speed()));
  ImGui::SetNextItemWidth(px(140));
  if (ImGui::SliderFloat("##speed", &exponent, -7, 2, "")) playback.set_speed(std::pow(10.0, exponent));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("playback speed: simulated time per second of wall clock");
  ImGui::SameLine();
  ImGui::Text("%s/s", tracefile::format_duration(playback.speed()).c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  if (playback.active())
    ImGui::Text("cursor %s", tracefile::format_instant(playback.cursor(), view.span() / 2000).c_str());
  else
    ImGui::TextDisabled("no cursor");
  ImGui::SameLine();
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  ImGui::Text("view %s .. %s", tracefile::format_instant(view.t0(), view.span() / 1000).c_str(),
              tracefile::format_instant(view.t1(), view.span() / 1000).c_str());
  ImGui::SameLine();
  // The right end: panels and help, always whole; what the frame drew fills the gap between, when it fits.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float buttons = ImGui::CalcTextSize("Panels (P)").x + ImGui::CalcTextSize("Help (?)").x +
                        4 * style.FramePadding.x + 2 * style.ItemSpacing.x + style.WindowPadding.x;
  const float right = ImGui::GetWindowWidth() - buttons;
  const std::string drawn = fmt::format("|  {} arrows, {} bundles of {} hops", arrows_drawn, bundles, hops_aggregated);
  ImGui::SameLine();
  if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(drawn.c_str()).x < right) ImGui::TextDisabled("%s", drawn.c_str());
  ImGui::SameLine(std::max(right, ImGui::GetCursorPosX()));
  if (ImGui::Button("Panels (P)")) actions.toggle_panels = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("hide / show the message log and the side panel");
  ImGui::SameLine();
  if (ImGui::Button("Help (?)")) ImGui::OpenPopup("help");
  if (ImGui::BeginPopup("help")) {
    ImGui::TextUnformatted(controls_help());
    ImGui::EndPopup();
  }
  return actions;
}

}  // namespace buslab::viz
