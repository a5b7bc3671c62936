#include "visualizer/bench.hpp"

#include <GL/gl.h>

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tracefile/time_format.hpp"

namespace buslab::viz {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

void run_bench(Window& window, App& app, std::ostream& out) {
  TimelineView& view = app.view();
  const double begin = view.bounds_begin(), end = view.bounds_end(), span = end - begin;
  struct Case {
    std::string name;
    std::function<void(int)> setup;  // per frame
  };
  const std::vector<Case> cases = {
      {"whole trace (fit)", [&](int) { view.fit(); }},
      {"1/10 of the trace", [&](int) { view.set_range(begin + span * 0.45, begin + span * 0.55); }},
      {"1/1000 of the trace", [&](int) { view.set_range(begin + span * 0.5, begin + span * 0.501); }},
      {"10 ms", [&](int) { view.set_range(begin + span * 0.5, begin + span * 0.5 + 0.01); }},
      {"panning 1/10 views",
       [&](int f) {
         const double a = begin + span * (0.1 + 0.004 * f);
         view.set_range(a, a + span * 0.1);
       }},
      {"zooming in from fit",
       [&](int f) {
         const double w = span * std::pow(0.9, f);
         view.set_range(begin + span / 2 - w / 2, begin + span / 2 + w / 2);
       }},
  };
  constexpr int kWarmup = 3, kFrames = 60;
  const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  out << fmt::format("{} frames per case, {}x{} pixels, OpenGL renderer: {}\n", kFrames, window.framebuffer_width(),
                     window.framebuffer_height(), renderer ? renderer : "unknown");
  out << "| view | UI build (mean / max) | with OpenGL draw (mean / max) | arrows | bundles | hops in bundles or "
         "bars | vertices |\n"
         "|---|---:|---:|---:|---:|---:|---:|\n";
  for (const Case& c : cases) {
    std::vector<double> build, total;
    int vertices = 0;
    for (int f = -kWarmup; f < kFrames; ++f) {
      c.setup(std::max(f, 0));
      window.wait_events(true);
      const auto start = Clock::now();
      const FrameInput no_input;
      window.begin_frame(&no_input);
      app.frame(1.0 / 60);
      const double built = ms_since(start);
      window.render();
      glFinish();
      const double drawn = ms_since(start);
      vertices = std::max(vertices, ImGui::GetDrawData()->TotalVtxCount);
      window.present();
      if (f < 0) continue;
      build.push_back(built);
      total.push_back(drawn);
    }
    const auto mean = [](const std::vector<double>& v) {
      double s = 0;
      for (double x : v) s += x;
      return s / static_cast<double>(v.size());
    };
    out << fmt::format("| {} | {:.2f} / {:.2f} ms | {:.2f} / {:.2f} ms | {} | {} | {} | {} |\n", c.name, mean(build),
                       *std::max_element(build.begin(), build.end()), mean(total),
                       *std::max_element(total.begin(), total.end()), app.timeline().arrows_drawn(),
                       app.timeline().bundles_drawn(), app.timeline().hops_aggregated(), vertices);
  }
}

}  // namespace buslab::viz
