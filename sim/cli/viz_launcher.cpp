#include "sim/cli/viz_launcher.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "sim/cli/exit_codes.hpp"

namespace buslab::cli {

namespace {

// $BUSLAB_VIZ when set (tests point it at a stand-in), else the visualizer built beside this binary, else
// buslab-viz on the PATH.
std::string viz_binary() {
  if (const char* chosen = std::getenv("BUSLAB_VIZ"); chosen && *chosen) return chosen;
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  const auto candidate = self.parent_path() / "visualizer" / "buslab-viz";
  if (!ec && std::filesystem::exists(candidate)) return candidate.string();
  const auto sibling = self.parent_path() / "buslab-viz";
  if (!ec && std::filesystem::exists(sibling)) return sibling.string();
  return "buslab-viz";
}

}  // namespace

int launch_viz(std::vector<std::string> traces) {
  const std::string binary = viz_binary();
  std::vector<char*> argv{const_cast<char*>(binary.c_str())};
  for (auto& t : traces) argv.push_back(t.data());
  argv.push_back(nullptr);
  std::fflush(nullptr);
  execvp(binary.c_str(), argv.data());
  std::cerr << fmt::format("buslab: cannot start {} (is the visualizer built?)\n", binary);
  return kExitUsage;
}

}  // namespace buslab::cli
