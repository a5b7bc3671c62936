#pragma once
// Running the `buslab` binary as a user does, for tests of the command line: its exit code and what it prints.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace buslab::testing {

struct CliOutcome {
  int exit_code;       // -1 when killed by a signal
  std::string output;  // stdout and stderr
};

// Runs `buslab ARGS` through the shell; `shell_prefix` runs first in the same shell (e.g. "ulimit -f 100; ").
inline CliOutcome run_buslab(const std::string& args, const std::string& shell_prefix = "") {
  const std::string command = shell_prefix + std::string(BUSLAB_BINARY) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string write_file(const std::string& dir, const std::string& name, const std::string& text) {
  const std::string path = dir + "/" + name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace buslab::testing
