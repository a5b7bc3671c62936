#include "sim/output/output_dir.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

#include "tracefile/atomic_file.hpp"

namespace buslab {

namespace fs = std::filesystem;

namespace {

constexpr const char* kOutputNames[] = {"metrics.json", "trace.json", "timeseries.csv", "timeseries.json"};

[[noreturn]] void refuse(const std::string& dir, const std::string& why) {
  throw tracefile::OutputError(fmt::format("{}: cannot write the outputs there: {}", dir, why));
}

void make_directory(const std::string& dir) {
  std::error_code error;
  if (fs::exists(dir, error) && !fs::is_directory(dir, error)) refuse(dir, "it is a file, not a directory");
  fs::create_directories(dir, error);
  if (error) refuse(dir, error.message());
  if (!fs::is_directory(dir, error)) refuse(dir, "it is not a directory");
}

// Creating a file is the only sure test: permissions say nothing of a read-only file system, and root passes them.
void check_writable(const std::string& dir) {
  const std::string probe = fmt::format("{}/.buslab-probe.{}", dir, getpid());
  const int fd = open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) refuse(dir, std::strerror(errno));
  close(fd);
  unlink(probe.c_str());
}

std::string normal(const fs::path& path) {
  return path.lexically_normal().string();
}

// Earlier outputs in `dir`: each is removed; the ones this run will not write again are added to `removed`.
void remove_earlier_outputs(const fs::path& dir, const std::vector<std::string>& written,
                            std::vector<std::string>& removed) {
  for (const char* name : kOutputNames) {
    const fs::path file = dir / name;
    std::error_code error;
    if (!fs::is_regular_file(file, error) || !is_buslab_output(file.string())) continue;
    if (!fs::remove(file, error) && error)
      refuse(dir.string(), fmt::format("cannot remove {}: {}", name, error.message()));
    if (std::find(written.begin(), written.end(), normal(file)) == written.end()) removed.push_back(file.string());
  }
}

}  // namespace

bool is_buslab_output(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[256] = {};
  in.read(head, sizeof head - 1);
  const std::string text(head, static_cast<size_t>(in.gcount()));
  if (text.rfind("t_start_s,t_end_s,kind,entity,", 0) == 0) return true;  // timeseries.csv
  return text.rfind("{", 0) == 0 && (text.find("\"schema\": \"buslab-metrics/") != std::string::npos ||
                                     text.find("\"schema\": \"buslab-timeseries/") != std::string::npos ||
                                     text.find("\"format\":\"buslab-trace\"") != std::string::npos);
}

PreparedOutput prepare_output(const OutputPlan& plan) {
  if (plan.root.empty()) refuse("--out", "an empty directory name");
  make_directory(plan.root);
  std::vector<std::string> written;
  for (const auto& dir : plan.dirs) {
    make_directory(dir);
    check_writable(dir);
    written.push_back(normal(fs::path(dir) / "metrics.json"));
    if (plan.trace) written.push_back(normal(fs::path(dir) / "trace.json"));
    if (plan.timeseries) {
      written.push_back(normal(fs::path(dir) / "timeseries.csv"));
      written.push_back(normal(fs::path(dir) / "timeseries.json"));
    }
  }
  std::vector<std::string> kept;  // directories this run writes
  for (const auto& dir : plan.dirs) kept.push_back(normal(dir));
  PreparedOutput result;
  // The root, and each sub-directory: one per variant of an earlier run.
  std::vector<fs::path> dirs{fs::path(plan.root)};
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(plan.root, error))
    if (entry.is_directory(error) && !entry.is_symlink(error)) dirs.push_back(entry.path());
  std::sort(dirs.begin() + 1, dirs.end());
  for (const auto& dir : dirs) {
    remove_earlier_outputs(dir, written, result.removed);
    // A variant directory left empty is the scenario's no longer: it goes too (a non-empty one stays).
    if (dir != fs::path(plan.root) && fs::is_empty(dir, error) &&
        std::find(kept.begin(), kept.end(), normal(dir)) == kept.end())
      fs::remove(dir, error);
  }
  return result;
}

}  // namespace buslab
