// `buslab run` and its time series as a user meets them: the files beside metrics.json, --bucket and its limits,
// --no-timeseries, and --sparklines after the table.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/cli_support.hpp"
#include "tests/support/csv_table.hpp"
#include "tests/support/temp_dir.hpp"

namespace buslab {

namespace {

std::set<std::string> bucket_starts(const testing::CsvTable& csv) {
  std::set<std::string> starts;
  for (const auto& row : csv.rows) starts.insert(row.at("t_start_s"));
  return starts;
}

}  // namespace

TEST(CliTimeseries, EveryRunWritesItsTimeSeriesWithOrWithoutTrace) {
  testing::TempDir dir("cli-ts");
  const auto outcome = testing::run_buslab("run --no-trace --bucket 1s --out " + dir.path());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  for (const char* run : {"direct", "brokered"}) {
    const std::string base = dir.path() + "/" + run;
    EXPECT_TRUE(std::filesystem::exists(base + "/timeseries.json"));
    const auto csv = testing::read_csv(base + "/timeseries.csv");
    // 10 s of load and a few ms of drain in buckets of 1 s: 11, the last one short.
    EXPECT_EQ(bucket_starts(csv).size(), 11u) << run;
    EXPECT_EQ(csv.rows.back().at("t_start_s"), "10");
  }
}

TEST(CliTimeseries, NoTimeseriesRemovesAnEarlierOne) {
  testing::TempDir dir("cli-nots");
  ASSERT_EQ(testing::run_buslab("run --no-trace --variant direct --out " + dir.path()).exit_code, 0);
  ASSERT_TRUE(std::filesystem::exists(dir.path() + "/direct/timeseries.csv"));
  const auto outcome = testing::run_buslab("run --no-trace --no-timeseries --variant direct --out " + dir.path());
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/direct/timeseries.csv"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/direct/timeseries.json"));
  EXPECT_NE(outcome.output.find("removed " + dir.path() + "/direct/timeseries.csv"), std::string::npos)
      << outcome.output;
}

TEST(CliTimeseries, ABucketThatIsNotATimeOrTooNarrowIsAUsageError) {
  auto outcome = testing::run_buslab("run --bucket 0s");
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_NE(outcome.output.find("--bucket"), std::string::npos) << outcome.output;
  EXPECT_NE(outcome.output.find("above 0"), std::string::npos) << outcome.output;
  outcome = testing::run_buslab("run --bucket fast");
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_NE(outcome.output.find("found \"fast\""), std::string::npos) << outcome.output;
  outcome = testing::run_buslab("run --bucket 1us");
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_NE(outcome.output.find("buckets"), std::string::npos) << outcome.output;
}

TEST(CliTimeseries, SparklinesFollowTheTableOneLinePerVariant) {
  const auto outcome = testing::run_buslab("run --no-timing --sparklines --seeds 1-2 --jobs 2");
  ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
  const size_t start = outcome.output.find("over time: one mark per 200 ms");
  ASSERT_NE(start, std::string::npos) << outcome.output;
  const std::string block = outcome.output.substr(start);
  EXPECT_NE(block.find("calls completed per second (top "), std::string::npos) << block;
  EXPECT_NE(block.find("\n  direct    \xe2\x96"), std::string::npos) << block;  // a block mark
  EXPECT_NE(block.find("\n  brokered  "), std::string::npos) << block;
  // Without the flag, the table is all there is.
  EXPECT_EQ(testing::run_buslab("run --no-timing").output.find("over time"), std::string::npos);
}

}  // namespace buslab
