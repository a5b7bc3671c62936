#include "tracefile/svg_time_axis.hpp"

#include <algorithm>

namespace buslab::tracefile {

SvgTimeAxis SvgTimeAxis::linear(double t0, double t1, double top, double height) {
  SvgTimeAxis axis;
  axis.t_ = {t0, t1 > t0 ? t1 : t0 + 1e-9};
  axis.y_ = {top, top + height};
  return axis;
}

SvgTimeAxis SvgTimeAxis::event_spaced(std::vector<double> instants, double top, double height) {
  std::sort(instants.begin(), instants.end());
  instants.erase(std::unique(instants.begin(), instants.end()), instants.end());
  if (instants.size() < 2) return linear(instants.empty() ? 0.0 : instants.front(), 0.0, top, kRow);
  SvgTimeAxis axis;
  axis.linear_ = false;
  const double cut = kBreakShare * (instants.back() - instants.front());
  const double px_per_s = kMaxRoom / cut;  // the longest gap kept gets kMaxRoom
  axis.t_ = instants;
  axis.y_.assign(instants.size(), top);
  for (size_t i = 1; i < instants.size(); ++i) {
    const double gap = instants[i] - instants[i - 1];
    const bool cut_out = gap > cut;
    axis.y_[i] = axis.y_[i - 1] + (cut_out ? kBreak : kRow + gap * px_per_s);
    if (cut_out) axis.breaks_.push_back(AxisBreak{instants[i - 1], instants[i], axis.y_[i - 1], axis.y_[i]});
  }
  if (height > 0) {
    const double scale = height / (axis.y_.back() - top);
    for (double& y : axis.y_) y = top + (y - top) * scale;
    for (AxisBreak& b : axis.breaks_) b.y0 = top + (b.y0 - top) * scale, b.y1 = top + (b.y1 - top) * scale;
  }
  return axis;
}

double SvgTimeAxis::y(double t) const {
  // The segment holding t: [k - 1, k], clamped to the first and the last.
  size_t k = static_cast<size_t>(std::upper_bound(t_.begin(), t_.end(), t) - t_.begin());
  k = std::clamp<size_t>(k, 1, t_.size() - 1);
  const double t0 = t_[k - 1], t1 = t_[k];
  return y_[k - 1] + (t - t0) * (y_[k] - y_[k - 1]) / (t1 - t0);
}

}  // namespace buslab::tracefile
