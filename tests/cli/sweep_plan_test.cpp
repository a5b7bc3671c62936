// The sweep's plan: values as typed, ranges, the order of points and runs, shards that cover every run once.
#include <gtest/gtest.h>

#include <set>

#include "sim/cli/sweep_plan.hpp"

namespace buslab::cli {
namespace {

SweepDefinition two_by_three() {
  SweepDefinition d;
  d.params = {parse_sweep_param("services[0].replicas=1,2"), parse_sweep_param("duration=1s,2s,5s")};
  d.links = {parse_sweep_link("platform.hosts[2].count=services[0].replicas", d.params)};
  d.variants = {"direct", "brokered"};
  d.seeds = {1, 2};
  return d;
}

TEST(SweepParam, ValuesSplitAtTopLevelCommasOnly) {
  const auto p = parse_sweep_param(R"(services[0].hosts=["a","b"],["c"],"x,y",{"k":1,"m":2})");
  EXPECT_EQ(p.path, "services[0].hosts");
  EXPECT_EQ(p.values, (std::vector<std::string>{R"(["a","b"])", R"(["c"])", R"("x,y")", R"({"k":1,"m":2})"}));
}

TEST(SweepParam, RangesOfWholeNumbers) {
  EXPECT_EQ(parse_sweep_param("x=1..4").values, (std::vector<std::string>{"1", "2", "3", "4"}));
  EXPECT_EQ(parse_sweep_param("x=10..35:10").values, (std::vector<std::string>{"10", "20", "30"}));
  EXPECT_THROW(parse_sweep_param("x=1..a"), SweepUsageError);
  EXPECT_THROW(parse_sweep_param("x=5..1"), SweepUsageError);
  EXPECT_THROW(parse_sweep_param("x=1..5:0"), SweepUsageError);
  EXPECT_THROW(parse_sweep_param("x=1..100000000"), SweepUsageError);
}

TEST(SweepParam, BadTextIsAUsageErrorNamingIt) {
  try {
    parse_sweep_param("services[0].replicas");
    FAIL();
  } catch (const SweepUsageError& e) {
    EXPECT_EQ(std::string(e.what()),
              "--param: expected PATH=VALUE,VALUE,... (or PATH=FIRST..LAST[:STEP]), found \"services[0].replicas\"");
  }
  EXPECT_THROW(parse_sweep_param("x=1,,2"), SweepUsageError);
  EXPECT_THROW(parse_sweep_param("x=1,2,1"), SweepUsageError);
}

TEST(SweepLink, FollowsASweptParameterOnly) {
  const std::vector<SweepParam> params{parse_sweep_param("a=1,2")};
  EXPECT_EQ(parse_sweep_link("b=a", params).target, "b");
  EXPECT_THROW(parse_sweep_link("b=c", params), SweepUsageError);
  EXPECT_THROW(parse_sweep_link("a=a", params), SweepUsageError);
}

TEST(SweepDefinition, FirstParameterVariesSlowestAndLinksFollow) {
  const SweepDefinition d = two_by_three();
  ASSERT_EQ(d.points(), 6u);
  EXPECT_EQ(d.runs(), 24u);
  EXPECT_EQ(d.point_values(0), (std::vector<std::string>{"1", "1s"}));
  EXPECT_EQ(d.point_values(4), (std::vector<std::string>{"2", "2s"}));
  EXPECT_EQ(d.point_overrides(4),
            (std::vector<std::string>{"services[0].replicas=2", "duration=2s", "platform.hosts[2].count=2"}));
  // Run 13: point 3 (of 0..5), variant 0, seed index 1.
  const auto run = d.run(13);
  EXPECT_EQ(run.point, 3u);
  EXPECT_EQ(run.variant, 0u);
  EXPECT_EQ(run.seed, 1u);
  EXPECT_EQ(d.run_dir(13), "runs/4/direct/seed-2");
}

TEST(Shard, SlicesCoverEveryRunOnce) {
  EXPECT_THROW(parse_shard("0/3"), SweepUsageError);
  EXPECT_THROW(parse_shard("4/3"), SweepUsageError);
  EXPECT_THROW(parse_shard("1-3"), SweepUsageError);
  std::multiset<size_t> seen;
  for (size_t i = 1; i <= 7; ++i) {
    const Shard s = parse_shard(std::to_string(i) + "/7");
    for (size_t r = 0; r < 50; ++r)
      if (s.has(r)) seen.insert(r);
  }
  EXPECT_EQ(seen.size(), 50u);
  for (size_t r = 0; r < 50; ++r) EXPECT_EQ(seen.count(r), 1u);
}

TEST(SweepDefinition, JsonRoundTrip) {
  const SweepDefinition d = two_by_three();
  const SweepDefinition back = SweepDefinition::from_json(nlohmann::json::parse(d.to_json().dump()), "sweep.json");
  EXPECT_EQ(back.to_json(), d.to_json());
  EXPECT_THROW(SweepDefinition::from_json(nlohmann::json::parse(R"({"schema": "x"})"), "sweep.json"),
               std::runtime_error);
}

}  // namespace
}  // namespace buslab::cli
