// Every exit code the README documents, on every kind of path out, CLI11's own parse errors included: 0 ok,
// 1 usage, 2 bad input, 3 simulation failed, 4 check failed.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "tests/support/cli_support.hpp"
#include "tests/support/sim_support.hpp"
#include "tests/support/temp_dir.hpp"

namespace buslab {

namespace {

using Outcome = testing::CliOutcome;
Outcome run(const std::string& args) {
  return testing::run_buslab(args);
}
using testing::write_file;

}  // namespace

TEST(CliExitCodes, OkAndHelpAndVersionAreZero) {
  EXPECT_EQ(run("--help").exit_code, 0);
  EXPECT_EQ(run("run --help").exit_code, 0);
  const Outcome version = run("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.output.rfind("buslab 0.", 0), 0u) << version.output;
  EXPECT_NE(version.output.find("buslab-metrics/2"), std::string::npos) << version.output;
  EXPECT_EQ(run("default").exit_code, 0);
}

TEST(CliExitCodes, UsageErrorsAreOneWithAHint) {
  const Outcome nothing = run("");
  EXPECT_EQ(nothing.exit_code, 1);
  EXPECT_EQ(nothing.output,
            "buslab: a command is required: run, validate, check, schema, sweep, plot, default, export\n"
            "Run `buslab --help` for the commands and options.\n");
  const Outcome misspelt = run("run --sett duration=1s");
  EXPECT_EQ(misspelt.exit_code, 1);
  EXPECT_EQ(misspelt.output.substr(0, misspelt.output.find('\n')),
            "buslab run: unknown option --sett; did you mean --set?");
  const Outcome command = run("rnu");
  EXPECT_EQ(command.exit_code, 1);
  EXPECT_EQ(command.output.substr(0, command.output.find('\n')), "buslab: unknown command rnu; did you mean run?");
  EXPECT_EQ(run("frobnicate").exit_code, 1);
  const Outcome no_value = run("run --out");
  EXPECT_EQ(no_value.exit_code, 1);
  EXPECT_NE(no_value.output.find("--out"), std::string::npos);
  const Outcome jobs = run("run --jobs 0");
  EXPECT_EQ(jobs.exit_code, 1);
  EXPECT_EQ(jobs.output.substr(0, jobs.output.find('\n')),
            "buslab run: --jobs: expected a whole number from 1 to 4096, found \"0\"");
  EXPECT_EQ(run("run --jobs many").exit_code, 1);
  EXPECT_EQ(run("run --seeds 5-1").exit_code, 1);
  EXPECT_EQ(run("run --seed 1 --seeds 1-2").exit_code, 1);
  EXPECT_EQ(run("run --variant direct --variant direct --set duration=1s").exit_code, 1);
  EXPECT_EQ(run("check onlyone").exit_code, 1);
  EXPECT_EQ(run("validate").exit_code, 1);
  EXPECT_EQ(run("export").exit_code, 1);
}

TEST(CliExitCodes, BadInputIsTwo) {
  const testing::TempDir dir_tmp("exit-two");
  const std::string dir = dir_tmp.path() + "/t";
  std::filesystem::create_directories(dir);
  EXPECT_EQ(run("run --set services[0].executor.workers=-3").exit_code, 2);
  EXPECT_EQ(run("validate " + dir + "/none.json").exit_code, 2);
  EXPECT_EQ(run("run --variant fast").exit_code, 2);
  // An override naming an index one variant lacks names the variant.
  const std::string two = write_file(dir, "two.json", R"({
    "duration": "1s", "platform": {"hosts": [{"name": "h"}]},
    "services": [{"name": "s", "transport": "direct", "hosts": ["h"], "methods": {"m": {"service_time": "1ms"}}}],
    "clients": [{"name": "c", "host": "h", "service": "s", "method": "m", "arrival": {"kind": "poisson", "rate": 10}}],
    "variants": [{"name": "one", "set": {}},
                 {"name": "two", "set": {"clients": [{"name": "c", "host": "h", "service": "s", "method": "m",
                   "arrival": {"kind": "poisson", "rate": 10}}, {"name": "d", "host": "h", "service": "s", "method": "m",
                   "arrival": {"kind": "poisson", "rate": 10}}]}}]})");
  const Outcome index = run("run " + two + " --set clients[1].count=2");
  EXPECT_EQ(index.exit_code, 2);
  EXPECT_NE(index.output.find("(in variant \"one\")"), std::string::npos) << index.output;
  // check: an unreadable result, or a malformed EXPECTED file.
  EXPECT_EQ(run("check " + dir + "/nothing " + dir + "/e.check").exit_code, 2);
  const std::string metrics = write_file(dir, "metrics.json", R"({"schema": "buslab-metrics/2", "scenario": "s",
    "variant": "", "servers": [{"name": "a", "handled": 1}]})");
  const std::string bad = write_file(dir, "bad.check", "s/servers/a/handled 1\n");
  const Outcome malformed = run("check " + metrics + " " + bad);
  EXPECT_EQ(malformed.exit_code, 2);
  EXPECT_EQ(malformed.output,
            bad + ":1: expected \"PATH: VALUE [\xC2\xB1TOLERANCE]\", found \"s/servers/a/handled 1\"\n");
  EXPECT_EQ(run("check " + write_file(dir, "not.json", "{}") + " " + bad).exit_code, 2);
}

TEST(CliExitCodes, AFailedSimulationIsThree) {
  // Each variant's simulation process is killed (SIGXCPU: one second of CPU allowed, far less than 1000 simulated
  // seconds take): the runs fail, the command does not, and says so with 3.
  const Outcome out = testing::run_buslab("run --set duration=1000s --no-timing", "ulimit -t 1; ");
  EXPECT_EQ(out.exit_code, 3) << out.output;
  EXPECT_NE(out.output.find("direct: run failed: the simulation process died (signal"), std::string::npos)
      << out.output;
}

TEST(CliExitCodes, AnOutputNotWrittenIsFive) {
  const testing::TempDir tmp("exit-five");
  const std::string file = write_file(tmp.path(), "file", "x");
  EXPECT_EQ(run("run --set duration=1s --variant brokered --out " + file + "/out").exit_code, 5);
}

TEST(CliExitCodes, ARegressionIsFourAndWithinToleranceIsZero) {
  const testing::TempDir dir_tmp("exit-four");
  const std::string dir = dir_tmp.path() + "/t";
  std::filesystem::create_directories(dir);
  const std::string metrics = write_file(dir, "metrics.json", R"({"schema": "buslab-metrics/2", "scenario": "s",
    "variant": "", "servers": [{"name": "a", "handled": 100}]})");
  EXPECT_EQ(run("check " + metrics + " " + write_file(dir, "ok.check", "s/servers/a/handled: 95 +-10%\n")).exit_code,
            0);
  const Outcome moved = run("check " + metrics + " " + write_file(dir, "moved.check", "s/servers/a/handled: 50\n"));
  EXPECT_EQ(moved.exit_code, 4);
  EXPECT_NE(moved.output.find("FAIL     s/servers/a/handled"), std::string::npos) << moved.output;
  EXPECT_EQ(run("check " + metrics + " " + write_file(dir, "gone.check", "s/servers/b/handled: 1\n")).exit_code, 4);
}

}  // namespace buslab
