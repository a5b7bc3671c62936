#include "sim/cli/viz_launcher.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "sim/cli/exit_codes.hpp"

namespace buslab::cli {

namespace {

std::string viz_binary() {
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
  if (traces.size() > 2) traces.resize(2);  // the visualizer compares two runs at a time
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
