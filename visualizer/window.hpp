#pragma once
// The GLFW window with an OpenGL 3 context and Dear ImGui on it (GLFW and OpenGL3 backends, DejaVu Sans when the
// system has it). One per process.
#include <stdexcept>
#include <string>

#include "visualizer/input_script.hpp"

struct GLFWwindow;

namespace buslab::viz {

class WindowError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Window {
 public:
  // scale enlarges fonts and widgets, e.g. 1.5 for a projector. Throws WindowError when no window can be opened
  // (no display: run under xvfb-run for screenshots).
  Window(int width, int height, const std::string& title, float scale);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  bool should_close() const;
  // Waits for input, unless the content animates (then it only polls).
  void wait_events(bool animating);
  // input: replaces the real mouse and keys for this frame (scripted or headless runs: a screenshot must not show
  // the hover state of wherever the pointer happens to be).
  void begin_frame(const FrameInput* input = nullptr);
  // Renders the frame into the back buffer; present() shows it.
  void render();
  void present();
  int framebuffer_width() const;
  int framebuffer_height() const;

 private:
  GLFWwindow* window_ = nullptr;
};

}  // namespace buslab::viz
