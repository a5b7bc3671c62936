// The buslab command as a user runs it: outputs, determinism across processes, exit codes and error texts.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/cli_support.hpp"
#include "tests/support/temp_dir.hpp"

namespace buslab {

namespace {

using testing::run_buslab;
using testing::slurp;
using testing::write_file;

testing::CliOutcome run(const std::string& args) {
  return run_buslab(args);
}

}  // namespace

TEST(Cli, TheSameScenarioAndSeedGiveByteIdenticalOutputs) {
  const testing::TempDir a_dir("det-a"), b_dir("det-b"), c_dir("det-c");
  // Outputs go to a directory the run creates (an existing one may be refused or cleaned).
  const std::string a = a_dir.file("out"), b = b_dir.file("out"), c = c_dir.file("out");
  const std::string args = "run --set duration=2s --out ";
  ASSERT_EQ(run(args + a).exit_code, 0);
  ASSERT_EQ(run(args + b).exit_code, 0);
  for (const char* variant : {"direct", "brokered"})
    for (const char* file : {"metrics.json", "trace.json"}) {
      const std::string first = slurp(a + "/" + variant + "/" + file);
      EXPECT_GT(first.size(), 1000u) << variant << "/" << file;
      EXPECT_TRUE(first == slurp(b + "/" + variant + "/" + file)) << variant << "/" << file << " differ";
    }
  // Another seed gives another run.
  ASSERT_EQ(run(args + c + " --set seed=2").exit_code, 0);
  EXPECT_FALSE(slurp(a + "/direct/metrics.json") == slurp(c + "/direct/metrics.json"));
}

TEST(Cli, TheDefaultRunPrintsBothVariantsSideBySide) {
  const testing::CliOutcome out = run("run --set duration=1s");
  ASSERT_EQ(out.exit_code, 0) << out.output;
  EXPECT_NE(out.output.find("direct"), std::string::npos);
  EXPECT_NE(out.output.find("brokered"), std::string::npos);
  EXPECT_NE(out.output.find("latency p99"), std::string::npos);
  EXPECT_NE(out.output.find("compute-4"), std::string::npos);
  EXPECT_NE(out.output.find("all accounted for"), std::string::npos);
}

TEST(Cli, BadOverrideExitsTwoNamingThePath) {
  const testing::CliOutcome out = run("run --set services[0].executor.workers=-3");
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_EQ(out.output, "<builtin default>: services[0].executor.workers: expected an integer >= 1, found -3\n");
}

TEST(Cli, ValidateReportsTheFirstErrorOfAFile) {
  const testing::TempDir temp("validate");
  const std::string& dir = temp.path();
  const std::string bad = write_file(dir, "bad.json", R"({"duration": "1s", "platfrom": {}})");
  const testing::CliOutcome out = run("validate " + bad);
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_EQ(out.output, bad + ": platfrom: unknown key; did you mean \"platform\"?\n");
  const testing::CliOutcome missing = run("validate " + dir + "/none.json");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.output, dir + "/none.json: cannot read the scenario file: No such file or directory\n");
}

TEST(Cli, ValidateAcceptsTheDefaultScenarioPrintedByDefault) {
  const testing::TempDir dir("default");
  const testing::CliOutcome printed = run("default");
  ASSERT_EQ(printed.exit_code, 0);
  const std::string file = write_file(dir.path(), "mine.json", printed.output);
  const testing::CliOutcome out = run("validate " + file);
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_NE(out.output.find("[direct]: ok"), std::string::npos) << out.output;
  EXPECT_NE(out.output.find("[brokered]: ok"), std::string::npos) << out.output;
}

TEST(Cli, UnknownVariantAndUnknownCommandAreRefused) {
  const testing::CliOutcome variant = run("run --variant fast");
  EXPECT_EQ(variant.exit_code, 2);
  EXPECT_EQ(variant.output, "<builtin default>: variants: expected one of \"direct\", \"brokered\", found \"fast\"\n");
  EXPECT_NE(run("frobnicate").exit_code, 0);
}

}  // namespace buslab
