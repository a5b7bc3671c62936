#include "sim/plot/gnuplot_runner.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sstream>

#include <fmt/format.h>

#include "sim/plot/plot_error.hpp"

namespace buslab::plot {

namespace fs = std::filesystem;

std::string find_gnuplot() {
  if (const char* own = std::getenv("BUSLAB_GNUPLOT"); own && *own)
    return access(own, X_OK) == 0 ? std::string(own) : std::string();
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const std::string candidate = (dir.empty() ? std::string(".") : dir) + "/gnuplot";
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

namespace {

// A hidden folder of our own beside the charts, removed with what is left in it.
class DrawingFolder {
 public:
  explicit DrawingFolder(const std::string& dir) {
    std::string pattern = (fs::path(dir) / ".buslab-plot-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
      throw PlotOutputError(fmt::format("{}: cannot create a folder there: {}", dir, std::strerror(errno)));
    path_ = pattern;
  }
  ~DrawingFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

std::string run_gnuplot(const std::string& script, const std::string& dir, const std::vector<std::string>& files) {
  const std::string gnuplot = find_gnuplot();
  if (gnuplot.empty())
    throw PlotOutputError(
        fmt::format("gnuplot is not installed{}: buslab plot draws with it (Debian: apt-get install gnuplot-nox). The "
                    "script is written: {}; gnuplot draws it wherever it is installed",
                    std::getenv("BUSLAB_GNUPLOT") ? fmt::format(" ($BUSLAB_GNUPLOT={})", std::getenv("BUSLAB_GNUPLOT"))
                                                  : std::string(),
                    script));
  const DrawingFolder folder(dir);
  const std::string absolute_script = fs::absolute(script).string();
  int err[2];
  if (pipe(err) != 0) throw PlotOutputError(fmt::format("cannot run gnuplot: {}", std::strerror(errno)));
  const pid_t child = fork();
  if (child < 0) throw PlotOutputError(fmt::format("cannot run gnuplot: {}", std::strerror(errno)));
  if (child == 0) {
    dup2(err[1], STDERR_FILENO);
    const int devnull = open("/dev/null", O_RDWR);
    dup2(devnull, STDIN_FILENO);
    dup2(devnull, STDOUT_FILENO);
    close(err[0]);
    if (chdir(folder.path().c_str()) != 0) _exit(126);
    execl(gnuplot.c_str(), "gnuplot", absolute_script.c_str(), static_cast<char*>(nullptr));
    dprintf(STDERR_FILENO, "cannot run %s: %s\n", gnuplot.c_str(), std::strerror(errno));
    _exit(127);
  }
  close(err[1]);
  std::string said;
  char buffer[4096];
  for (ssize_t n; (n = read(err[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    said.append(buffer, static_cast<size_t>(n));
  }
  close(err[0]);
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw PlotOutputError(fmt::format("gnuplot ({}) failed on {}{}", gnuplot, script,
                                      said.empty() ? std::string() : ":\n" + said.substr(0, 2000)));
  for (const auto& file : files) {
    const fs::path drawn = fs::path(folder.path()) / file;
    std::error_code error;
    if (!fs::exists(drawn, error))
      throw PlotOutputError(fmt::format("gnuplot ({}) wrote no {} from {}", gnuplot, file, script));
    fs::rename(drawn, fs::path(dir) / file, error);
    if (error) throw PlotOutputError(fmt::format("{}: {}", (fs::path(dir) / file).string(), error.message()));
  }
  return said;
}

}  // namespace buslab::plot
