#include "sim/cli/variant_runner.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

#include "sim/engine/forked_child.hpp"

namespace buslab {

namespace {

// In the child: run, send what came of it up the pipe as one JSON object, exit. {"wall": seconds, "metrics": {...},
// "timeline": {...}, "output_error": "..." (outputs not written)} or {"error": "..."}.
[[noreturn]] void child_main(const Scenario& scenario, const RunOptions& options, int fd) {
  nlohmann::ordered_json message;
  int code = 0;
  try {
    RunResult result = run_scenario(scenario, options);
    message["wall"] = result.wall_seconds;
    message["metrics"] = std::move(result.metrics);
    message["timeline"] = std::move(result.timeline);
    if (!result.output_error.empty()) message["output_error"] = result.output_error, code = 5;
  } catch (const std::exception& e) {
    message["error"] = e.what();
    code = 3;
  }
  const std::string text = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = write(fd, text.data() + written, text.size() - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  close(fd);
  std::fflush(nullptr);
  _exit(code);
}

ForkedChild start(const Scenario& scenario, const RunOptions& options) {
  const ForkedChild child = fork_with_pipe();
  if (child.pid == 0) child_main(scenario, options, child.fd);
  return child;
}

VariantOutcome collect(const ForkedChild& child, const std::string& name) {
  int status = 0;
  const std::string text = read_until_exit(child, status);
  VariantOutcome outcome;
  outcome.name = name;
  const auto message = nlohmann::ordered_json::parse(text, nullptr, false);
  if (message.is_object() && message.contains("metrics")) {
    outcome.wall_seconds = message.value("wall", 0.0);
    outcome.metrics = message["metrics"];
    if (message.contains("timeline")) outcome.timeline = message["timeline"];
    if (message.contains("output_error")) {
      outcome.error = message["output_error"].get<std::string>();
      outcome.output_failed = true;
    }
  } else if (message.is_object() && message.contains("error")) {
    outcome.error = message["error"].get<std::string>();
  } else if (WIFSIGNALED(status)) {
    outcome.error =
        fmt::format("the simulation process died (signal {}: {})", WTERMSIG(status), strsignal(WTERMSIG(status)));
  } else {
    outcome.error = fmt::format("the simulation process ended without a result (exit status {})", WEXITSTATUS(status));
  }
  return outcome;
}

}  // namespace

std::vector<VariantOutcome> run_in_processes(const std::vector<RunJob>& jobs, int parallel,
                                             const std::function<void(size_t, size_t)>& on_finished) {
  std::vector<VariantOutcome> outcomes(jobs.size());
  std::vector<ForkedChild> children(jobs.size());
  size_t started = 0, collected = 0;
  parallel = std::max(1, parallel);
  while (collected < jobs.size()) {
    while (started < jobs.size() && started - collected < static_cast<size_t>(parallel)) {
      children[started] = start(jobs[started].scenario, jobs[started].options);
      ++started;
    }
    outcomes[collected] = collect(children[collected], jobs[collected].name);
    ++collected;
    if (on_finished) on_finished(collected, jobs.size());
  }
  return outcomes;
}

}  // namespace buslab
