#include "sim/cli/variant_runner.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include <fmt/format.h>

#include "sim/engine/forked_child.hpp"

namespace buslab {

namespace {

// In the child: run, send what came of it up the pipe as one JSON object, exit. {"wall": seconds, "metrics": {...},
// "output_error": "..." (outputs not written)} or {"error": "..."}.
[[noreturn]] void child_main(const Scenario& scenario, const RunOptions& options, int fd) {
  nlohmann::ordered_json message;
  int code = 0;
  try {
    RunResult result = run_scenario(scenario, options);
    message["wall"] = result.wall_seconds;
    message["metrics"] = std::move(result.metrics);
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

std::string variant_out_dir(const std::string& out_dir, const std::vector<Scenario>& scenarios, size_t index) {
  if (out_dir.empty() || scenarios.size() < 2) return out_dir;
  return out_dir + "/" + scenarios[index].variant;
}

std::vector<VariantOutcome> run_variants(const std::vector<Scenario>& scenarios, const RunOptions& options, int jobs) {
  std::vector<VariantOutcome> outcomes(scenarios.size());
  std::vector<ForkedChild> children(scenarios.size());
  size_t started = 0, collected = 0;
  jobs = std::max(1, jobs);
  while (collected < scenarios.size()) {
    while (started < scenarios.size() && started - collected < static_cast<size_t>(jobs)) {
      RunOptions own = options;
      own.out_dir = variant_out_dir(options.out_dir, scenarios, started);
      children[started] = start(scenarios[started], own);
      ++started;
    }
    outcomes[collected] = collect(children[collected], scenarios[collected].variant);
    ++collected;
  }
  return outcomes;
}

}  // namespace buslab
