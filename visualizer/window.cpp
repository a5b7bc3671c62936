#include "visualizer/window.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cfloat>
#include <cmath>
#include <filesystem>
#include <string>

namespace buslab::viz {

namespace {

constexpr const char* kFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";  // Debian: fonts-dejavu-core
std::string glfw_error;

void on_glfw_error(int, const char* description) {
  glfw_error = description ? description : "unknown error";
}

void style(float scale) {
  ImGui::StyleColorsDark();
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowRounding = 0;
  s.ChildRounding = 2;
  s.FrameRounding = 3;
  s.GrabRounding = 3;
  s.WindowPadding = ImVec2(6, 6);
  s.ItemSpacing = ImVec2(7, 5);
  s.Colors[ImGuiCol_WindowBg] = ImVec4(0.10f, 0.11f, 0.13f, 1);
  s.Colors[ImGuiCol_ChildBg] = ImVec4(0.10f, 0.11f, 0.13f, 1);
  s.ScaleAllSizes(scale);
}

}  // namespace

Window::Window(int width, int height, const std::string& title, float scale) {
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit())
    throw WindowError(
        "cannot open a window (" + glfw_error +
        "); with no display, run it under xvfb-run, e.g. xvfb-run -a buslab-viz TRACE --screenshot out.png");
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
  window_ = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
  if (!window_) {
    glfwTerminate();
    throw WindowError("cannot create an OpenGL 3 window (" + glfw_error + ")");
  }
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no imgui.ini left behind
  std::error_code ec;
  if (std::filesystem::exists(kFont, ec))
    io.Fonts->AddFontFromFileTTF(kFont, std::round(15 * scale));
  else
    io.FontGlobalScale = scale;
  style(scale);
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  ImGui_ImplOpenGL3_Init("#version 130");
}

Window::~Window() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window_);
  glfwTerminate();
}

bool Window::should_close() const {
  return glfwWindowShouldClose(window_);
}

void Window::wait_events(bool animating) {
  if (animating)
    glfwPollEvents();
  else
    glfwWaitEventsTimeout(0.5);
}

void Window::begin_frame(const FrameInput* input) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  if (input) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = input->x < -1e8f ? ImVec2(-FLT_MAX, -FLT_MAX) : ImVec2(input->x, input->y);
    io.MouseDown[0] = input->down[0];
    io.MouseDown[1] = input->down[1];
    io.MouseWheel = input->wheel;
    io.MouseWheelH = 0;
    for (bool& key : io.KeysDown) key = false;
    for (int k : input->keys_down)
      if (k >= 0 && k < static_cast<int>(IM_ARRAYSIZE(io.KeysDown))) io.KeysDown[k] = true;
    io.KeyCtrl = io.KeyShift = io.KeyAlt = io.KeySuper = false;
  }
  ImGui::NewFrame();
}

void Window::render() {
  ImGui::Render();
  glViewport(0, 0, framebuffer_width(), framebuffer_height());
  glClearColor(0.1f, 0.11f, 0.13f, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Window::present() {
  glfwSwapBuffers(window_);
}

int Window::framebuffer_width() const {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  return w;
}

int Window::framebuffer_height() const {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  return h;
}

}  // namespace buslab::viz
