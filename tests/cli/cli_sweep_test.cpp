// `buslab sweep` as a user runs it: shards merged give the unsharded tables byte for byte, a sweep started again
// runs only what is missing, the tables are tidy and the summary is the seeds' mean with its Student t interval,
// bad input says where, and crowded hosts are warned about.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>

#include "tests/support/cli_support.hpp"
#include "tests/support/csv_table.hpp"
#include "tests/support/temp_dir.hpp"

namespace buslab {
namespace {

namespace fs = std::filesystem;
using testing::run_buslab;
using testing::slurp;

// 3 points x 2 variants x 2 seeds of the default scenario, short.
const std::string kSweep = "--param services[0].replicas=2,4,8 --seeds 1-2 --set duration=300ms --jobs 2";

TEST(CliSweep, ShardsMergedGiveTheUnshardedTables) {
  testing::TempDir dir("sweep-shards");
  const auto whole = run_buslab("sweep " + kSweep + " --out " + dir.file("whole"));
  ASSERT_EQ(whole.exit_code, 0) << whole.output;
  std::string shards;
  for (int i = 1; i <= 3; ++i) {
    const std::string out = dir.file("shard-" + std::to_string(i));
    const auto part = run_buslab("sweep " + kSweep + " --shard " + std::to_string(i) + "/3 --out " + out);
    ASSERT_EQ(part.exit_code, 0) << part.output;
    EXPECT_NE(part.output.find("(shard " + std::to_string(i) + "/3: 4); 4 to run"), std::string::npos) << part.output;
    EXPECT_FALSE(fs::exists(out + "/results.csv"));  // a shard's tables would be a part's: --merge makes them
    shards += " " + out;
  }
  // Only some shards: the tables say which runs are missing, and the exit code too.
  const auto partial = run_buslab("sweep --merge " + dir.file("shard-1") + " --out " + dir.file("partial"));
  EXPECT_EQ(partial.exit_code, 3) << partial.output;
  EXPECT_NE(partial.output.find("8 of 12 runs missing"), std::string::npos) << partial.output;

  const auto merged = run_buslab("sweep --merge" + shards + " --out " + dir.file("merged"));
  ASSERT_EQ(merged.exit_code, 0) << merged.output;
  EXPECT_EQ(slurp(dir.file("merged/results.csv")), slurp(dir.file("whole/results.csv")));
  EXPECT_EQ(slurp(dir.file("merged/summary.csv")), slurp(dir.file("whole/summary.csv")));
  EXPECT_GT(slurp(dir.file("whole/results.csv")).size(), 1000u);
}

TEST(CliSweep, StartedAgainItRunsOnlyWhatIsMissing) {
  testing::TempDir dir("sweep-resume");
  ASSERT_EQ(run_buslab("sweep " + kSweep + " --out " + dir.path()).exit_code, 0);
  const std::string tables = slurp(dir.file("results.csv"));
  auto again = run_buslab("sweep " + kSweep + " --out " + dir.path());
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("12 runs; 0 to run, 12 done before"), std::string::npos) << again.output;
  // A run whose metrics are gone (interrupted before they were written) is run again, alone.
  fs::remove(dir.file("runs/2/brokered/seed-1/metrics.json"));
  again = run_buslab("sweep " + kSweep + " --out " + dir.path());
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("1 to run, 11 done before"), std::string::npos) << again.output;
  EXPECT_EQ(slurp(dir.file("results.csv")), tables);
  // Another sweep in the same place is refused before anything runs.
  const auto other = run_buslab("sweep --param services[0].replicas=1,2 --out " + dir.path());
  EXPECT_EQ(other.exit_code, 5) << other.output;
  EXPECT_NE(other.output.find("holds another sweep"), std::string::npos) << other.output;
}

TEST(CliSweep, ResultsAreTidyAndTheSummaryIsTheirMeanWithAStudentInterval) {
  testing::TempDir dir("sweep-tables");
  ASSERT_EQ(run_buslab("sweep " + kSweep + " --out " + dir.path()).exit_code, 0);
  const auto results = testing::read_csv(dir.file("results.csv"));
  EXPECT_EQ(results.header, (std::vector<std::string>{"point", "services[0].replicas", "variant", "seed", "kind",
                                                      "entity", "metric", "unit", "value"}));
  // p99 of every point, variant and seed, from results; the summary's mean and interval from them by hand.
  std::map<std::string, std::vector<double>> p99;
  for (size_t i = 0; i < results.rows.size(); ++i) {
    const auto& row = results.rows[i];
    if (row.at("metric") != "latency.p99") continue;
    EXPECT_EQ(row.at("unit"), "s");
    EXPECT_EQ(row.at("entity"), "api/compute.add");
    p99[row.at("services[0].replicas") + " " + row.at("variant")].push_back(results.number(i, "value"));
  }
  ASSERT_EQ(p99.size(), 6u);
  const auto summary = testing::read_csv(dir.file("summary.csv"));
  size_t checked = 0;
  for (size_t i = 0; i < summary.rows.size(); ++i) {
    const auto& row = summary.rows[i];
    if (row.at("metric") != "latency.p99") continue;
    const auto& v = p99.at(row.at("services[0].replicas") + " " + row.at("variant"));
    ASSERT_EQ(v.size(), 2u);
    EXPECT_EQ(row.at("n"), "2");
    const double mean = (v[0] + v[1]) / 2, sd = std::fabs(v[0] - v[1]) / std::sqrt(2.0);
    EXPECT_NEAR(summary.number(i, "mean"), mean, 1e-12);
    EXPECT_NEAR(summary.number(i, "sd"), sd, 1e-12);
    // t(0.975, 1) = 12.7062: one degree of freedom.
    EXPECT_NEAR(summary.number(i, "ci95_high") - mean, 12.706204736 * sd / std::sqrt(2.0), 1e-6);
    ++checked;
  }
  EXPECT_EQ(checked, 6u);
}

TEST(CliSweep, BadInputSaysWhere) {
  testing::TempDir dir("sweep-bad");
  const std::string out = " --out " + dir.path();
  auto r = run_buslab("sweep" + out);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("--param: expected at least one swept field"), std::string::npos) << r.output;
  r = run_buslab("sweep --param services[0].replicas=1,2 --shard 4/3" + out);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("--shard: expected I/N with 1 <= I <= N"), std::string::npos) << r.output;
  r = run_buslab("sweep --param services[0].replicas=1,2 --link platform.hosts[2].count=duration" + out);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("duration is not a swept parameter"), std::string::npos) << r.output;
  r = run_buslab("sweep --param services[0].replicas=1,2");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("--out DIR is required"), std::string::npos) << r.output;
  // A value the scenario refuses: the point is named, and nothing ran.
  r = run_buslab("sweep --param services[0].replicas=2,0" + out);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("point 2 (services[0].replicas=0): "), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir.file("runs")));
  r = run_buslab("sweep --merge " + dir.file("nowhere") + out);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("nowhere/sweep.json: cannot read it"), std::string::npos) << r.output;
}

TEST(CliSweep, ReplicasCrowdingTheirHostsAreWarnedAboutAndALinkSpreadsThem) {
  testing::TempDir dir("sweep-hosts");
  const std::string sweep = "sweep --param services[0].replicas=2,8 --variant direct --set duration=200ms";
  auto r = run_buslab(sweep + " --out " + dir.file("crowded"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("warning: service compute's replicas share hosts at some points and not at others: at "
                          "services[0].replicas=8, 8 replicas run on 4 hosts (16 cores in all); to give each replica "
                          "a host of its own, link the host count: --link "
                          "platform.hosts[2].count=services[0].replicas"),
            std::string::npos)
      << r.output;
  r = run_buslab(sweep + " --link platform.hosts[2].count=services[0].replicas --out " + dir.file("linked"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find("warning"), std::string::npos) << r.output;
  // Each of the 8 replicas on a host of its own.
  const std::string metrics = slurp(dir.file("linked/runs/2/direct/seed-1/metrics.json"));
  for (int h = 1; h <= 8; ++h)
    EXPECT_NE(metrics.find("\"host\": \"compute" + std::to_string(h) + "\""), std::string::npos) << h;
}

}  // namespace
}  // namespace buslab
