#pragma once
// Scripted input for headless runs: a screenshot can first replay mouse moves, clicks, drags, wheel turns and
// keys, one step per frame, so that tests exercise the interactions without a person (or xdotool) at the
// keyboard. Steps, separated by ';' or new lines:
//   move X Y          put the mouse at window pixel (X, Y)
//   press left|right  hold a mouse button down (until release)
//   release left|right
//   wheel N           turn the wheel N notches (positive: away from you, zooming in)
//   key K             tap a key for one frame: a letter, space, esc, comma, period
//   hold K N          hold a key down for N frames
//   frames N          let N frames pass
#include <string>
#include <vector>

namespace buslab::viz {

struct InputStep {
  enum class Kind { Move, Press, Release, Wheel, Key, Hold, Frames } kind = Kind::Frames;
  float x = 0, y = 0;
  int button = 0;  // 0 left, 1 right
  float wheel = 0;
  int key = 0;     // GLFW key code
  int frames = 1;  // frames this step lasts
};

// The state a frame's input is set to.
struct FrameInput {
  float x = -1e9f, y = -1e9f;  // off the window until the script moves the mouse
  bool down[2] = {false, false};
  float wheel = 0;
  std::vector<int> keys_down;
};

class InputScript {
 public:
  // Returns false with a message naming the bad step.
  bool parse(const std::string& text, std::string& error);
  bool empty() const { return steps_.empty(); }
  // Frames the whole script takes.
  int frames() const;
  // The input of frame f (0-based); frames past the end keep the last mouse position, nothing pressed.
  FrameInput at(int frame) const;

 private:
  std::vector<InputStep> steps_;
};

}  // namespace buslab::viz
