#pragma once
// What part of time the timeline shows, shared by every trace on screen so that two runs compared side by side
// stay on one time axis. Plain arithmetic, no drawing: zoom around a point, pan, fit, zoom to a range.
namespace buslab::viz {

class TimelineView {
 public:
  // The span of the traces; the view may pan a little past it but not lose it.
  void set_bounds(double t_begin, double t_end);
  double bounds_begin() const { return begin_; }
  double bounds_end() const { return end_; }

  double t0() const { return t0_; }
  double t1() const { return t1_; }
  double span() const { return t1_ - t0_; }

  void fit();  // the whole span, with a small margin
  void set_range(double t0, double t1);
  // factor < 1 zooms in; the instant under `anchor` stays put.
  void zoom_at(double anchor, double factor);
  void pan(double seconds);
  // Moves the view so that [a, b] is visible, zooming out only when it does not fit.
  void reveal(double a, double b);
  void center_on(double t);

  // Between time and pixels, for a plot whose left edge is at x0 and that is `width` pixels wide.
  double x_of(double t, double x0, double width) const { return x0 + (t - t0_) / span() * width; }
  double t_of(double x, double x0, double width) const { return t0_ + (x - x0) / width * span(); }

  static constexpr double kMinSpan = 1e-9;  // one nanosecond across the plot

 private:
  void clamp();
  double begin_ = 0, end_ = 1;
  double t0_ = 0, t1_ = 1;
};

}  // namespace buslab::viz
