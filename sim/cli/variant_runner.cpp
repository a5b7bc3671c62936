#include "sim/cli/variant_runner.hpp"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

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

// What a child sent up its pipe (`text`) and how it ended (`status`, as waitpid gives it).
VariantOutcome outcome_of(const std::string& text, int status, const std::string& name) {
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

void run_in_processes(size_t count, int parallel, const std::function<RunJob(size_t)>& make,
                      const std::function<void(size_t, VariantOutcome&&)>& done) {
  // Collected as they end, not in job order: a short run that ends behind a long one frees its process at once (a
  // sweep's direct and brokered runs alternate, and in job order half the processes waited for the other half).
  struct Running {
    ForkedChild child;
    std::string name;
    size_t index;
    std::string text;  // what it sent so far: read as it comes, so that no child blocks on a full pipe
  };
  std::vector<Running> running;
  size_t started = 0, collected = 0;
  parallel = std::max(1, parallel);
  std::vector<char> buffer(65536);
  while (collected < count) {
    while (started < count && running.size() < static_cast<size_t>(parallel)) {
      const RunJob job = make(started);
      running.push_back({start(job.scenario, job.options), job.name, started, {}});
      ++started;
    }
    std::vector<pollfd> fds;
    for (const auto& r : running) fds.push_back({r.child.fd, POLLIN, 0});
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(fmt::format("cannot wait for the simulations: {}", std::strerror(errno)));
    }
    // From the last, so that removing one leaves the earlier ones where their pollfd says.
    for (size_t k = running.size(); k-- > 0;) {
      if (!(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      Running& r = running[k];
      const ssize_t n = read(r.child.fd, buffer.data(), buffer.size());
      if (n < 0 && errno == EINTR) continue;
      if (n > 0) {
        r.text.append(buffer.data(), static_cast<size_t>(n));
        continue;
      }
      close(r.child.fd);
      int status = 0;
      while (waitpid(r.child.pid, &status, 0) < 0 && errno == EINTR) {
      }
      VariantOutcome outcome = outcome_of(r.text, status, r.name);
      const size_t index = r.index;
      running.erase(running.begin() + static_cast<long>(k));
      ++collected;
      done(index, std::move(outcome));
    }
  }
}

std::vector<VariantOutcome> run_in_processes(const std::vector<RunJob>& jobs, int parallel,
                                             const std::function<void(size_t, size_t)>& on_finished) {
  std::vector<VariantOutcome> outcomes(jobs.size());
  size_t finished = 0;
  run_in_processes(
      jobs.size(), parallel, [&](size_t i) { return jobs[i]; },
      [&](size_t i, VariantOutcome&& outcome) {
        outcomes[i] = std::move(outcome);
        if (on_finished) on_finished(++finished, jobs.size());
      });
  return outcomes;
}

}  // namespace buslab
