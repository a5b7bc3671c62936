#pragma once
// A directory of one test's own: created unique (mkdtemp under gtest's temporary root, which honours
// TEST_TMPDIR) and removed with everything in it when the object goes. Tests run in parallel (ctest -j) and
// repeatedly (--repeat): fixed or per-process names collide, and directories left behind pile up.
#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace buslab::testing {

class TempDir {
 public:
  // `label` goes into the name, to tell whose directory it is when a crashed test leaves one behind.
  explicit TempDir(const std::string& label = "test") {
    std::string root = ::testing::TempDir();
    if (root.empty() || root.back() != '/') root += '/';
    std::string pattern = root + "buslab-" + label + "-XXXXXX";
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    if (::mkdtemp(name.data()) == nullptr)
      throw std::runtime_error("cannot create a temporary directory " + pattern + ": " + std::strerror(errno));
    path_ = name.data();
  }
  ~TempDir() {
    std::error_code ignored;  // a destructor must not throw; what cannot be removed stays
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // The path of `name` inside the directory (not created).
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace buslab::testing
