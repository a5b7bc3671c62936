#include "tracefile/level_series.hpp"

#include <algorithm>

namespace buslab::tracefile {

void LevelSeries::add(double t, double value) {
  if (!t_.empty() && t_.back() == t) {
    v_.back() = value;
    return;
  }
  t_.push_back(t);
  v_.push_back(value);
}

void LevelSeries::finish() {
  const size_t n = v_.size();
  tree_.assign(2 * n, 0);
  std::copy(v_.begin(), v_.end(), tree_.begin() + static_cast<std::ptrdiff_t>(n));
  for (size_t i = n; i-- > 1;) tree_[i] = std::max(tree_[2 * i], tree_[2 * i + 1]);
  max_ = initial_;
  for (double v : v_) max_ = std::max(max_, v);
}

long LevelSeries::index_at(double t) const {
  return static_cast<long>(std::upper_bound(t_.begin(), t_.end(), t) - t_.begin()) - 1;
}

double LevelSeries::at(double t) const {
  const long i = index_at(t);
  return i < 0 ? initial_ : v_[static_cast<size_t>(i)];
}

double LevelSeries::max_over(double t0, double t1) const {
  const long first = index_at(t0);
  const auto end = static_cast<size_t>(index_at(t1) + 1);
  double result = first < 0 ? initial_ : v_[static_cast<size_t>(first)];
  const size_t begin = first < 0 ? 0 : static_cast<size_t>(first);
  if (end > begin) result = std::max(result, range_max(begin, end));
  return result;
}

double LevelSeries::range_max(size_t begin, size_t end) const {
  const size_t n = v_.size();
  if (tree_.size() != 2 * n) {  // finish() not called: fall back to a scan
    return *std::max_element(v_.begin() + static_cast<std::ptrdiff_t>(begin),
                             v_.begin() + static_cast<std::ptrdiff_t>(end));
  }
  double result = tree_[begin + n];
  for (size_t l = begin + n, r = end + n; l < r; l >>= 1, r >>= 1) {
    if (l & 1) result = std::max(result, tree_[l++]);
    if (r & 1) result = std::max(result, tree_[--r]);
  }
  return result;
}

}  // namespace buslab::tracefile
