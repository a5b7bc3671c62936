#include "visualizer/overview.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "tracefile/kind_colors.hpp"
#include "tracefile/overview_data.hpp"
#include "tracefile/time_format.hpp"
#include "visualizer/palette.hpp"
#include "visualizer/ui_scale.hpp"
#include "visualizer/ui_text.hpp"

namespace buslab::viz {

using tracefile::Outcome;

namespace {

constexpr size_t kMaxDots = 4000;  // more points than this: a heat strip
constexpr float kHeatPx = 2;       // heat cell size, at scale 1
constexpr float kRateBucketPx = 3;

// Each run's tracks; three runs or more share the height, so theirs are a little lower.
Overview::TrackHeights tracks_for(size_t runs) {
  return runs >= 3 ? Overview::TrackHeights{px(30), px(16), px(5)} : Overview::TrackHeights{px(36), px(20), px(5)};
}

ImU32 outcome_color(Outcome o, int alpha = 255) {
  switch (o) {
    case Outcome::Ok:
      return IM_COL32(102, 187, 106, alpha);
    case Outcome::Timeout:
      return palette::rgba(tracefile::kFaultColor, alpha);
    case Outcome::Error:
      return IM_COL32(255, 112, 67, alpha);
    case Outcome::Late:
      return IM_COL32(255, 202, 40, alpha);
  }
  return IM_COL32(200, 200, 200, alpha);
}

// The decades the latencies span, for a log axis: [lo, hi] with hi > lo.
std::pair<double, double> decades(const tracefile::OverviewData& data) {
  if (data.points().empty()) return {1e-3, 1};
  double lo = std::pow(10.0, std::floor(std::log10(std::max(data.min_latency(), 1e-9)) + 1e-9));
  double hi = std::pow(10.0, std::ceil(std::log10(std::max(data.max_latency(), 1e-9)) - 1e-9));
  if (hi <= lo) hi = lo * 10;
  return {lo, hi};
}

}  // namespace

float Overview::height_for(size_t runs) {
  const TrackHeights t = tracks_for(runs);
  return static_cast<float>(runs) * (t.latency + t.rate + t.gap) + px(2);
}

void Overview::draw_latency(const Document& doc, ImDrawList* draw, ImVec2 min, ImVec2 max, double b0, double b1) {
  const tracefile::OverviewData& data = doc.overview();
  const auto [lo, hi] = decades(data);
  const double log_lo = std::log10(lo), log_span = std::log10(hi) - log_lo;
  const float w = max.x - min.x, h = max.y - min.y - px(4);
  const auto x_of = [&](double t) { return min.x + static_cast<float>((t - b0) / (b1 - b0)) * w; };
  const auto y_of = [&](double latency) {
    const double f = (std::log10(std::max(latency, lo)) - log_lo) / log_span;
    return max.y - px(2) - static_cast<float>(std::clamp(f, 0.0, 1.0)) * h;
  };
  // Decade lines, faint.
  for (double d = lo * 10; d < hi * 0.999; d *= 10)
    draw->AddLine(ImVec2(min.x, y_of(d)), ImVec2(max.x, y_of(d)), palette::kGrid);
  const auto& points = data.points();
  if (points.size() <= kMaxDots) {
    // Dots, failures last so that they stay on top.
    const float r = px(1.7f);
    for (int pass = 0; pass < 2; ++pass)
      for (const auto& p : points)
        if ((p.outcome == Outcome::Ok) == (pass == 0))
          draw->AddCircleFilled(ImVec2(x_of(p.t), y_of(p.latency)), r, outcome_color(p.outcome, 220), 6);
    return;
  }
  // A heat strip: points per cell, ok and failed apart; a cell's brightness grows with the log of its count.
  Heat& heat = heat_[&doc];
  const float cell = px(kHeatPx);
  const auto cols = static_cast<size_t>(std::max(1.0f, std::ceil(w / cell)));
  const auto rows = static_cast<size_t>(std::max(1.0f, std::ceil(h / cell)));
  if (heat.width != w || heat.height != h) {
    heat.width = w;
    heat.height = h;
    heat.cells.assign(cols * rows * 2, 0);
    for (const auto& p : points) {
      const auto c = static_cast<size_t>(
          std::clamp((p.t - b0) / (b1 - b0) * static_cast<double>(cols), 0.0, static_cast<double>(cols - 1)));
      const double f = std::clamp((std::log10(std::max(p.latency, lo)) - log_lo) / log_span, 0.0, 1.0);
      const auto r = static_cast<size_t>(std::min(f * static_cast<double>(rows), static_cast<double>(rows - 1)));
      ++heat.cells[(c * rows + r) * 2 + (p.outcome == Outcome::Ok ? 0 : 1)];
    }
  }
  uint32_t peak = 1;
  for (uint32_t n : heat.cells) peak = std::max(peak, n);
  const double log_peak = std::log1p(static_cast<double>(peak));
  for (size_t c = 0; c < cols; ++c)
    for (size_t r = 0; r < rows; ++r)
      for (int bad = 0; bad < 2; ++bad) {
        const uint32_t n = heat.cells[(c * rows + r) * 2 + static_cast<size_t>(bad)];
        if (!n) continue;
        const int alpha = 90 + static_cast<int>(165 * std::log1p(static_cast<double>(n)) / log_peak);
        const float x = min.x + static_cast<float>(c) * cell, y = max.y - px(2) - static_cast<float>(r + 1) * cell;
        draw->AddRectFilled(ImVec2(x, y), ImVec2(x + cell, y + cell),
                            outcome_color(bad ? Outcome::Timeout : Outcome::Ok, alpha));
      }
}

// The rate track: work done per bucket (teal), errors on top (red), scaled to the busiest bucket; returns the
// busiest bucket's rate per second.
double Overview::draw_rate(const Document& doc, ImDrawList* draw, ImVec2 min, ImVec2 max, double b0, double b1) {
  const tracefile::OverviewData& data = doc.overview();
  const float w = max.x - min.x, bucket = px(kRateBucketPx);
  const auto buckets = static_cast<size_t>(std::max(1.0f, std::floor(w / bucket)));
  const double dt = (b1 - b0) / static_cast<double>(buckets);
  std::vector<double> done(buckets), errors(buckets);
  double peak = 0;
  for (size_t b = 0; b < buckets; ++b) {
    const double a = b0 + dt * static_cast<double>(b);
    done[b] = static_cast<double>(data.done_in(a, a + dt));
    errors[b] = data.errors_in(a, a + dt);
    peak = std::max(peak, done[b] + errors[b]);
  }
  const float usable = max.y - min.y - px(3);
  for (size_t b = 0; b < buckets && peak > 0; ++b) {
    const float xa = min.x + static_cast<float>(b) * bucket, xb = xa + bucket - 1;
    const float hd = static_cast<float>(done[b] / peak) * usable;
    float he = static_cast<float>(errors[b] / peak) * usable;
    if (errors[b] > 0) he = std::max(he, px(2));
    if (hd > 0)
      draw->AddRectFilled(ImVec2(xa, max.y - hd), ImVec2(xb, max.y), palette::rgba(tracefile::kBusyColor, 200));
    if (he > 0)
      draw->AddRectFilled(ImVec2(xa, max.y - hd - he), ImVec2(xb, max.y - hd), palette::rgba(tracefile::kFaultColor));
  }
  return peak / dt;
}

// One run's tracks between `top` and `bottom`: labels, latency, rate and a mark for every fault.
void Overview::draw_run(const Document& doc, bool tagged, ImDrawList* draw, float label_x, float x0, float x1,
                        float top, const TrackHeights& tracks, double b0, double b1) {
  const tracefile::OverviewData& data = doc.overview();
  const float rate_top = top + tracks.latency, bottom = rate_top + tracks.rate;
  const auto [lo, hi] = decades(data);
  const std::string what =
      (tagged ? doc.tag() + "  " : "") + (!data.calls()            ? "publish-to-done"
                                          : data.confirmed_casts() ? "call and confirmed-cast latency"
                                                                   : "call latency");
  draw_text(draw, ImVec2(label_x, top + px(1)), palette::kText, what);
  if (!data.points().empty())
    draw_text(draw, ImVec2(label_x, top + px(1) + ImGui::GetTextLineHeight()), palette::kTextDim,
              fmt::format("{} .. {}, log", tracefile::format_duration(lo), tracefile::format_duration(hi)));
  draw->AddRectFilled(ImVec2(x0, top), ImVec2(x1, rate_top - px(1)), palette::kRowEven);
  draw->AddRectFilled(ImVec2(x0, rate_top), ImVec2(x1, bottom), palette::kRowOdd);
  draw->PushClipRect(ImVec2(x0, top), ImVec2(x1, bottom), true);
  draw_latency(doc, draw, ImVec2(x0, top), ImVec2(x1, rate_top - px(1)), b0, b1);
  const double peak = draw_rate(doc, draw, ImVec2(x0, rate_top), ImVec2(x1, bottom), b0, b1);
  // Faults: a line through both tracks, a triangle on top.
  const auto& trace = doc.trace();
  for (uint32_t e : doc.index().faults()) {
    const float x = x0 + static_cast<float>((trace.events.t[e] - b0) / (b1 - b0)) * (x1 - x0);
    const ImU32 color =
        palette::rgba(tracefile::is_breaking(trace.event_type(e)) ? tracefile::kFaultColor : tracefile::kRecoverColor);
    draw->AddLine(ImVec2(x, top), ImVec2(x, bottom), (color & 0x00FFFFFF) | (150u << 24), px(1.5f));
    draw->AddTriangleFilled(ImVec2(x - px(4), top), ImVec2(x + px(4), top), ImVec2(x, top + px(6)), color);
  }
  draw->PopClipRect();
  const std::string rate = peak > 0 ? fmt::format("done, max {:.0f}/s", peak) : std::string("done");
  draw_text(draw, ImVec2(label_x, rate_top + (tracks.rate - ImGui::GetTextLineHeight()) / 2), palette::kTextDim, rate);
}

void Overview::draw(const std::vector<Document*>& docs, TimelineView& view, const Playback& playback, float x0,
                    float x1) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float total = height_for(docs.size());
  const TrackHeights tracks = tracks_for(docs.size());
  min_ = ImVec2(x0, origin.y);
  max_ = ImVec2(x1, origin.y + total);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const double b0 = view.bounds_begin(), b1 = view.bounds_end();
  const float w = x1 - x0;
  const auto x_of = [&](double t) { return x0 + static_cast<float>((t - b0) / (b1 - b0)) * w; };
  draw->AddRectFilled(ImVec2(origin.x, origin.y), ImVec2(x1, origin.y + total), IM_COL32(20, 23, 28, 255));
  float y = origin.y + px(2);
  for (const Document* doc : docs) {
    draw_run(*doc, docs.size() > 1, draw, origin.x + px(8), x0, x1, y, tracks, b0, b1);
    y += tracks.latency + tracks.rate + tracks.gap;
  }
  // The lanes' view, lit; the rest dimmed; the playback cursor; a range being brushed.
  const float va = std::clamp(x_of(view.t0()), x0, x1), vb = std::clamp(x_of(view.t1()), x0, x1);
  const ImU32 dim = IM_COL32(0, 0, 0, 110);
  if (va > x0) draw->AddRectFilled(ImVec2(x0, origin.y), ImVec2(va, origin.y + total), dim);
  if (vb < x1) draw->AddRectFilled(ImVec2(vb, origin.y), ImVec2(x1, origin.y + total), dim);
  draw->AddRect(ImVec2(va, origin.y), ImVec2(std::max(vb, va + 2), origin.y + total), IM_COL32(255, 255, 255, 150));
  if (playback.active()) {
    const float cx = x_of(playback.cursor());
    draw->AddLine(ImVec2(cx, origin.y), ImVec2(cx, origin.y + total), palette::kCursor, px(1.5f));
  }
  if (dragging_) {
    const float a = x_of(drag_t0_), b = x_of(drag_t1_);
    draw->AddRectFilled(ImVec2(std::min(a, b), origin.y), ImVec2(std::max(a, b), origin.y + total),
                        palette::kSelection);
  }
  ImGui::SetCursorScreenPos(ImVec2(x0, origin.y));
  ImGui::InvisibleButton("overview", ImVec2(std::max(w, 1.0f), total));
  handle_input(view, x0, x1, b0, b1);
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + total));
  ImGui::Dummy(ImVec2(1, 0));
}

// Drag: zoom the lanes to the range (brushing); click: centre them there; wheel: zoom around the mouse.
void Overview::handle_input(TimelineView& view, float x0, float x1, double b0, double b1) {
  const ImGuiIO& io = ImGui::GetIO();
  const auto t_of = [&](float x) { return b0 + static_cast<double>((x - x0) / (x1 - x0)) * (b1 - b0); };
  const double t = t_of(io.MousePos.x);
  if (ImGui::IsItemActivated()) {
    press_x_ = io.MousePos.x;
    drag_t0_ = drag_t1_ = t;
  }
  if (ImGui::IsItemActive()) {
    drag_t1_ = t;
    dragging_ = std::fabs(io.MousePos.x - press_x_) > 3;
  }
  if (ImGui::IsItemDeactivated()) {
    if (dragging_)
      view.set_range(std::min(drag_t0_, drag_t1_), std::max(drag_t0_, drag_t1_));
    else
      view.center_on(drag_t0_);
    dragging_ = false;
  }
  if (ImGui::IsItemHovered() && io.MouseWheel != 0) view.zoom_at(t, std::pow(0.8, io.MouseWheel));
  if (ImGui::IsItemHovered() && !ImGui::IsItemActive())
    ImGui::SetTooltip("%s\ndrag: zoom the lanes to a range; click: centre them here; wheel: zoom",
                      tracefile::format_instant(t, (b1 - b0) / 1000).c_str());
}

}  // namespace buslab::viz
