// buslab-viz on bad input: a clear message naming the problem and a non-zero exit, before any window opens (so
// these tests need no display).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/sample_trace.hpp"
#include "tests/support/temp_dir.hpp"

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

class VizCli : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }
  const testing::TempDir temp_{"viz-cli"};
  const std::string dir_ = temp_.path();
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
  for (const char* size : {"big", "99x900", "1600x", "x900", "16385x900", "1600x900x2", "1600X900", "-1600x900"}) {
    r = run(path + " --size " + size);
    EXPECT_EQ(r.status, 2) << size;
    EXPECT_NE(r.output.find("--size"), std::string::npos) << size << ": " << r.output;
  }
  // A good size passes the check: what stops this run is the missing display.
  r = run(path + " --size 16384x100");
  EXPECT_EQ(r.status, 1) << r.output;
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

TEST_F(VizCli, ShowNamesTracesByTagOrVariant) {
  const std::string a = write("a.json", testdata::sample_trace_json());
  const std::string b = write("b.json", testdata::replaced(testdata::sample_trace_json(), "brokered", "direct"));
  const Result r = run(a + " " + b + " --show brokered,nope");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("--show brokered,nope: no trace is called \"nope\" (open: A (brokered), B (direct))"),
            std::string::npos)
      << r.output;
  // Known names pass the check and go on to open the window (none here: exit 1, not 2).
  EXPECT_EQ(run(a + " " + b + " --show B,brokered").status, 1);
}

// `buslab run --viz` hands the visualizer every variant's trace, where the run wrote it; with --variant, the one
// trace of that variant. BUSLAB_VIZ points it at a stand-in that records its arguments.
class RunViz : public VizCli {
 protected:
  std::vector<std::string> run_viz(const std::string& args) {
    const std::string log = dir_ + "/args.txt", stand_in = dir_ + "/viz.sh";
    std::ofstream(stand_in) << "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > " << log << "\n";
    std::filesystem::permissions(stand_in, std::filesystem::perms::owner_all);
    std::filesystem::remove(log);
    const std::string command = "BUSLAB_VIZ=" + stand_in + " " + BUSLAB_BINARY + " run " + args + " > /dev/null";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    std::vector<std::string> lines;
    std::ifstream in(log);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }
};

TEST_F(RunViz, OpensEveryVariant) {
  const std::string lab = std::string(BUSLAB_SOURCE_DIR) + "/labs/08-scale-out/scenario.json";
  const auto traces = run_viz(lab + " --out " + dir_ + "/out --viz");
  ASSERT_EQ(traces.size(), 3u);
  for (const char* variant : {"brokered", "brokered-prefetch-1", "direct"}) {
    const std::string path = dir_ + "/out/" + variant + "/trace.json";
    EXPECT_NE(std::find(traces.begin(), traces.end(), path), traces.end()) << path;
    EXPECT_TRUE(std::filesystem::exists(path)) << path;
  }
}

TEST_F(RunViz, OpensTheOneVariantAsked) {
  const std::string lab = std::string(BUSLAB_SOURCE_DIR) + "/labs/08-scale-out/scenario.json";
  const auto traces = run_viz(lab + " --variant direct --out " + dir_ + "/one --viz");
  ASSERT_EQ(traces.size(), 1u);
  EXPECT_EQ(traces[0], dir_ + "/one/direct/trace.json");  // --out DIR always writes DIR/<variant>/
  EXPECT_TRUE(std::filesystem::exists(traces[0]));
}

}  // namespace
}  // namespace buslab::viz
