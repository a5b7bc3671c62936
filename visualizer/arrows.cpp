#include "visualizer/arrows.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "tracefile/arrow_plan.hpp"
#include "tracefile/time_format.hpp"
#include "visualizer/bundle_plan.hpp"
#include "visualizer/palette.hpp"
#include "visualizer/ui_scale.hpp"
#include "visualizer/ui_text.hpp"

namespace buslab::viz {

using tracefile::HopKind;

namespace {

constexpr float kHitPx = 5;  // how close the mouse must be to pick an arrow

float distance_to_segment(ImVec2 p, ImVec2 a, ImVec2 b) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len2 = dx * dx + dy * dy;
  float t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
  t = std::clamp(t, 0.0f, 1.0f);
  const float qx = a.x + t * dx - p.x, qy = a.y + t * dy - p.y;
  return std::sqrt(qx * qx + qy * qy);
}

std::string short_count(size_t n) {
  if (n >= 1000000) return fmt::format("{:.1f}M", static_cast<double>(n) / 1e6);
  if (n >= 10000) return fmt::format("{}k", n / 1000);
  if (n >= 1000) return fmt::format("{:.1f}k", static_cast<double>(n) / 1e3);
  return fmt::format("{}", n);
}

class ArrowPainter {
 public:
  ArrowPainter(const Document& doc, const PlotGeometry& g, ArrowStats& stats) : doc_(doc), g_(g), stats_(stats) {}

  // Draws one hop; returns false when it is not on screen (a hidden lane, off the visible rows).
  bool draw(size_t i, ImU32 color, float thickness) {
    const auto& h = doc_.trace().hops;
    const auto& layout = doc_.layout();
    const int rf = layout.row_of_lane(h.from[i]), rt = layout.row_of_lane(h.to[i]);
    if (rf < 0 || rt < 0) return false;
    const float ys = g_.row_center(layout.rows()[static_cast<size_t>(rf)]);
    const float yr = g_.row_center(layout.rows()[static_cast<size_t>(rt)]);
    if (std::max(ys, yr) < g_.clip_top || std::min(ys, yr) > g_.clip_bottom) return false;
    const ImVec2 a(g_.x_of(h.t_send[i]), ys);
    ImVec2 b;
    bool head = true;
    if (!h.arrived(i)) {
      // Lost on the way: a short stub towards the receiver, ending in a cross.
      b = ImVec2(a.x + 16, ys + (yr - ys) * 0.35f + (rf == rt ? 8 : 0));
      g_.draw->AddLine(a, b, color, thickness);
      const ImU32 red = palette::rgba(tracefile::kFaultColor);
      g_.draw->AddLine(ImVec2(b.x - 4, b.y - 4), ImVec2(b.x + 4, b.y + 4), red, 2);
      g_.draw->AddLine(ImVec2(b.x - 4, b.y + 4), ImVec2(b.x + 4, b.y - 4), red, 2);
      hit(i, a, b);
      return true;
    }
    b = ImVec2(g_.x_of(h.t_recv[i]), yr);
    if (h.t_recv[i] > g_.t_limit) {  // still on the wire at the playback cursor
      const double f = (g_.t_limit - h.t_send[i]) / (h.t_recv[i] - h.t_send[i]);
      b = ImVec2(a.x + static_cast<float>(f) * (b.x - a.x), a.y + static_cast<float>(f) * (b.y - a.y));
      head = false;
    }
    if (rf == rt) {
      // Both ends on one row (a collapsed host): a flat hook so that it still shows.
      const ImVec2 a1(a.x, a.y - 5), b1(b.x, b.y - 5);
      g_.draw->AddLine(a, a1, color, thickness);
      g_.draw->AddLine(a1, b1, color, thickness);
      g_.draw->AddLine(b1, b, color, thickness);
      hit(i, a1, b1);
      return true;
    }
    g_.draw->AddLine(a, b, color, thickness);
    const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
    if (head && len > 10) {
      const float ux = dx / len, uy = dy / len, s = 4 + thickness;
      g_.draw->AddTriangleFilled(b, ImVec2(b.x - ux * s * 1.6f - uy * s * 0.8f, b.y - uy * s * 1.6f + ux * s * 0.8f),
                                 ImVec2(b.x - ux * s * 1.6f + uy * s * 0.8f, b.y - uy * s * 1.6f - ux * s * 0.8f),
                                 color);
    }
    if (doc_.trace().hop_status(i) == tracefile::HopStatus::Dropped)
      g_.draw->AddCircle(b, 4, palette::rgba(tracefile::kFaultColor), 8, 1.5f);
    hit(i, a, b);
    return true;
  }

 private:
  void hit(size_t i, ImVec2 a, ImVec2 b) {
    if (!g_.mouse_in_plot) return;
    const float d = distance_to_segment(g_.mouse, a, b);
    if (d < kHitPx && d <= stats_.hovered_distance) {
      stats_.hovered_distance = d;
      stats_.hovered_hop = static_cast<long>(i);
      stats_.bundle_hovered = false;
    }
  }

  const Document& doc_;
  const PlotGeometry& g_;
  ArrowStats& stats_;
};

// Per row, hops at its lanes in each bucket marked in `dense`: bars scaled on a log axis, a count over each run of
// buckets.
void draw_density(const Document& doc, const PlotGeometry& g, const tracefile::ArrowPlan& plan,
                  const std::vector<uint8_t>& dense) {
  const auto& rows = doc.layout().rows();
  const size_t buckets = dense.size();
  std::vector<size_t> counts(buckets);
  std::vector<std::vector<size_t>> per_row(rows.size());
  size_t max_count = 1;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (!g.row_visible(rows[r])) continue;
    auto& c = per_row[r];
    c.assign(buckets, 0);
    for (size_t b = 0; b < buckets; ++b) {
      if (!dense[b]) continue;
      const double a = plan.bucket_start(b), z = std::min(plan.bucket_start(b + 1), g.t_limit);
      if (a > g.t_limit) break;
      for (int lane : doc.layout().lanes_in_row(r)) c[b] += doc.index().activity(lane, a, z);
      max_count = std::max(max_count, c[b]);
    }
  }
  const double log_max = std::log1p(static_cast<double>(max_count));
  for (size_t r = 0; r < rows.size(); ++r) {
    const auto& c = per_row[r];
    if (c.empty()) continue;
    // Bars stand on the row's middle line, or in the top half of a row that carries a graph.
    const float top = g.row_top(rows[r]);
    const bool graph_row = doc.layout().graph_row(rows[r]);
    const float h = graph_row ? rows[r].height * 0.4f : std::min(rows[r].height, 24.0f) - 4;
    const float bottom = graph_row ? top + 2 + h : top + rows[r].height / 2 + h / 2;
    size_t b = 0;
    while (b < buckets) {
      if (!dense[b]) {
        ++b;
        continue;
      }
      const size_t run_start = b;
      size_t total = 0;
      for (; b < buckets && dense[b]; ++b) {
        total += c[b];
        if (!c[b]) continue;
        const float bar = std::max(1.5f, static_cast<float>(std::log1p(static_cast<double>(c[b])) / log_max) * h);
        g.draw->AddRectFilled(ImVec2(g.x_of(plan.bucket_start(b)), bottom - bar),
                              ImVec2(g.x_of(plan.bucket_start(b + 1)) - 1, bottom), palette::kDensity);
      }
      if (!total) continue;
      const std::string label = short_count(total);
      const float xa = g.x_of(plan.bucket_start(run_start)), xb = g.x_of(plan.bucket_start(b));
      const ImVec2 size = ImGui::CalcTextSize(label.c_str());
      if (xb - xa > size.x + 6) {
        const ImVec2 at((xa + xb - size.x) / 2, graph_row ? top + 2 : top + (rows[r].height - size.y) / 2);
        g.draw->AddRectFilled(ImVec2(at.x - 2, at.y), ImVec2(at.x + size.x + 2, at.y + size.y),
                              IM_COL32(20, 24, 30, 200), 3);
        draw_text(g.draw, at, palette::kDensityText, label, true);
      }
    }
  }
}

// Bundles: per bucket, side by side in the slots the plan gave them, each from its sender's row to its receiver's,
// as thick as the log of its count. Returns the mask of buckets that overflowed (density bars instead).
std::vector<uint8_t> draw_bundles(const Document& doc, const PlotGeometry& g, const tracefile::ArrowPlan& plan,
                                  bool faded, ArrowStats& stats) {
  BundleOptions options;
  const float bucket_px = static_cast<float>(plan.bucket_seconds / g.view->span()) * g.width();
  options.max_slots = std::max(1, static_cast<int>(bucket_px / px(3.5f)));
  const std::vector<BundleBucket> buckets = plan_bundles(doc.channels(), plan, doc.layout(), g.t_limit, options);
  std::vector<uint8_t> overflow(plan.dense.size(), 0);
  const auto& rows = doc.layout().rows();
  for (const BundleBucket& bucket : buckets) {
    if (bucket.overflow) {
      overflow[bucket.bucket] = 1;
      continue;
    }
    const float xa = g.x_of(bucket.t0), xb = g.x_of(plan.bucket_start(bucket.bucket + 1));
    const float slot_w = (xb - xa) / static_cast<float>(std::max(bucket.slots, 1));
    for (const Bundle& b : bucket.bundles) {
      const float ys = g.row_center(rows[static_cast<size_t>(b.row_from)]);
      const float yr = g.row_center(rows[static_cast<size_t>(b.row_to)]);
      if (std::max(ys, yr) < g.clip_top || std::min(ys, yr) > g.clip_bottom) continue;
      // Thickness by the log of the count; the flow's protocol chatter (acks, routing inside the broker,
      // heartbeats) quieter than the messages themselves, so that the graphs under them still read.
      const bool quiet = b.kind == HopKind::Ack || b.kind == HopKind::Route || b.kind == HopKind::Heartbeat ||
                         b.kind == HopKind::Control;
      const float thickness = std::clamp(px(0.8f) + px(0.7f) * std::log2(static_cast<float>(b.count)), px(1),
                                         std::max(px(1), std::min(px(5), slot_w * 0.7f))) *
                              (quiet ? 0.6f : 1.0f);
      const ImU32 color = palette::kind(b.kind, faded ? 35 : quiet ? 70 : 150);
      const ImVec2 a(xa + (static_cast<float>(b.slot) + 0.5f) * slot_w, ys);
      ImVec2 z(a.x + static_cast<float>(b.mean_flight / g.view->span()) * g.width(), yr);
      if (!b.arrived) z = ImVec2(a.x + px(6), ys + (yr - ys) * 0.35f);
      g.draw->AddLine(a, z, color, thickness);
      const float dy = z.y - a.y, dx = z.x - a.x, len = std::sqrt(dx * dx + dy * dy);
      if (!b.arrived) {
        const ImU32 red = palette::rgba(tracefile::kFaultColor);
        const float s = px(3.5f);
        g.draw->AddLine(ImVec2(z.x - s, z.y - s), ImVec2(z.x + s, z.y + s), red, px(2));
        g.draw->AddLine(ImVec2(z.x - s, z.y + s), ImVec2(z.x + s, z.y - s), red, px(2));
      } else if (len > px(12)) {
        const float ux = dx / len, uy = dy / len, s = px(3) + thickness * 0.6f;
        g.draw->AddTriangleFilled(z, ImVec2(z.x - ux * s * 1.6f - uy * s, z.y - uy * s * 1.6f + ux * s),
                                  ImVec2(z.x - ux * s * 1.6f + uy * s, z.y - uy * s * 1.6f - ux * s), color);
      }
      ++stats.bundles;
      if (!g.mouse_in_plot) continue;
      const float d = distance_to_segment(g.mouse, a, z) - thickness / 2;
      if (d < kHitPx && d <= stats.hovered_distance) {
        stats.hovered_distance = d;
        stats.hovered_hop = -1;
        stats.bundle_hovered = true;
        const auto& lanes = doc.layout().lanes_in_row(static_cast<size_t>(b.row_from));
        const auto& lanes_to = doc.layout().lanes_in_row(static_cast<size_t>(b.row_to));
        stats.bundle = HoveredBundle{b.kind,
                                     b.arrived,
                                     b.count,
                                     lanes.empty() ? -1 : lanes.front(),
                                     lanes_to.empty() ? -1 : lanes_to.front(),
                                     bucket.t0,
                                     bucket.t1,
                                     b.mean_flight};
      }
    }
  }
  return overflow;
}

}  // namespace

tracefile::ArrowPlan plan_frame(const Document& doc, const PlotGeometry& g) {
  // Buckets of some 56 pixels: up to one arrow a pixel is drawn hop by hop, more is bundled.
  tracefile::ArrowPlanOptions lod;
  lod.bucket_px = px(56);
  lod.max_per_bucket = static_cast<size_t>(lod.bucket_px);
  return tracefile::plan_arrows(doc.trace(), doc.index(), g.view->t0(), g.view->t1(), g.width(), g.t_limit, lod);
}

ArrowStats draw_bundle_layer(const Document& doc, const PlotGeometry& g, const tracefile::ArrowPlan& plan) {
  ArrowStats stats;
  stats.aggregated = plan.aggregated;
  draw_density(doc, g, plan, draw_bundles(doc, g, plan, doc.selected_call() != 0, stats));
  return stats;
}

ArrowStats draw_arrows(const Document& doc, const PlotGeometry& g, const ArrowOptions& options,
                       const tracefile::ArrowPlan& plan) {
  ArrowStats stats;
  const auto& trace = doc.trace();
  const bool selection = doc.selected_call() != 0;
  ArrowPainter painter(doc, g, stats);
  const bool filtering = options.dim_unfiltered && doc.filtering();
  for (uint32_t i : plan.arrows) {
    if (selection && doc.in_selected_call(i)) continue;  // drawn on top below
    const bool faded = selection || (filtering && !doc.matches(i));
    const HopKind kind = trace.hop_kind(i);
    const int alpha = faded ? 45 : kind == HopKind::Heartbeat ? 150 : 235;
    stats.drawn += painter.draw(i, palette::kind(kind, alpha), 1.5f);
  }
  // The selected call, whole, whatever the density.
  for (uint32_t i : doc.selected_hops()) {
    if (trace.hops.t_send[i] > g.t_limit) continue;
    stats.drawn += painter.draw(i, palette::kind(trace.hop_kind(i)), 2.6f);
  }
  // The hop under the mouse here or in the log.
  if (doc.hovered_hop >= 0 && trace.hops.t_send[static_cast<size_t>(doc.hovered_hop)] <= g.t_limit) {
    ArrowStats ignored;
    ArrowPainter highlight(doc, g, ignored);
    const auto i = static_cast<size_t>(doc.hovered_hop);
    highlight.draw(i, palette::kHover, 4.0f);
    highlight.draw(i, palette::kind(trace.hop_kind(i)), 2.0f);
  }
  return stats;
}

void bundle_tooltip(const Document& doc, const HoveredBundle& b) {
  const auto& lanes = doc.trace().lanes;
  const auto name = [&](int lane) { return lane < 0 ? std::string("?") : lanes[static_cast<size_t>(lane)].name; };
  ImGui::BeginTooltip();
  const tracefile::Rgb c = tracefile::kind_color(b.kind);
  ImGui::TextColored(ImVec4(c.r / 255.f, c.g / 255.f, c.b / 255.f, 1), "%zu %s hops", b.count,
                     tracefile::to_string(b.kind));
  ImGui::Text("%s -> %s", name(b.lane_from).c_str(), name(b.lane_to).c_str());
  const double resolution = (b.t1 - b.t0) / 100;
  ImGui::Text("leaving %s .. %s", tracefile::format_instant(b.t0, resolution).c_str(),
              tracefile::format_instant(b.t1, resolution).c_str());
  if (b.arrived)
    ImGui::Text("%s on the wire on average", tracefile::format_duration(b.mean_flight).c_str());
  else
    ImGui::TextColored(ImVec4(0.9f, 0.3f, 0.3f, 1), "never arrived");
  ImGui::TextDisabled("a bundle: zoom in for single arrows; click to zoom here");
  ImGui::EndTooltip();
}

void hop_tooltip(const Document& doc, size_t i) {
  const auto& trace = doc.trace();
  const auto& h = trace.hops;
  const auto lane = [&](int id) { return trace.lanes[static_cast<size_t>(id)].name.c_str(); };
  ImGui::BeginTooltip();
  const tracefile::Rgb c = tracefile::kind_color(trace.hop_kind(i));
  ImGui::TextColored(ImVec4(c.r / 255.f, c.g / 255.f, c.b / 255.f, 1), "%s", trace.kind_name(i).c_str());
  ImGui::SameLine();
  if (h.call[i])
    ImGui::Text("call #%llu %s", static_cast<unsigned long long>(h.call[i]), trace.method_name(i).c_str());
  else
    ImGui::TextDisabled("(no call)");
  ImGui::Text("%s -> %s", lane(h.from[i]), lane(h.to[i]));
  ImGui::Text("%llu bytes, message %llu", static_cast<unsigned long long>(h.bytes[i]),
              static_cast<unsigned long long>(h.msg[i]));
  ImGui::Text("sent     %s", doc.instant(h.from[i], h.t_send[i]).c_str());
  if (h.arrived(i)) {
    ImGui::Text("received %s", doc.instant(h.to[i], h.t_recv[i]).c_str());
    ImGui::Text("latency  %s", tracefile::format_duration(h.t_recv[i] - h.t_send[i]).c_str());
    // Two skewed clocks disagree on the flight time, down to a negative one: what a log read across hosts shows.
    const tracefile::HostTime& clocks = doc.host_time();
    if (doc.time_base() == tracefile::TimeBase::HostClock && (clocks.skewed(h.from[i]) || clocks.skewed(h.to[i])))
      ImGui::Text("         %s by the two clocks",
                  tracefile::format_duration(clocks.shown(doc.time_base(), h.to[i], h.t_recv[i]) -
                                             clocks.shown(doc.time_base(), h.from[i], h.t_send[i]))
                      .c_str());
  } else {
    ImGui::TextColored(ImVec4(0.9f, 0.3f, 0.3f, 1), "never arrived");
  }
  if (trace.hop_status(i) != tracefile::HopStatus::Ok) ImGui::Text("status   %s", trace.status_name(i).c_str());
  if (h.call[i]) ImGui::TextDisabled("click: follow this call");
  ImGui::EndTooltip();
}

}  // namespace buslab::viz
