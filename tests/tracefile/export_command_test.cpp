#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/sample_trace.hpp"
#include "tests/support/temp_dir.hpp"
#include "tracefile/export_command.hpp"

namespace buslab::tracefile {
namespace {

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class ExportCommand : public ::testing::Test {
 protected:
  void SetUp() override { std::ofstream(trace) << testdata::sample_trace_json(); }
  // Parses a command line as main() would, with the export subcommand registered.
  int run(std::vector<std::string> args) {
    CLI::App app{"buslab"};
    int status = -1;
    CLI::App* cmd = add_export_command(app, status);
    std::vector<const char*> argv{"buslab", "export"};
    for (const auto& a : args) argv.push_back(a.c_str());
    try {
      app.parse(static_cast<int>(argv.size()), const_cast<char**>(argv.data()));
    } catch (const CLI::ParseError& e) {
      return 100 + app.exit(e);
    }
    EXPECT_TRUE(cmd->parsed());
    return status;
  }
  const testing::TempDir dir{"export"};  // removed with both files when the test ends
  const std::string trace = dir.file("export_in.json");
  const std::string out = dir.file("export_out");
};

TEST_F(ExportCommand, ChromeWritesParsableJson) {
  ASSERT_EQ(run({"--chrome", trace, out}), 0);
  const auto doc = nlohmann::json::parse(read(out));
  EXPECT_TRUE(doc.contains("traceEvents"));
}

TEST_F(ExportCommand, SvgWithRange) {
  ASSERT_EQ(run({"--svg", trace, out, "--range", "5.9ms:6.2ms"}), 0);
  const std::string svg = read(out);
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  size_t arrows = 0;
  for (size_t i = svg.find("<g class=\"hop "); i != std::string::npos; i = svg.find("<g class=\"hop ", i + 1)) ++arrows;
  EXPECT_EQ(arrows, 4u);  // the reply path, both ends of the range included
}

TEST_F(ExportCommand, ErrorsExitNonZeroAndLeaveNoHalfFile) {
  EXPECT_EQ(run({"--svg", trace, out, "--range", "9:10"}), kExportBadInput);
  EXPECT_FALSE(std::ifstream(out).good());
  EXPECT_EQ(run({"--svg", trace, out, "--range", "nonsense"}), kExportBadInput);
  EXPECT_EQ(run({"--chrome", "/nonexistent.json", out}), kExportBadInput);
  EXPECT_EQ(run({trace, out}), kExportBadInput);           // neither format
  EXPECT_GE(run({"--chrome", "--svg", trace, out}), 100);  // CLI11 refuses both
  EXPECT_EQ(run({"--chrome", trace, "/nonexistent/dir/out.json"}), kExportWriteFailed);
}

}  // namespace
}  // namespace buslab::tracefile
