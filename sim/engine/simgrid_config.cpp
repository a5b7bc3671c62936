#include "sim/engine/simgrid_config.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <xbt/base.h>  // before simgrid/version.h, which needs its macros

#include <simgrid/version.h>
#include <simgrid/s4u.hpp>

#include "sim/engine/forked_child.hpp"
#include "sim/scenario/suggest.hpp"

namespace buslab {

namespace {

// Options SimGrid accepts that buslab must not: why, by name.
std::string refused_by_buslab(const std::string& name, const std::string& value) {
  if (name == "contexts/nthreads" && value != "1")
    return "buslab runs its actors one at a time (its models are not thread-safe); leave contexts/nthreads at 1";
  if (name == "network/model") return "the network model is the scenario's: set platform.network.model instead";
  return "";
}

struct ChildResult {
  bool ok = false;
  std::string text;  // what the child wrote to stdout and stderr
};

// Runs `body` in a forked process with stdout and stderr captured. SimGrid ends the process on some errors
// (xbt_die), and leaves its configuration set: neither may touch this process.
template <typename Body>
ChildResult in_child(Body&& body) {
  const ForkedChild child = fork_with_pipe();
  if (child.pid == 0) {
    dup2(child.fd, STDOUT_FILENO);
    dup2(child.fd, STDERR_FILENO);
    close(child.fd);
    int code = 0;
    try {
      body();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s\n", e.what());
      code = 1;
    }
    std::fflush(nullptr);
    _exit(code);
  }
  ChildResult result;
  int status = 0;
  result.text = read_until_exit(child, status);
  result.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return result;
}

// An Engine made with these arguments, and nothing else.
void make_engine(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(args.size());
  simgrid::s4u::Engine engine(&argc, argv.data());
}

// A log line without SimGrid's prefixes ("[0.000000] ./src/kernel/EngineImpl.cpp:254: [ker_engine/ERROR] ").
std::string without_log_prefix(std::string line) {
  for (const char* level : {"/CRITICAL] ", "/ERROR] ", "/WARNING] ", "/INFO] "})
    if (const size_t at = line.find(level); at != std::string::npos) line = line.substr(at + std::strlen(level));
  const size_t start = line.find_first_not_of(' ');
  return start == std::string::npos ? "" : line.substr(start);
}

// SimGrid's reason, on one line: without its log prefixes, its backtrace and its list of every option, from which
// a "did you mean" is drawn instead (`--cfg help` lists them all).
std::string reason_of(const std::string& text, const std::string& name) {
  std::istringstream in(text);
  std::string line, out;
  std::vector<std::string> keys;
  bool listing = false;
  while (std::getline(in, line)) {
    if (listing) {
      // "  contexts/factory: (string)raw"
      const size_t colon = line.find(": (");
      if (line.rfind("  ", 0) == 0 && colon != std::string::npos) keys.push_back(line.substr(2, colon - 2));
      continue;
    }
    if (line.rfind("Existing config keys:", 0) == 0) {
      listing = true;
      continue;
    }
    if (line.find("Current backtrace") != std::string::npos) break;
    line = without_log_prefix(line);
    if (line.empty() || line.find("Configuration change") != std::string::npos || line.rfind("Did you mean", 0) == 0)
      continue;
    out += (out.empty() ? "" : "; ") + line;
  }
  if (out.empty()) out = "SimGrid refused it";
  if (const auto hint = closest_match(name, keys)) out += fmt::format("; did you mean {}?", *hint);
  return out;
}

}  // namespace

std::vector<std::string> simgrid_config_from_environment() {
  std::vector<std::string> options;
  if (const char* text = std::getenv("BUSLAB_SIMGRID_CFG")) {
    std::istringstream items(text);
    for (std::string item; items >> item;) options.push_back(item);
  }
  return options;
}

std::vector<std::string> run_simgrid_config(const std::vector<std::string>& options) {
  std::vector<std::string> config = simgrid_config_from_environment();
  config.insert(config.end(), options.begin(), options.end());
  return config;
}

std::vector<std::string> engine_command_line(std::vector<std::string> base, const std::vector<std::string>& config) {
  for (const auto& option : config) base.push_back("--cfg=" + option);
  return base;
}

void check_simgrid_config(const std::vector<std::string>& options) {
  for (const auto& option : options) {
    const size_t colon = option.find(':');
    if (colon == std::string::npos || colon == 0)
      throw SimgridConfigError(fmt::format("--cfg {}: expected NAME:VALUE, like contexts/factory:thread", option));
    if (const std::string why = refused_by_buslab(option.substr(0, colon), option.substr(colon + 1)); !why.empty())
      throw SimgridConfigError(fmt::format("--cfg {}: {}", option, why));
    // One at a time, so that the error names the option at fault.
    const ChildResult result = in_child([&] { make_engine({"buslab", "--cfg=" + option}); });
    if (!result.ok)
      throw SimgridConfigError(
          fmt::format("--cfg {}: SimGrid refuses it: {}", option, reason_of(result.text, option.substr(0, colon))));
  }
}

size_t guarded_actor_limit() {
  size_t max_map_count = 65530;  // Linux's default, when /proc does not say
  std::ifstream in("/proc/sys/vm/max_map_count");
  in >> max_map_count;
  // Two mappings per guarded stack; the rest of the process (libraries, heap, SimGrid) keeps a reserve.
  constexpr size_t kReserve = 10000;
  return max_map_count > kReserve ? (max_map_count - kReserve) / 2 : 0;
}

bool fit_actor_stacks(size_t actors, const std::vector<std::string>& options) {
  // A user's stack or guard size stands. So does the thread factory, whose actors are threads with the system's
  // stacks (it ignores both options); naming a stack-switching factory (raw, the default, or ucontext, boost) does
  // not change what the stacks need.
  for (const auto& option : options)
    for (const char* chosen : {"contexts/stack-size:", "contexts/guard-size:", "contexts/factory:thread"})
      if (option.rfind(chosen, 0) == 0) return false;
  if (actors <= guarded_actor_limit()) return false;
  simgrid::s4u::Engine::set_config("contexts/guard-size", 0);
  simgrid::s4u::Engine::set_config("contexts/stack-size", kLargeRunStackKiB);
  return true;
}

std::string simgrid_config_help() {
  const ChildResult result = in_child([] { make_engine({"buslab", "--cfg-help"}); });
  return result.text;
}

std::string simgrid_version() {
  return fmt::format("{}.{}.{}", SIMGRID_VERSION_MAJOR, SIMGRID_VERSION_MINOR, SIMGRID_VERSION_PATCH);
}

}  // namespace buslab
