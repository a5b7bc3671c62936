// Call lineage in a whole run: a call made while a server handles another carries it as its parent and shares its
// root, in metrics.json (methods apart, roots' end to end) and in trace.json's calls.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "tests/support/sim_support.hpp"
#include "tests/support/temp_dir.hpp"

namespace buslab {
namespace {

// A client calls front.get 10 times; each get spends 10 ms, then calls back.lookup (20 ms of CPU) and casts back.log;
// nothing else runs.
const char* kNested = R"({
  "duration": "1s", "drain": "5s",
  "platform": {"hosts": [{"name": "a"}, {"name": "b"}, {"name": "c"}]},
  "services": [
    {"name": "back", "transport": "direct", "hosts": ["c"],
     "methods": {"lookup": {"service_time": "20ms"}, "log": {"service_time": "5ms"}}},
    {"name": "front", "transport": "direct", "hosts": ["b"],
     "methods": {"get": {"service_time": "10ms", "steps": [{"service": "back", "method": "lookup"},
                                                            {"service": "back", "method": "log", "mode": "cast"}]}}}],
  "clients": [{"name": "api", "host": "a", "service": "front", "method": "get",
               "arrival": {"kind": "fixed", "count": 10, "interval": "100ms"}}]
})";

TEST(Lineage, NestedCallsAreCountedApartAndRootsEndToEnd) {
  const testing::TempDir dir("lineage");
  const auto m = testing::run_json(kNested, dir.path());
  const auto& get = testing::named(m["methods"], "front.get");
  const auto& lookup = testing::named(m["methods"], "back.lookup");
  const auto& log = testing::named(m["methods"], "back.log");
  EXPECT_EQ(get["calls"], 10);
  EXPECT_EQ(get["roots"], 10);
  EXPECT_EQ(lookup["calls"], 10);
  EXPECT_EQ(lookup["roots"], 0);
  EXPECT_EQ(log["mode"], "cast");
  // A get's tree: its own 10 ms, the lookup's 20 ms, then the log cast run 5 ms on back: at least 35 ms end to end,
  // and more than the get's own latency at the client (which does not wait for the cast's 5 ms).
  const double e2e = get["end_to_end_s"]["p50"].get<double>();
  EXPECT_GE(e2e, 0.035);
  EXPECT_GT(e2e, get["latency_s"]["p50"].get<double>());
  EXPECT_GE(lookup["latency_s"]["p50"].get<double>(), 0.020);

  std::ifstream in(std::filesystem::path(dir.path()) / "trace.json");
  const auto trace = nlohmann::json::parse(in);
  const auto& fields = trace["call_fields"];
  const auto col = [&](const std::string& name) {
    return static_cast<size_t>(std::find(fields.begin(), fields.end(), name) - fields.begin());
  };
  size_t nested = 0;
  for (const auto& c : trace["calls"]) {
    const uint64_t call = c[col("call")], parent = c[col("parent")], root = c[col("root")];
    if (c[col("method")] == "get") {
      EXPECT_EQ(parent, 0u);
      EXPECT_EQ(root, call);
    } else {
      ++nested;
      EXPECT_NE(parent, 0u);
      EXPECT_EQ(root, parent);  // made by a get, itself a root
      EXPECT_EQ(trace["calls"][parent - 1][col("method")], "get");
    }
  }
  EXPECT_EQ(nested, 20u);
}

}  // namespace
}  // namespace buslab
