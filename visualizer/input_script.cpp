#include "visualizer/input_script.hpp"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace buslab::viz {

namespace {

int key_code(std::string name) {
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (name.size() == 1 && name[0] >= 'A' && name[0] <= 'Z') return GLFW_KEY_A + (name[0] - 'A');
  if (name == "SPACE") return GLFW_KEY_SPACE;
  if (name == "ESC") return GLFW_KEY_ESCAPE;
  if (name == "COMMA") return GLFW_KEY_COMMA;
  if (name == "PERIOD") return GLFW_KEY_PERIOD;
  return -1;
}

}  // namespace

bool InputScript::parse(const std::string& text, std::string& error) {
  std::string normalized = text;
  std::replace(normalized.begin(), normalized.end(), ';', '\n');
  std::istringstream lines(normalized);
  std::string line;
  std::vector<InputStep> steps;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string verb;
    if (!(words >> verb)) continue;
    InputStep s;
    std::string arg;
    bool ok = true;
    if (verb == "move") {
      s.kind = InputStep::Kind::Move;
      ok = static_cast<bool>(words >> s.x >> s.y);
    } else if (verb == "press" || verb == "release") {
      s.kind = verb == "press" ? InputStep::Kind::Press : InputStep::Kind::Release;
      ok = static_cast<bool>(words >> arg) && (arg == "left" || arg == "right");
      s.button = arg == "right" ? 1 : 0;
    } else if (verb == "wheel") {
      s.kind = InputStep::Kind::Wheel;
      ok = static_cast<bool>(words >> s.wheel);
    } else if (verb == "key" || verb == "hold") {
      s.kind = verb == "key" ? InputStep::Kind::Key : InputStep::Kind::Hold;
      ok = static_cast<bool>(words >> arg) && (s.key = key_code(arg)) >= 0;
      if (ok && verb == "hold") ok = static_cast<bool>(words >> s.frames) && s.frames > 0;
    } else if (verb == "frames") {
      s.kind = InputStep::Kind::Frames;
      ok = static_cast<bool>(words >> s.frames) && s.frames > 0;
    } else {
      ok = false;
    }
    if (!ok) {
      error = "\"" + line + "\": expected move X Y, press/release left|right, wheel N, key K, hold K N or frames N";
      return false;
    }
    steps.push_back(s);
  }
  steps_ = std::move(steps);
  return true;
}

int InputScript::frames() const {
  int n = 0;
  for (const auto& s : steps_) n += s.frames;
  return n;
}

FrameInput InputScript::at(int frame) const {
  FrameInput in;
  int f = 0;
  for (const auto& s : steps_) {
    if (f > frame) break;
    const bool current = frame < f + s.frames;  // this step is the one playing at `frame`
    switch (s.kind) {
      case InputStep::Kind::Move:
        in.x = s.x, in.y = s.y;
        break;
      case InputStep::Kind::Press:
        in.down[s.button] = true;
        break;
      case InputStep::Kind::Release:
        in.down[s.button] = false;
        break;
      case InputStep::Kind::Wheel:
        if (current) in.wheel = s.wheel;
        break;
      case InputStep::Kind::Key:
      case InputStep::Kind::Hold:
        if (current) in.keys_down.push_back(s.key);
        break;
      case InputStep::Kind::Frames:
        break;
    }
    f += s.frames;
  }
  return in;
}

}  // namespace buslab::viz
