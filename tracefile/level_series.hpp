#pragma once
// A level that changes in steps over time (a queue's depth, a server's busy workers, a process up or down), with
// the maximum over any time range in O(log n), so a lane graph costs the same per pixel column at any zoom.
#include <cstddef>
#include <vector>

namespace buslab::tracefile {

class LevelSeries {
 public:
  LevelSeries() = default;
  explicit LevelSeries(double initial) : initial_(initial) {}

  // Points must come in time order; a point at the time of the previous one replaces it.
  void add(double t, double value);
  // Builds the range-maximum tree; call once after the last add().
  void finish();

  bool empty() const { return t_.empty(); }
  size_t size() const { return t_.size(); }
  double time(size_t i) const { return t_[i]; }
  double value(size_t i) const { return v_[i]; }
  double initial() const { return initial_; }
  double max() const { return max_; }

  // The level in effect at t (the initial level before the first point).
  double at(double t) const;
  // The highest level in effect at any moment of [t0, t1].
  double max_over(double t0, double t1) const;
  // Index of the last point at or before t, or -1.
  long index_at(double t) const;

 private:
  double range_max(size_t begin, size_t end) const;  // over points [begin, end)

  double initial_ = 0;
  double max_ = 0;
  std::vector<double> t_, v_;
  std::vector<double> tree_;  // bottom-up segment tree of maxima: leaves at [n, 2n)
};

}  // namespace buslab::tracefile
