#include "visualizer/app.hpp"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>

#include "visualizer/call_inspector.hpp"
#include "visualizer/compare.hpp"
#include "visualizer/lanes.hpp"
#include "visualizer/legend.hpp"
#include "visualizer/toolbar.hpp"

namespace buslab::viz {

namespace {

constexpr double kKeyZoomPerSecond = 0.15;  // W held for a second leaves this share of the span
constexpr double kKeyPanPerSecond = 0.8;    // A/D held for a second pans this share of the span
constexpr float kSplitter = 6;

}  // namespace

App::App(std::vector<std::unique_ptr<Document>> docs) : docs_(std::move(docs)), logs_(docs_.size()) {
  double begin = INFINITY, end = -INFINITY;
  for (const auto& d : docs_) {
    begin = std::min(begin, d->trace().t_begin);
    end = std::max(end, d->trace().t_end);
  }
  if (!(begin <= end)) begin = end = 0;
  view_.set_bounds(begin, end);
  view_.fit();
  playback_.set_span(begin, end);
  // A playback pace that crosses a typical view in some 20 seconds.
  playback_.set_speed(std::max((end - begin) / 200, 1e-6));
}

bool App::select_call(size_t doc, uint64_t call) {
  Document& d = *docs_[doc];
  d.select_call(call);
  if (d.selected_call() == 0) return false;
  if (!d.path().hops.empty()) logs_[doc].scroll_to_hop = d.path().hops.front();
  return true;
}

bool App::animating() const {
  return playback_.playing() || keys_held_;
}

void App::frame(double wall_seconds) {
  for (auto& d : docs_) {
    d->hovered_hop = d->hover_next;
    d->hover_next = -1;
  }
  playback_.advance(wall_seconds);
  if (playback_.playing()) view_.reveal(playback_.cursor(), playback_.cursor());
  handle_keys(wall_seconds);

  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("buslab-viz", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
  const ToolbarActions actions = draw_toolbar(view_, playback_, timeline_.arrows_drawn(), timeline_.hops_aggregated());
  if (actions.step_back) step(false);
  if (actions.step_forward) step(true);

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (log_height_ <= 0) log_height_ = std::round(avail.y * 0.3f);
  log_height_ = std::clamp(log_height_, 80.0f, std::max(80.0f, avail.y - 200));
  const float side_width = std::min(std::round(ImGui::GetFontSize() * 27), avail.x * 0.35f);
  const float top_height = avail.y - log_height_ - kSplitter - ImGui::GetStyle().ItemSpacing.y;

  ImGui::BeginChild("timeline", ImVec2(avail.x - side_width - ImGui::GetStyle().ItemSpacing.x, top_height), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  timeline_.draw(docs_, view_, playback_, arrow_options_, logs_);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("side", ImVec2(side_width, top_height), true);
  side_min_ = ImGui::GetWindowPos();
  side_max_ = ImVec2(side_min_.x + ImGui::GetWindowWidth(), side_min_.y + ImGui::GetWindowHeight());
  draw_side_panel();
  ImGui::EndChild();

  // A splitter between the chart and the log.
  ImGui::InvisibleButton("splitter", ImVec2(avail.x, kSplitter));
  if (ImGui::IsItemActive()) log_height_ -= io.MouseDelta.y;
  if (ImGui::IsItemHovered() || ImGui::IsItemActive()) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeNS);
  ImGui::GetWindowDrawList()->AddLine(ImVec2(ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y + kSplitter / 2),
                                      ImVec2(ImGui::GetItemRectMax().x, ImGui::GetItemRectMin().y + kSplitter / 2),
                                      IM_COL32(90, 100, 120, 255));

  ImGui::BeginChild("log", ImVec2(0, 0), false);
  if (docs_.size() == 1) {
    draw_log_panel(*docs_[0], logs_[0], view_, playback_, arrow_options_.dim_unfiltered);
  } else if (ImGui::BeginTabBar("logs")) {
    for (size_t k = 0; k < docs_.size(); ++k) {
      const std::string title = docs_[k]->tag() + ": " + docs_[k]->trace().title() + " messages";
      if (ImGui::BeginTabItem(title.c_str())) {
        draw_log_panel(*docs_[k], logs_[k], view_, playback_, arrow_options_.dim_unfiltered);
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
  ImGui::End();
}

void App::draw_side_panel() {
  if (ImGui::CollapsingHeader(docs_.size() > 1 ? "Runs compared" : "Run", ImGuiTreeNodeFlags_DefaultOpen))
    draw_run_summary(docs_);
  if (ImGui::CollapsingHeader("Legend", ImGuiTreeNodeFlags_DefaultOpen)) draw_legend(docs_);
  for (auto& d : docs_) {
    const std::string title = (docs_.size() > 1 ? d->tag() + ": " : std::string()) + "Selected call###call" + d->tag();
    if (ImGui::CollapsingHeader(title.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
      ImGui::PushID(d->tag().c_str());
      draw_call_inspector(*d, view_);
      ImGui::PopID();
    }
  }
  for (auto& d : docs_) {
    const std::string title = (docs_.size() > 1 ? d->tag() + ": " : std::string()) + "Lanes###lanes" + d->tag();
    if (ImGui::CollapsingHeader(title.c_str())) {
      ImGui::PushID(("lanes" + d->tag()).c_str());
      draw_lane_tree(*d);
      ImGui::PopID();
    }
  }
}

void App::handle_keys(double wall_seconds) {
  const ImGuiIO& io = ImGui::GetIO();
  keys_held_ = false;
  if (io.WantTextInput || io.KeyCtrl || io.KeyAlt || io.KeySuper) return;
  const double dt = std::min(wall_seconds, 0.1);
  // Keys zoom around the mouse when it is over the chart, else around the middle.
  const double anchor = timeline_.mouse_over_plot() ? timeline_.mouse_time() : (view_.t0() + view_.t1()) / 2;
  if (ImGui::IsKeyDown(GLFW_KEY_W)) view_.zoom_at(anchor, std::pow(kKeyZoomPerSecond, dt)), keys_held_ = true;
  if (ImGui::IsKeyDown(GLFW_KEY_S)) view_.zoom_at(anchor, std::pow(1 / kKeyZoomPerSecond, dt)), keys_held_ = true;
  if (ImGui::IsKeyDown(GLFW_KEY_A)) view_.pan(-view_.span() * kKeyPanPerSecond * dt), keys_held_ = true;
  if (ImGui::IsKeyDown(GLFW_KEY_D)) view_.pan(view_.span() * kKeyPanPerSecond * dt), keys_held_ = true;
  if (ImGui::IsKeyPressed(GLFW_KEY_F, false)) view_.fit();
  if (ImGui::IsKeyPressed(GLFW_KEY_SPACE, false)) playback_.toggle();
  if (ImGui::IsKeyPressed(GLFW_KEY_COMMA)) step(false);
  if (ImGui::IsKeyPressed(GLFW_KEY_PERIOD)) step(true);
  if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false))
    for (auto& d : docs_) d->select_call(0);
}

// Moves the playback cursor to the next (previous) moment any open trace sends a hop.
void App::step(bool forward) {
  const double from = playback_.active() ? playback_.cursor() : (forward ? view_.t0() : view_.t1());
  double best = NAN;
  for (const auto& d : docs_) {
    const auto& times = d->trace().hops.t_send;
    const double t = forward ? next_time_after(times, from) : last_time_before(times, from);
    if (std::isnan(t)) continue;
    if (std::isnan(best) || (forward ? t < best : t > best)) best = t;
  }
  if (std::isnan(best)) return;
  playback_.seek(best);
  view_.reveal(best, best);
}

}  // namespace buslab::viz
