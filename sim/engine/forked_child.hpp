#pragma once
// A child process with a pipe back to its parent. SimGrid allows one Engine per process and ends the process on some
// errors, so whatever builds an Engine apart from the run at hand (a variant side by side, a check of a SimGrid
// option) does it in a child.
#include <sys/types.h>

#include <string>

namespace buslab {

struct ForkedChild {
  pid_t pid = -1;  // 0 in the child
  int fd = -1;     // the child: the pipe's writing end; the parent: its reading end
};

// Forks (stdio flushed first, so that nothing buffered is written twice). Throws std::runtime_error when it cannot.
ForkedChild fork_with_pipe();

// In the parent: everything the child writes until it closes the pipe, then its exit status (as waitpid gives it).
std::string read_until_exit(const ForkedChild& child, int& status);

}  // namespace buslab
