#include "sim/engine/forked_child.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace buslab {

ForkedChild fork_with_pipe() {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) {
    const int error = errno;
    close(fds[0]);
    close(fds[1]);
    throw std::runtime_error(std::string("cannot fork: ") + std::strerror(error));
  }
  close(pid == 0 ? fds[0] : fds[1]);
  return ForkedChild{pid, pid == 0 ? fds[1] : fds[0]};
}

std::string read_until_exit(const ForkedChild& child, int& status) {
  std::string text;
  char buffer[65536];
  for (;;) {
    const ssize_t n = read(child.fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buffer, static_cast<size_t>(n));
  }
  close(child.fd);
  status = 0;
  while (waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
  }
  return text;
}

}  // namespace buslab
