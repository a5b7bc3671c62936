#pragma once
// Where an instant goes down the page of an SVG sequence diagram. Linear for a time range. Spaced by events for a
// call tree: a nova boot's hops come in bursts a few hundred microseconds apart, separated by seconds of waiting
// (a build on its compute), which a linear axis crushes into one unreadable line per burst. There, every instant a
// hop leaves or arrives has a row of its own, a gap between two rows adds room in proportion to its length, and a
// gap longer than a twentieth of the whole is cut out and drawn as a break that says how long it lasted.
#include <vector>

namespace buslab::tracefile {

// A stretch of time the axis leaves out: from t0 (drawn at y0) to t1 (drawn at y1).
struct AxisBreak {
  double t0 = 0, t1 = 0;
  double y0 = 0, y1 = 0;
};

class SvgTimeAxis {
 public:
  static constexpr double kRow = 16;           // px between two instants, however close
  static constexpr double kMaxRoom = 60;       // px added in proportion to a gap that is not cut out
  static constexpr double kBreakShare = 0.05;  // a gap longer than this share of the whole is cut out
  static constexpr double kBreak = 36;         // px a cut-out gap takes

  // [t0, t1] drawn over `height` px from `top` down.
  static SvgTimeAxis linear(double t0, double t1, double top, double height);
  // Every instant in `instants` (any order, repeats allowed) on a row of its own, from `top` down; `height` > 0
  // scales the whole to that many px.
  static SvgTimeAxis event_spaced(std::vector<double> instants, double top, double height = 0);

  // Piecewise linear between the axis' instants; beyond the first or the last, at the nearest segment's slope.
  double y(double t) const;
  double top() const { return y_.front(); }
  double bottom() const { return y_.back(); }
  double t_first() const { return t_.front(); }
  double t_last() const { return t_.back(); }
  bool is_linear() const { return linear_; }
  // The event-spaced axis' rows: each instant (sorted, without repeats) and its y.
  const std::vector<double>& instants() const { return t_; }
  const std::vector<double>& rows() const { return y_; }
  const std::vector<AxisBreak>& breaks() const { return breaks_; }

 private:
  std::vector<double> t_, y_;  // at least two knots, t_ increasing
  std::vector<AxisBreak> breaks_;
  bool linear_ = true;
};

}  // namespace buslab::tracefile
