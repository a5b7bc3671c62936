// The lab-manual checker's own parts: which numbers a manual quotes, how they are written, and where claims say
// they come from. A manual whose number the run does not give must fail; so these must find every number.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "tests/labs/claims.hpp"
#include "tests/labs/readme_numbers.hpp"

namespace buslab::labs {
namespace {

const char* kReadme = R"(# 99: a lab

```sh
build/buslab run labs/99/scenario.json --out out/99   # run it
build/buslab run labs/99/scenario.json --set 'faults=[{"at": "10s"}]' \
    --variant b
build/buslab run x --set 'faults=[
    {"at": "1s"}]'
```

Questions
1. Why 12 and not 13?

What you should see (seed 1, `--seeds 1-5` for more): prefetch 1 spreads the work (6,555 against about 1,800
each) with a p99 of 24 ms; p99 reaches 9.7 s on compute-8, 88% busy, lab 07's [text](../07/README.md) and
`build/x 5` stay out; 3x and v1.25 too.

Next paragraph 42.
)";

TEST(LabReadme, CommandsComeFromTheShellBlocks) {
  const Readme r = parse_readme(kReadme);
  ASSERT_EQ(r.commands.size(), 3u);
  EXPECT_EQ(r.commands[0], "build/buslab run labs/99/scenario.json --out out/99");
  EXPECT_EQ(r.commands[1],
            "build/buslab run labs/99/scenario.json --set 'faults=[{\"at\": \"10s\"}]'      --variant b");
  EXPECT_EQ(r.commands[2], "build/buslab run x --set 'faults=[     {\"at\": \"1s\"}]'");
}

TEST(LabReadme, EveryQuotedNumberOfTheParagraphInOrder) {
  const Readme r = parse_readme(kReadme);
  std::vector<std::string> texts;
  for (const auto& n : r.numbers) texts.push_back(n.text);
  // Not: 1-5 in code, p99, compute-8, the link, the code span, 3x, v1.25; nor the question's or next paragraph's.
  EXPECT_EQ(texts, (std::vector<std::string>{"1", "1", "6,555", "1,800", "24 ms", "9.7 s", "88%", "07"}));
  EXPECT_EQ(std::string(kReadme).substr(r.numbers[2].offset, 5), "6,555");
  EXPECT_THROW(parse_readme("# no paragraph\n"), std::runtime_error);
}

TEST(LabReadme, NumbersAreWrittenAsTheManualWritesThem) {
  double v = 0;
  NumberFormat f = parse_number("6,555", v);
  EXPECT_EQ(v, 6555);
  EXPECT_TRUE(f.grouped);
  EXPECT_EQ(format_number(6571, f, ""), "6,571");
  EXPECT_EQ(format_number(12345678, f, ""), "12,345,678");
  f = parse_number("24 ms", v);
  EXPECT_DOUBLE_EQ(v, 0.024);
  EXPECT_EQ(format_number(0.02364, f, ""), "24 ms");
  f = parse_number("9.7 s", v);
  EXPECT_EQ(format_number(9.713, f, ""), "9.7 s");
  f = parse_number("88%", v);
  EXPECT_DOUBLE_EQ(v, 0.88);
  EXPECT_EQ(format_number(0.8751, f, ""), "88%");
  f = parse_number("41.0", v);
  EXPECT_EQ(format_number(0.0410253, f, "ms"), "41.0");  // quoted without a unit: the claim gives it
  EXPECT_THROW(parse_number("24 ms!", v), std::runtime_error);
}

TEST(LabClaims, SayWhereEachNumberComesFrom) {
  const auto claims = parse_claims(
      "# comment\n6,555 = a/consumers/fast-1/handled\n1,800 = mean(a/consumers/slow-*/handled) ~100\n\n"
      "41.0 = @4:b/clients/api/x.y/latency.p99 in ms  # five seeds\n1 = given  # the seed\n",
      "README.claims");
  ASSERT_EQ(claims.size(), 4u);
  EXPECT_EQ(claims[0].line, 2);
  EXPECT_EQ(claims[1].expr, "mean(a/consumers/slow-*/handled)");
  EXPECT_EQ(claims[1].round_to, 100);
  EXPECT_EQ(claims[2].unit, "ms");
  EXPECT_TRUE(claims[3].given);
  EXPECT_EQ(sources_of(claims[2].expr), (std::vector<int>{0, 4}));
  try {
    parse_claims("6,555 a/b\n", "README.claims");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "README.claims:1: expected \"NUMBER = WHERE IT COMES FROM\"");
  }
}

TEST(LabClaims, ExpressionsReadTheRunsMetrics) {
  const auto point = [](const char* run, const char* section, const char* entity, const char* metric, double v) {
    MetricPoint p;
    p.run = run, p.section = section, p.entity = entity, p.metric = metric, p.value = v;
    return p;
  };
  const std::vector<MetricPoint> base = {point("a", "consumers", "slow-1", "handled", 1790),
                                         point("a", "consumers", "slow-2", "handled", 1810),
                                         point("a", "", "", "sim_time", 29.8)};
  const std::vector<MetricPoint> other = {point("b", "queues", "rabbit/scheduler", "max_depth", 128)};
  const MetricSource source = [&](int n) -> const std::vector<MetricPoint>& { return n == 0 ? base : other; };
  EXPECT_DOUBLE_EQ(evaluate("mean(a/consumers/slow-*/handled)", source), 1800);
  EXPECT_DOUBLE_EQ(evaluate("max(a/consumers/*/handled) - min(a/consumers/*/handled)", source), 20);
  EXPECT_DOUBLE_EQ(evaluate("a/sim_time - 20", source), 9.8);
  EXPECT_DOUBLE_EQ(evaluate("@2:b/queues/rabbit/scheduler/max_depth / 2", source), 64);
  EXPECT_DOUBLE_EQ(evaluate("count(a/consumers/*/handled)", source), 2);
  EXPECT_THROW(evaluate("same(a/consumers/*/handled)", source), std::runtime_error);  // 1790 and 1810
  EXPECT_DOUBLE_EQ(evaluate("same(a/consumers/slow-1/handled)", source), 1790);
  EXPECT_THROW(evaluate("a/consumers/*/handled", source), std::runtime_error);       // two metrics, no function
  EXPECT_THROW(evaluate("a/consumers/fast-1/handled", source), std::runtime_error);  // none
  EXPECT_THROW(evaluate("ci(a/sim_time)", source), std::runtime_error);              // not replicated
}

}  // namespace
}  // namespace buslab::labs
