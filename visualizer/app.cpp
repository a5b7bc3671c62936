#include "visualizer/app.hpp"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "visualizer/call_inspector.hpp"
#include "visualizer/compare.hpp"
#include "visualizer/lanes.hpp"
#include "visualizer/legend.hpp"
#include "visualizer/logical_view.hpp"
#include "visualizer/text_audit.hpp"
#include "visualizer/toolbar.hpp"
#include "visualizer/ui_scale.hpp"
#include "visualizer/ui_text.hpp"

namespace buslab::viz {

namespace {

constexpr double kKeyZoomPerSecond = 0.15;  // W held for a second leaves this share of the span
constexpr double kKeyPanPerSecond = 0.8;    // A/D held for a second pans this share of the span

std::vector<const Document*> docs_of(const std::vector<Section>& sections) {
  std::vector<const Document*> docs;
  for (const Section& s : sections) docs.push_back(s.doc);
  return docs;
}

}  // namespace

App::App(std::vector<std::unique_ptr<Document>> docs, std::vector<uint8_t> shown)
    : docs_(std::move(docs)), shown_(std::move(shown)), logs_(docs_.size()) {
  if (shown_.size() != docs_.size()) shown_.assign(docs_.size(), 1);
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

int App::section_of(size_t doc) const {
  if (!shown_[doc]) return -1;
  return static_cast<int>(std::count(shown_.begin(), shown_.begin() + static_cast<long>(doc), 1));
}

std::vector<Section> App::sections() {
  std::vector<Section> sections;
  for (size_t i = 0; i < docs_.size(); ++i)
    if (shown_[i]) sections.push_back(Section{docs_[i].get(), &logs_[i]});
  return sections;
}

bool App::select_call(size_t doc, uint64_t call) {
  Document& d = *docs_[doc];
  d.select_call(call);
  if (d.selected_call() == 0) return false;
  if (!d.path().hops.empty()) logs_[doc].scroll_to_hop = d.path().hops.front();
  return true;
}

bool App::toggle_logical() {
  notice_.clear();
  if (logical_) {
    for (auto& d : docs_) d->set_logical(nullptr);
    logical_ = false;
    view_.set_bounds(playback_.span_begin(), playback_.span_end());
    view_.set_range(real_t0_, real_t1_);
    return true;
  }
  std::vector<std::unique_ptr<tracefile::LogicalOrder>> orders(docs_.size());
  uint32_t steps = 1;
  for (size_t i = 0; i < docs_.size(); ++i) {
    if (!shown_[i]) continue;
    orders[i] =
        std::make_unique<tracefile::LogicalOrder>(tracefile::logical_order(docs_[i]->trace(), view_.t0(), view_.t1()));
    if (orders[i]->hops.size() > kMaxLogicalHops) {
      notice_ = fmt::format("logical view: {}'s view holds {} hops, more than {}: zoom in first", docs_[i]->tag(),
                            orders[i]->hops.size(), kMaxLogicalHops);
      return false;
    }
    steps = std::max(steps, orders[i]->steps);
  }
  for (size_t i = 0; i < docs_.size(); ++i) docs_[i]->set_logical(std::move(orders[i]));
  real_t0_ = view_.t0();
  real_t1_ = view_.t1();
  logical_ = true;
  playback_.stop();
  view_.set_bounds(0, steps + 1.0);
  view_.set_range(0, steps + 1.0);
  return true;
}

bool App::host_clocks_available() const {
  for (const auto& d : docs_)
    if (d->host_time().any_skewed()) return true;
  return false;
}

void App::set_host_time(bool on) {
  host_time_ = on && host_clocks_available();
  for (auto& d : docs_) d->set_time_base(host_time_ ? tracefile::TimeBase::HostClock : tracefile::TimeBase::True);
}

bool App::animating() const {
  return playback_.playing() || keys_held_;
}

void App::frame(double wall_seconds) {
  TextAudit::clear();
  for (auto& d : docs_) {
    d->hovered_hop = d->hover_next;
    d->hover_next = -1;
    d->set_scale(ui_scale());
  }
  playback_.advance(wall_seconds);
  if (playback_.playing()) view_.reveal(playback_.cursor(), playback_.cursor());
  handle_keys(wall_seconds);
  const std::vector<Section> shown = sections();

  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("buslab-viz", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
  const ToolbarActions actions =
      draw_toolbar(view_, playback_, logical_, TimeBaseState{host_clocks_available(), host_time_},
                   timeline_.arrows_drawn(), timeline_.bundles_drawn(), timeline_.hops_aggregated());
  if (actions.toggle_host_time) set_host_time(!host_time_);
  if (actions.step_back) step(false);
  if (actions.step_forward) step(true);
  if (actions.toggle_panels) panels_ = !panels_;
  if (actions.toggle_logical) toggle_logical();
  if (!notice_.empty()) {
    ImGui::TextColored(ImVec4(0.95f, 0.6f, 0.3f, 1), "%s", notice_.c_str());
    audit_item(notice_.c_str());
  }

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float splitter = px(6);
  if (log_height_ <= 0) log_height_ = std::round(avail.y * 0.25f);
  log_height_ = std::clamp(log_height_, px(80), std::max(px(80), avail.y - px(200)));
  const float side_width = panels_ ? std::min(std::round(ImGui::GetFontSize() * 27), avail.x * 0.35f) : 0;
  const bool log = panels_ && log_shown_;
  const float top_height = log ? avail.y - log_height_ - splitter - ImGui::GetStyle().ItemSpacing.y : avail.y;

  const float timeline_width = panels_ ? avail.x - side_width - ImGui::GetStyle().ItemSpacing.x : avail.x;
  ImGui::BeginChild("timeline", ImVec2(timeline_width, top_height), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  timeline_.draw(shown, view_, playback_, arrow_options_);
  ImGui::EndChild();
  side_min_ = side_max_ = ImVec2(0, 0);
  if (!panels_) {
    ImGui::End();
    return;
  }
  ImGui::SameLine();
  ImGui::BeginChild("side", ImVec2(side_width, top_height), true);
  side_min_ = ImGui::GetWindowPos();
  side_max_ = ImVec2(side_min_.x + ImGui::GetWindowWidth(), side_min_.y + ImGui::GetWindowHeight());
  draw_side_panel(shown);
  ImGui::EndChild();
  if (!log) {
    ImGui::End();
    return;
  }

  // A splitter between the chart and the log.
  ImGui::InvisibleButton("splitter", ImVec2(avail.x, splitter));
  if (ImGui::IsItemActive()) log_height_ -= io.MouseDelta.y;
  if (ImGui::IsItemHovered() || ImGui::IsItemActive()) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeNS);
  ImGui::GetWindowDrawList()->AddLine(ImVec2(ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y + splitter / 2),
                                      ImVec2(ImGui::GetItemRectMax().x, ImGui::GetItemRectMin().y + splitter / 2),
                                      IM_COL32(90, 100, 120, 255));
  draw_logs(shown);
  ImGui::End();
}

void App::draw_logs(const std::vector<Section>& sections) {
  ImGui::BeginChild("log", ImVec2(0, 0), false);
  if (sections.size() == 1) {
    draw_log_panel(*sections[0].doc, *sections[0].log, view_, playback_, arrow_options_.dim_unfiltered);
  } else if (ImGui::BeginTabBar("logs")) {
    for (const Section& s : sections) {
      const std::string title = s.doc->tag() + ": " + s.doc->trace().title() + " messages";
      if (ImGui::BeginTabItem(title.c_str())) {
        draw_log_panel(*s.doc, *s.log, view_, playback_, arrow_options_.dim_unfiltered);
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
}

// With several traces open: a tick box per run, to choose which are stacked on the timeline.
void App::draw_run_picker() {
  ImGui::TextDisabled("tick the runs to stack on the timeline");
  for (size_t i = 0; i < docs_.size(); ++i) {
    bool on = shown_[i] != 0;
    const std::string label = docs_[i]->tag() + "  " + docs_[i]->trace().title() + "##run" + docs_[i]->tag();
    if (ImGui::Checkbox(label.c_str(), &on)) shown_[i] = on ? 1 : 0;
    audit_item(label.c_str());
  }
}

void App::draw_side_panel(const std::vector<Section>& sections) {
  const std::vector<const Document*> shown = docs_of(sections);
  if (docs_.size() > 1 && ImGui::CollapsingHeader("Runs", ImGuiTreeNodeFlags_DefaultOpen)) draw_run_picker();
  const bool tagged = sections.size() > 1;
  const auto draw_selected_calls = [&] {
    for (const Section& s : sections) {
      Document& d = *s.doc;
      const std::string title = (tagged ? d.tag() + ": " : std::string()) + "Selected call###call" + d.tag();
      if (ImGui::CollapsingHeader(title.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
        ImGui::PushID(d.tag().c_str());
        draw_call_inspector(d, view_);
        ImGui::PopID();
      }
    }
  };
  // A selected call's breakdown comes first: below a long run summary it would be out of sight (--call).
  const bool selected =
      std::any_of(sections.begin(), sections.end(), [](const Section& s) { return s.doc->selected_call() != 0; });
  if (selected) draw_selected_calls();
  if (ImGui::CollapsingHeader(sections.size() > 1 ? "Runs compared" : "Run", ImGuiTreeNodeFlags_DefaultOpen))
    draw_run_summary(shown);
  if (ImGui::CollapsingHeader("Legend", ImGuiTreeNodeFlags_DefaultOpen)) draw_legend(shown);
  if (!selected) draw_selected_calls();
  for (const Section& s : sections) {
    Document& d = *s.doc;
    const std::string title = (tagged ? d.tag() + ": " : std::string()) + "Lanes###lanes" + d.tag();
    if (ImGui::CollapsingHeader(title.c_str())) {
      ImGui::PushID(("lanes" + d.tag()).c_str());
      draw_lane_tree(d);
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
  if (ImGui::IsKeyPressed(GLFW_KEY_P, false)) panels_ = !panels_;
  if (ImGui::IsKeyPressed(GLFW_KEY_L, false)) toggle_logical();
  if (ImGui::IsKeyPressed(GLFW_KEY_T, false)) set_host_time(!host_time_);
  if (ImGui::IsKeyPressed(GLFW_KEY_O, false)) timeline_.set_overview_shown(!timeline_.overview_shown());
  if (ImGui::IsKeyPressed(GLFW_KEY_SPACE, false)) playback_.toggle();
  if (ImGui::IsKeyPressed(GLFW_KEY_COMMA)) step(false);
  if (ImGui::IsKeyPressed(GLFW_KEY_PERIOD)) step(true);
  if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false))
    for (auto& d : docs_) d->select_call(0);
}

// Moves the playback cursor to the next (previous) moment any shown trace sends a hop.
void App::step(bool forward) {
  const double from = playback_.active() ? playback_.cursor() : (forward ? view_.t0() : view_.t1());
  double best = NAN;
  for (size_t i = 0; i < docs_.size(); ++i) {
    if (!shown_[i]) continue;
    const auto& times = docs_[i]->trace().hops.t_send;
    const double t = forward ? next_time_after(times, from) : last_time_before(times, from);
    if (std::isnan(t)) continue;
    if (std::isnan(best) || (forward ? t < best : t > best)) best = t;
  }
  if (std::isnan(best)) return;
  playback_.seek(best);
  view_.reveal(best, best);
}

}  // namespace buslab::viz
