#include "visualizer/timeline_view.hpp"

#include <algorithm>
#include <cmath>

namespace buslab::viz {

void TimelineView::set_bounds(double t_begin, double t_end) {
  begin_ = t_begin;
  end_ = t_end > t_begin ? t_end : t_begin + 1e-3;
  clamp();
}

void TimelineView::fit() {
  const double margin = (end_ - begin_) * 0.01;
  // A run starts at 0: no stretch of negative time in front of it.
  t0_ = begin_ >= 0 ? std::max(0.0, begin_ - margin) : begin_ - margin;
  t1_ = end_ + margin;
}

void TimelineView::set_range(double t0, double t1) {
  if (!(t1 > t0)) std::swap(t0, t1);
  t0_ = t0;
  t1_ = t1;
  clamp();
}

void TimelineView::zoom_at(double anchor, double factor) {
  if (!(factor > 0) || !std::isfinite(factor)) return;
  t0_ = anchor - (anchor - t0_) * factor;
  t1_ = anchor + (t1_ - anchor) * factor;
  clamp();
}

void TimelineView::pan(double seconds) {
  t0_ += seconds;
  t1_ += seconds;
  clamp();
}

void TimelineView::reveal(double a, double b) {
  if (b - a > span() * 0.9) {
    const double margin = (b - a) * 0.1;
    set_range(a - margin, b + margin);
    return;
  }
  const double margin = span() * 0.05;
  if (a < t0_ + margin) pan(a - (t0_ + margin));
  if (b > t1_ - margin) pan(b - (t1_ - margin));
}

void TimelineView::center_on(double t) {
  pan(t - (t0_ + t1_) / 2);
}

void TimelineView::clamp() {
  const double full = end_ - begin_;
  const double max_span = full * 1.5;
  double s = std::clamp(t1_ - t0_, kMinSpan, std::max(max_span, kMinSpan));
  const double mid = (t0_ + t1_) / 2;
  t0_ = mid - s / 2;
  t1_ = mid + s / 2;
  // Keep some of the trace in view: no panning off into empty time.
  const double slack = std::max(s * 0.5, full * 0.05);
  if (t1_ < begin_ + s - slack) {
    t0_ = begin_ - slack;
    t1_ = t0_ + s;
  }
  if (t0_ > end_ - s + slack) {
    t1_ = end_ + slack;
    t0_ = t1_ - s;
  }
}

}  // namespace buslab::viz
