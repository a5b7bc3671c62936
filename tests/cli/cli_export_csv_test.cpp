// `buslab export --csv`: metrics.json as a table for spreadsheets; every row's value is the one metrics.json holds
// (read here straight from the JSON), in the long and the wide layout, for a run folder or a replicated run.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/support/cli_support.hpp"
#include "tests/support/csv_table.hpp"
#include "tests/support/temp_dir.hpp"

namespace buslab {
namespace {

using testing::run_buslab;

nlohmann::json metrics_of(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

TEST(CliExportCsv, EveryRowIsANumberOfMetricsJson) {
  testing::TempDir dir("export-csv");
  ASSERT_EQ(run_buslab("run --no-trace --set duration=500ms --out " + dir.file("r")).exit_code, 0);
  const auto out = run_buslab("export --csv " + dir.file("r") + " " + dir.file("m.csv"));
  ASSERT_EQ(out.exit_code, 0) << out.output;
  EXPECT_NE(out.output.find("(2 runs)"), std::string::npos) << out.output;
  const auto csv = testing::read_csv(dir.file("m.csv"));
  EXPECT_EQ(csv.header, (std::vector<std::string>{"variant", "kind", "entity", "metric", "unit", "value"}));
  size_t checked = 0;
  for (const char* variant : {"direct", "brokered"}) {
    const auto m = metrics_of(dir.file(std::string("r/") + variant + "/metrics.json"));
    const auto& add = m["clients"][0]["methods"]["add"];
    for (const auto& row : csv.rows) {
      if (row.at("variant") != variant) continue;
      if (row.at("kind") == "client" && row.at("metric") == "latency.p99") {
        EXPECT_EQ(row.at("entity"), "api/compute.add");
        EXPECT_EQ(row.at("unit"), "s");
        EXPECT_DOUBLE_EQ(std::stod(row.at("value")), add["latency_s"]["p99"].get<double>());
        ++checked;
      }
      if (row.at("kind") == "server" && row.at("metric") == "handled")
        for (const auto& s : m["servers"])
          if (s["name"] == row.at("entity")) {
            EXPECT_EQ(std::stod(row.at("value")), s["handled"].get<double>());
            ++checked;
          }
    }
  }
  EXPECT_EQ(checked, 2u + 8u);  // a p99 and 4 servers per variant

  // Wide: a row per run and entity; the same numbers.
  ASSERT_EQ(
      run_buslab("export --csv --wide " + dir.file("r/brokered/metrics.json") + " " + dir.file("w.csv")).exit_code, 0);
  const auto wide = testing::read_csv(dir.file("w.csv"));
  const auto m = metrics_of(dir.file("r/brokered/metrics.json"));
  size_t servers = 0;
  for (const auto& row : wide.rows)
    if (row.at("kind") == "server") {
      ++servers;
      for (const auto& s : m["servers"])
        if (s["name"] == row.at("entity")) {
          EXPECT_EQ(std::stod(row.at("handled")), s["handled"].get<double>());
        }
      EXPECT_EQ(row.at("latency.p99 (s)"), "");  // a client's column: empty for a server
    }
  EXPECT_EQ(servers, m["servers"].size());
}

TEST(CliExportCsv, ReplicatedRunsGiveTheirIntervals) {
  testing::TempDir dir("export-csv-seeds");
  ASSERT_EQ(
      run_buslab("run --no-trace --variant direct --seeds 1-3 --set duration=300ms --out " + dir.path()).exit_code, 0);
  ASSERT_EQ(run_buslab("export --csv " + dir.path() + " " + dir.file("m.csv")).exit_code, 0);
  const auto csv = testing::read_csv(dir.file("m.csv"));
  EXPECT_EQ(csv.header.back(), "ci95_high");
  bool seen = false;
  for (const auto& row : csv.rows)
    if (row.at("metric") == "latency.p99") {
      seen = true;
      EXPECT_EQ(row.at("n"), "3");
      EXPECT_LE(std::stod(row.at("ci95_low")), std::stod(row.at("value")));
      EXPECT_GE(std::stod(row.at("ci95_high")), std::stod(row.at("value")));
      EXPECT_LT(std::stod(row.at("ci95_low")), std::stod(row.at("ci95_high")));
    }
  EXPECT_TRUE(seen);
}

TEST(CliExportCsv, BadInputAndOptionsAreRefused) {
  testing::TempDir dir("export-csv-bad");
  auto out = run_buslab("export --csv " + dir.path() + " " + dir.file("m.csv"));
  EXPECT_EQ(out.exit_code, 2) << out.output;
  EXPECT_NE(out.output.find("found none"), std::string::npos) << out.output;
  EXPECT_FALSE(std::filesystem::exists(dir.file("m.csv")));
  const std::string junk = testing::write_file(dir.path(), "x.json", "{\"a\": 1}");
  out = run_buslab("export --csv " + junk + " " + dir.file("m.csv"));
  EXPECT_EQ(out.exit_code, 2) << out.output;
  EXPECT_NE(out.output.find("expected a buslab metrics.json"), std::string::npos) << out.output;
  out = run_buslab("export --wide --chrome " + junk + " " + dir.file("m.json"));
  EXPECT_EQ(out.exit_code, 2) << out.output;
  out = run_buslab("export --csv --svg " + junk + " " + dir.file("m.csv"));
  EXPECT_EQ(out.exit_code, 1) << out.output;
}

}  // namespace
}  // namespace buslab
