// buslab-viz on bad input: a clear message naming the problem and a non-zero exit, before any window opens (so
// these tests need no display).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/support/sample_trace.hpp"

namespace buslab::viz {
namespace {

struct Result {
  int status = -1;
  std::string output;
};

Result run(const std::string& args) {
  Result r;
  const std::string command = std::string("DISPLAY= ") + BUSLAB_VIZ_BINARY + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return r;
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) r.output.append(buffer, n);
  const int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

class VizCli : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir() + "/buslab_viz_cli_" + std::to_string(getpid());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }
  std::string dir_;
};

TEST_F(VizCli, TruncatedTraceIsNamedAndRefused) {
  const std::string text = testdata::sample_trace_json();
  const Result r = run(write("cut.json", text.substr(0, text.size() / 3)));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("cut.json: the file ends early"), std::string::npos) << r.output;
}

TEST_F(VizCli, BadJsonAndWrongFormatAreRefused) {
  Result r = run(write("bad.json", "{\"format\": buslab}"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("bad.json: bad JSON at line 1, column"), std::string::npos) << r.output;
  r = run(write("other.json", testdata::replaced(testdata::sample_trace_json(), "buslab-trace", "other")));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("not a buslab trace"), std::string::npos) << r.output;
}

TEST_F(VizCli, OversizedTraceAndBadOptionsAreRefused) {
  const std::string path = write("t.json", testdata::sample_trace_json());
  Result r = run(path + " --max-size 0.001");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("--max-size"), std::string::npos) << r.output;
  r = run(path + " --range 2:1");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("--range"), std::string::npos) << r.output;
  r = run(path + " --call 99");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("has no such call"), std::string::npos) << r.output;
  r = run(path + " --size big");
  EXPECT_EQ(r.status, 2);
  r = run(dir_ + "/missing.json");
  EXPECT_EQ(r.status, 2);
}

TEST_F(VizCli, NoDisplayIsExplained) {
  const Result r = run(write("t.json", testdata::sample_trace_json()));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("xvfb-run"), std::string::npos) << r.output;
}

TEST_F(VizCli, HelpListsTheControls) {
  const Result r = run("--help");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.output.find("--screenshot"), std::string::npos);
  EXPECT_NE(r.output.find("W / S"), std::string::npos);
}

}  // namespace
}  // namespace buslab::viz
