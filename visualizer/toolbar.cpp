#include "visualizer/toolbar.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "tracefile/time_format.hpp"
#include "visualizer/ui_scale.hpp"
#include "visualizer/ui_text.hpp"

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
         "  L                  logical view: this view's hops in happened-before order / back to real time\n"
         "  T                  true simulated time / each host's clock (traces with skewed host clocks)\n"
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

ToolbarActions draw_toolbar(TimelineView& view, Playback& playback, bool logical, TimeBaseState time_base,
                            size_t arrows_drawn, size_t bundles, size_t hops_aggregated) {
  ToolbarActions actions;
  Flow flow;
  const auto button = [&](const char* label, const char* tip) {
    flow.next(Flow::button(label));
    const bool pressed = ImGui::Button(label);
    audit_frame(label);
    if (tip && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
    return pressed;
  };
  const auto text = [&](const std::string& s, bool dim) {
    flow.next(Flow::text(s.c_str()));
    if (dim)
      ImGui::TextDisabled("%s", s.c_str());
    else
      ImGui::TextUnformatted(s.c_str());
    audit_item(s.c_str());
  };
  if (button("Fit (F)", "fit the whole trace")) view.fit();
  if (button(logical ? "Real time (L)" : "Logical (L)",
             logical ? "back to real time, the view you came from"
                     : "the hops of this view in happened-before order, evenly spaced (at most a few thousand)"))
    actions.toggle_logical = true;
  if (time_base.available &&
      button(time_base.host_clocks ? "Host clocks (T)" : "True time (T)",
             time_base.host_clocks
                 ? "times read each host's clock (tooltips: the lane's host; the ruler: the host under the mouse); "
                   "click for true simulated time"
                 : "times are true simulated time; click to read each host's (skewed) clock instead"))
    actions.toggle_host_time = true;
  if (button("<", "previous hop (,)")) actions.step_back = true;
  if (button(playback.playing() ? "Pause" : " Play ", "play / pause (Space)")) playback.toggle();
  if (button(">", "next hop (.)")) actions.step_forward = true;
  ImGui::BeginDisabled(!playback.active());
  if (button("Stop", "hide the cursor and show everything")) playback.stop();
  ImGui::EndDisabled();
  float exponent = static_cast<float>(std::log10(playback.speed()));
  flow.next(px(140));
  ImGui::SetNextItemWidth(px(140));
  if (ImGui::SliderFloat("##speed", &exponent, -7, 2, "")) playback.set_speed(std::pow(10.0, exponent));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("playback speed: simulated time per second of wall clock");
  text(fmt::format("{}/s", tracefile::format_duration(playback.speed())), false);
  if (playback.active())
    text(fmt::format("cursor {}", tracefile::format_instant(playback.cursor(), view.span() / 2000)), false);
  if (logical)
    text(fmt::format("steps {:.0f} .. {:.0f}", view.t0(), view.t1()), false);
  else
    text(fmt::format("view {} .. {}", tracefile::format_instant(view.t0(), view.span() / 1000),
                     tracefile::format_instant(view.t1(), view.span() / 1000)),
         false);
  text(fmt::format("{} arrows, {} bundles of {} hops", arrows_drawn, bundles, hops_aggregated), true);
  if (button("Panels (P)", "hide / show the message log and the side panel")) actions.toggle_panels = true;
  if (button("Help (?)", nullptr)) ImGui::OpenPopup("help");
  if (ImGui::BeginPopup("help")) {
    ImGui::TextUnformatted(controls_help());
    ImGui::EndPopup();
  }
  return actions;
}

}  // namespace buslab::viz
