#pragma once
// The playback cursor: a lecturer steps or plays through a failure as it happens. While the cursor is active the
// timeline shows only what has happened up to it. Plain state, advanced by wall-clock time each frame.
#include <vector>

namespace buslab::viz {

class Playback {
 public:
  bool active() const { return active_; }
  bool playing() const { return playing_; }
  double cursor() const { return cursor_; }
  // Simulated seconds per wall-clock second.
  double speed() const { return speed_; }

  void set_span(double t_begin, double t_end);
  double span_begin() const { return begin_; }
  double span_end() const { return end_; }
  void set_speed(double speed);
  void seek(double t);  // shows the cursor there, paused
  void play();          // from the cursor; from the start when there is none or it reached the end
  void pause() { playing_ = false; }
  void toggle();
  void stop();  // hides the cursor: everything is shown again
  // Moves the cursor by wall_seconds x speed when playing; stops at the end.
  void advance(double wall_seconds);

  static constexpr double kMinSpeed = 1e-7;
  static constexpr double kMaxSpeed = 100;

 private:
  bool active_ = false;
  bool playing_ = false;
  double cursor_ = 0;
  double speed_ = 1e-2;
  double begin_ = 0, end_ = 0;
};

// For stepping: the first of the sorted `times` after t, or the last before t; NaN when there is none.
double next_time_after(const std::vector<double>& times, double t);
double last_time_before(const std::vector<double>& times, double t);

}  // namespace buslab::viz
