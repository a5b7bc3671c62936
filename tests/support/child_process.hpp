#pragma once
// Runs a piece of a test in a forked child process and hands back what it returned. SimGrid allows one Engine
// per process and keeps global state after its run, so every simulation a test binary runs gets a process of its
// own: the binary then runs whole (`build/tests/buslab_engine_tests` with no filter), not just one test per
// process as ctest runs it. The fork and the pipe are sim/engine/forked_child's, as the CLI's variants use them.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <stdexcept>
#include <string>

#include "sim/engine/forked_child.hpp"

namespace buslab::testing {

// The child threw (its message), died of a signal, or ended without a result.
class ChildFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Calls `body` in a child process and returns its result; what `body` throws is rethrown here as a ChildFailure
// with the same message. The child ends with _exit: no atexit handlers, no gtest teardown in the child.
inline std::string in_child_process(const std::function<std::string()>& body) {
  const ForkedChild child = fork_with_pipe();
  if (child.pid == 0) {
    std::string message;
    try {
      message = "ok\n" + body();
    } catch (const std::exception& e) {
      message = std::string("error\n") + e.what();
    } catch (...) {
      message = "error\nan exception that is not a std::exception";
    }
    for (size_t written = 0; written < message.size();) {
      const ssize_t n = ::write(child.fd, message.data() + written, message.size() - written);
      if (n <= 0) break;
      written += static_cast<size_t>(n);
    }
    std::fflush(nullptr);
    ::_exit(0);
  }
  int status = 0;
  const std::string text = read_until_exit(child, status);
  if (text.rfind("ok\n", 0) == 0) return text.substr(3);
  if (text.rfind("error\n", 0) == 0) throw ChildFailure(text.substr(6));
  if (WIFSIGNALED(status))
    throw ChildFailure("the child process died of signal " + std::to_string(WTERMSIG(status)) + " (" +
                       strsignal(WTERMSIG(status)) + ")");
  throw ChildFailure("the child process ended without a result (exit status " + std::to_string(WEXITSTATUS(status)) +
                     ")");
}

}  // namespace buslab::testing
