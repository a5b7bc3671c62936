// Where `buslab run` and `buslab export` write: refused before the run when unusable, whole or not at all,
// cleaned of earlier runs' outputs, and the exit codes the README gives (1 usage, 5 an output not written).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/cli_support.hpp"
#include "tests/support/temp_dir.hpp"

namespace buslab {
namespace {

namespace fs = std::filesystem;
using testing::run_buslab;
using testing::slurp;
using testing::TempDir;

// Two variants: the first, busy, writes a trace of about a megabyte; the second, quiet, a few kilobytes.
constexpr const char* kBusyThenQuiet = R"({
  "duration": "1s",
  "platform": {"hosts": [{"name": "a", "cores": 4}, {"name": "b", "cores": 4}]},
  "brokers": [{"name": "mq", "host": "a"}],
  "services": [{"name": "svc", "transport": "broker:mq", "hosts": ["b"],
                "methods": {"m": {"service_time": {"dist": "constant", "value": "1ms"}}}}],
  "clients": [{"name": "c", "host": "a", "service": "svc", "method": "m", "count": 4,
               "arrival": {"kind": "poisson", "rate": 500}}],
  "variants": [{"name": "busy", "set": {}},
               {"name": "quiet", "set": {"clients[0].arrival.rate": 2}}]
})";

// Every file below `dir`, hidden ones (temporary files) included, relative to it.
std::vector<std::string> files_below(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) out.push_back(fs::relative(entry.path(), dir).string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(CliOutput, AnEmptyOutIsAUsageError) {
  const auto out = run_buslab("run --out \"\"");
  EXPECT_EQ(out.exit_code, 1);
  EXPECT_EQ(out.output, "buslab run: --out: expected a directory, found an empty name\n");
}

// Said at once, before any simulation: no table is printed.
TEST(CliOutput, AnUnusableOutIsRefusedBeforeTheRun) {
  const TempDir dir("cli-output");
  testing::write_file(dir.path(), "file", "x");
  const auto through_file = run_buslab("run --out " + dir.file("file/out"));
  EXPECT_EQ(through_file.exit_code, 5);
  EXPECT_EQ(through_file.output,
            "buslab: " + dir.file("file/out") + ": cannot write the outputs there: Not a directory\n");
  const auto a_file = run_buslab("run --out " + dir.file("file"));
  EXPECT_EQ(a_file.exit_code, 5);
  EXPECT_EQ(a_file.output,
            "buslab: " + dir.file("file") + ": cannot write the outputs there: it is a file, not a directory\n");
}

// A file size limit stands for a full disk: the busy variant's trace cannot be written, the quiet one's can.
TEST(CliOutput, AVariantWhoseOutputsCannotBeWrittenKeepsItsColumnAndLeavesNoFile) {
  const TempDir dir("cli-output");
  const std::string scenario = testing::write_file(dir.path(), "s.json", kBusyThenQuiet);
  const std::string out = dir.file("out");
  const auto run = run_buslab("run " + scenario + " --no-timing --out " + out, "ulimit -f 200; ");
  EXPECT_EQ(run.exit_code, 5) << run.output;
  EXPECT_NE(run.output.find("busy: outputs not written: " + out + "/busy/trace.json: cannot write: File too large\n"),
            std::string::npos)
      << run.output;
  // Both columns hold numbers: the busy run was simulated, only its files are missing.
  EXPECT_EQ(run.output.find(" failed\n"), std::string::npos) << run.output;
  EXPECT_EQ(files_below(out), (std::vector<std::string>{"quiet/metrics.json", "quiet/timeseries.csv",
                                                        "quiet/timeseries.json", "quiet/trace.json"}));
}

TEST(CliOutput, ARunWithoutTraceRemovesTheTraceOfAnEarlierRun) {
  const TempDir dir("cli-output");
  const std::string out = dir.file("out");
  ASSERT_EQ(run_buslab("run --set duration=1s --out " + out).exit_code, 0);
  ASSERT_TRUE(fs::exists(out + "/direct/trace.json"));
  testing::write_file(out, "notes.txt", "mine\n");
  const auto second = run_buslab("run --set duration=1s --set seed=2 --no-trace --no-timing --out " + out);
  EXPECT_EQ(second.exit_code, 0) << second.output;
  EXPECT_NE(second.output.find("buslab: removed " + out +
                               "/brokered/trace.json (an earlier run's; this run does not "
                               "write it)\n"),
            std::string::npos)
      << second.output;
  EXPECT_EQ(files_below(out),
            (std::vector<std::string>{"brokered/metrics.json", "brokered/timeseries.csv", "brokered/timeseries.json",
                                      "direct/metrics.json", "direct/timeseries.csv", "direct/timeseries.json",
                                      "notes.txt"}));
  EXPECT_NE(slurp(out + "/direct/metrics.json").find("\"seed\": 2"), std::string::npos);
}

TEST(CliOutput, ExportReportsAFullDiskAndPrintsNoSuccess) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  const TempDir dir("cli-output");
  ASSERT_EQ(run_buslab("run --set duration=200ms --variant direct --out " + dir.path()).exit_code, 0);
  const auto out = run_buslab("export --chrome " + dir.file("direct/trace.json") + " /dev/full");
  EXPECT_EQ(out.exit_code, 5);
  EXPECT_EQ(out.output, "buslab export: /dev/full: cannot write: No space left on device\n");
}

TEST(CliOutput, AnExportThatFailsLeavesTheEarlierFileWhole) {
  const TempDir dir("cli-output");
  ASSERT_EQ(run_buslab("run --set duration=1s --variant brokered --out " + dir.path()).exit_code, 0);
  const std::string target = testing::write_file(dir.path(), "perfetto.json", "earlier\n");
  const auto out = run_buslab("export --chrome " + dir.file("brokered/trace.json") + " " + target, "ulimit -f 100; ");
  EXPECT_EQ(out.exit_code, 5);
  EXPECT_EQ(out.output, "buslab export: " + target + ": cannot write: File too large\n");
  EXPECT_EQ(slurp(target), "earlier\n");
  EXPECT_EQ(files_below(dir.path()),
            (std::vector<std::string>{"brokered/metrics.json", "brokered/timeseries.csv", "brokered/timeseries.json",
                                      "brokered/trace.json", "perfetto.json"}));
  const auto missing =
      run_buslab("export --chrome " + dir.file("brokered/trace.json") + " " + dir.file("no/such.json"));
  EXPECT_EQ(missing.exit_code, 5);
  EXPECT_EQ(missing.output,
            "buslab export: " + dir.file("no/such.json") + ": cannot write: No such file or directory\n");
}

}  // namespace
}  // namespace buslab
