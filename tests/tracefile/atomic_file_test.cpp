// AtomicFile: a file is written whole or not at all, whatever makes the write fail.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "tests/support/temp_dir.hpp"
#include "tracefile/atomic_file.hpp"

namespace buslab::tracefile {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
 protected:
  std::string path(const std::string& name) const { return dir_.file(name); }
  static std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  // Names in the directory, temporary files included.
  std::vector<std::string> listing() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_.path())) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

  const buslab::testing::TempDir dir_{"atomic"};
};

TEST_F(AtomicFileTest, CommittedTextReplacesTheFileWhole) {
  std::ofstream(path("out.json")) << "old";
  AtomicFile file(path("out.json"));
  file.write("{\"a\":");
  file.stream() << 1 << "}";
  EXPECT_EQ(slurp(path("out.json")), "old");  // nothing is in place before commit
  file.commit();
  EXPECT_EQ(slurp(path("out.json")), "{\"a\":1}");
  EXPECT_EQ(listing(), std::vector<std::string>{"out.json"});
}

TEST_F(AtomicFileTest, AnAbandonedFileLeavesTheOldOneAndNoTemporary) {
  std::ofstream(path("out.json")) << "old";
  {
    AtomicFile file(path("out.json"));
    file.write(std::string(3 << 20, 'x'));  // past the buffer: bytes reach the temporary file
  }
  EXPECT_EQ(slurp(path("out.json")), "old");
  EXPECT_EQ(listing(), std::vector<std::string>{"out.json"});
}

TEST_F(AtomicFileTest, AMissingDirectoryIsAnErrorNamingTheFile) {
  try {
    AtomicFile file(path("no/such/out.json"));
    FAIL() << "opened";
  } catch (const OutputError& e) {
    EXPECT_EQ(std::string(e.what()), path("no/such/out.json") + ": cannot write: No such file or directory");
  }
}

// Over a file size limit (as a full disk would), in a child process so that the limit stays there.
TEST_F(AtomicFileTest, AWriteOverTheFileSizeLimitFailsAndLeavesNothingHalfWritten) {
  std::ofstream(path("out.json")) << "old";
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const rlimit limit{64 << 10, 64 << 10};
    setrlimit(RLIMIT_FSIZE, &limit);
    int code = 1;
    try {
      AtomicFile file(path("out.json"));
      file.write(std::string(4 << 20, 'x'));
      file.commit();
    } catch (const OutputError& e) {
      code = std::string(e.what()) == path("out.json") + ": cannot write: File too large" ? 0 : 2;
    }
    _exit(code);
  }
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "the child died of signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(slurp(path("out.json")), "old");
  EXPECT_EQ(listing(), std::vector<std::string>{"out.json"});
}

// /dev/full is not a regular file: written in place, and its ENOSPC reported at commit.
TEST_F(AtomicFileTest, AFullDeviceIsReportedAtCommit) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  AtomicFile file("/dev/full");
  file.write("some text");
  try {
    file.commit();
    FAIL() << "committed";
  } catch (const OutputError& e) {
    EXPECT_EQ(std::string(e.what()), "/dev/full: cannot write: No space left on device");
  }
}

TEST_F(AtomicFileTest, ASymbolicLinkStaysALinkToTheNewFile) {
  std::ofstream(path("real.json")) << "old";
  fs::create_symlink("real.json", path("link.json"));
  write_file_atomically(path("link.json"), "new");
  EXPECT_TRUE(fs::is_symlink(path("link.json")));
  EXPECT_EQ(slurp(path("real.json")), "new");
  EXPECT_EQ(listing(), (std::vector<std::string>{"link.json", "real.json"}));
}

// An interrupted run (Ctrl-C) leaves no temporary file behind.
TEST_F(AtomicFileTest, AnInterruptRemovesTheTemporaryFile) {
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    AtomicFile file(path("out.json"));
    file.write(std::string(2 << 20, 'x'));
    const char byte = 1;
    (void)!::write(ready[1], &byte, 1);
    pause();
    _exit(0);
  }
  char byte = 0;
  ASSERT_EQ(read(ready[0], &byte, 1), 1);
  EXPECT_EQ(listing().size(), 1u);  // the temporary file, while it is written
  kill(child, SIGINT);
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT);
  EXPECT_TRUE(listing().empty());
  close(ready[0]);
  close(ready[1]);
}

}  // namespace
}  // namespace buslab::tracefile
