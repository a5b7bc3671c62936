#include "sim/cli/variant_runner.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include <fmt/format.h>

namespace buslab {

namespace {

struct Child {
  pid_t pid = -1;
  int fd = -1;
};

// In the child: run, send "ok\n<wall>\n<metrics>" or "error\n<message>" up the pipe, exit.
[[noreturn]] void child_main(const Scenario& scenario, const RunOptions& options, int fd) {
  std::string message;
  int code = 0;
  try {
    RunResult result = run_scenario(scenario, options);
    message = fmt::format("ok\n{}\n{}", result.wall_seconds, result.metrics.dump());
  } catch (const std::exception& e) {
    message = std::string("error\n") + e.what();
    code = 3;
  }
  size_t written = 0;
  while (written < message.size()) {
    const ssize_t n = write(fd, message.data() + written, message.size() - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  close(fd);
  std::fflush(nullptr);
  _exit(code);
}

Child start(const Scenario& scenario, const RunOptions& options) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("cannot fork: ") + std::strerror(errno));
  if (pid == 0) {
    close(fds[0]);
    child_main(scenario, options, fds[1]);
  }
  close(fds[1]);
  return Child{pid, fds[0]};
}

VariantOutcome collect(const Child& child, const std::string& name) {
  std::string text;
  char buffer[65536];
  for (;;) {
    const ssize_t n = read(child.fd, buffer, sizeof buffer);
    if (n <= 0) break;
    text.append(buffer, static_cast<size_t>(n));
  }
  close(child.fd);
  int status = 0;
  waitpid(child.pid, &status, 0);
  VariantOutcome outcome;
  outcome.name = name;
  if (text.rfind("ok\n", 0) == 0) {
    const size_t line = text.find('\n', 3);
    outcome.wall_seconds = std::stod(text.substr(3, line - 3));
    outcome.metrics = nlohmann::ordered_json::parse(text.substr(line + 1));
  } else if (text.rfind("error\n", 0) == 0) {
    outcome.error = text.substr(6);
  } else if (WIFSIGNALED(status)) {
    outcome.error = fmt::format("the simulation process died (signal {})", WTERMSIG(status));
  } else {
    outcome.error = fmt::format("the simulation process ended without a result (exit status {})", WEXITSTATUS(status));
  }
  return outcome;
}

}  // namespace

std::vector<VariantOutcome> run_variants(const std::vector<Scenario>& scenarios, const RunOptions& options, int jobs) {
  std::vector<VariantOutcome> outcomes(scenarios.size());
  std::vector<Child> children(scenarios.size());
  size_t started = 0, collected = 0;
  jobs = std::max(1, jobs);
  while (collected < scenarios.size()) {
    while (started < scenarios.size() && started - collected < static_cast<size_t>(jobs)) {
      RunOptions own = options;
      if (!own.out_dir.empty() && scenarios.size() > 1) own.out_dir += "/" + scenarios[started].variant;
      children[started] = start(scenarios[started], own);
      ++started;
    }
    outcomes[collected] = collect(children[collected], scenarios[collected].variant);
    ++collected;
  }
  return outcomes;
}

}  // namespace buslab
