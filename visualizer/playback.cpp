#include "visualizer/playback.hpp"

#include <algorithm>
#include <cmath>

namespace buslab::viz {

void Playback::set_span(double t_begin, double t_end) {
  begin_ = t_begin;
  end_ = std::max(t_begin, t_end);
  cursor_ = std::clamp(cursor_, begin_, end_);
}

void Playback::set_speed(double speed) {
  speed_ = std::clamp(speed, kMinSpeed, kMaxSpeed);
}

void Playback::seek(double t) {
  active_ = true;
  playing_ = false;
  cursor_ = std::clamp(t, begin_, end_);
}

void Playback::play() {
  if (!active_ || cursor_ >= end_) cursor_ = begin_;
  active_ = true;
  playing_ = true;
}

void Playback::toggle() {
  if (playing_)
    pause();
  else
    play();
}

void Playback::stop() {
  active_ = false;
  playing_ = false;
}

void Playback::advance(double wall_seconds) {
  if (!playing_) return;
  cursor_ += wall_seconds * speed_;
  if (cursor_ >= end_) {
    cursor_ = end_;
    playing_ = false;
  }
}

double next_time_after(const std::vector<double>& times, double t) {
  const auto it = std::upper_bound(times.begin(), times.end(), t);
  return it == times.end() ? NAN : *it;
}

double last_time_before(const std::vector<double>& times, double t) {
  const auto it = std::lower_bound(times.begin(), times.end(), t);
  return it == times.begin() ? NAN : *(it - 1);
}

}  // namespace buslab::viz
