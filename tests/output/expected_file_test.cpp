// EXPECTED files: what a line means, what is refused (with file and line), and --update's edits in place.
#include <gtest/gtest.h>

#include "sim/output/expected_file.hpp"

namespace buslab {

TEST(ExpectedFile, ReadsValuesUnitsAndTolerances) {
  const ExpectedFile f = ExpectedFile::parse(
      "# a comment\n"
      "\n"
      "brokered/clients/api/compute.add/latency.p99: 40.5ms \xC2\xB1"
      "10%   # the tail\n"
      "direct/servers/compute-1/handled: 2984 +-25\n"
      "brokered/clients/api/compute.add/latency.mean: 9us \xC2\xB1"
      "2us\n"
      "brokered/queues/rabbit/compute/max_depth: 0\n"
      "brokered/clients/api/compute.add/latency.p50: 6ms +-ci\n",
      "x.check");
  ASSERT_EQ(f.entries().size(), 5u);
  const auto& p99 = f.entries()[0];
  EXPECT_EQ(p99.path, "brokered/clients/api/compute.add/latency.p99");
  EXPECT_DOUBLE_EQ(p99.value, 0.0405);
  EXPECT_TRUE(p99.time_unit);
  EXPECT_EQ(p99.tolerance.kind, Tolerance::Kind::Relative);
  EXPECT_DOUBLE_EQ(p99.tolerance.amount, 0.10);
  EXPECT_EQ(p99.line, 3u);
  EXPECT_EQ(f.entries()[1].tolerance.kind, Tolerance::Kind::Absolute);
  EXPECT_DOUBLE_EQ(f.entries()[1].tolerance.amount, 25.0);
  EXPECT_DOUBLE_EQ(f.entries()[2].tolerance.amount, 2e-6);
  EXPECT_TRUE(f.entries()[2].tolerance.time);
  // No tolerance: the documented default, and --update will not write one in.
  EXPECT_FALSE(f.entries()[3].tolerance_given);
  EXPECT_EQ(f.entries()[3].tolerance.kind, Tolerance::Kind::Relative);
  EXPECT_DOUBLE_EQ(f.entries()[3].tolerance.amount, kDefaultRelativeTolerance);
  EXPECT_EQ(f.entries()[4].tolerance.kind, Tolerance::Kind::ConfidenceInterval);
}

TEST(ExpectedFile, RefusesMalformedLinesNamingFileAndLine) {
  const auto error_of = [](const std::string& text) {
    try {
      ExpectedFile::parse(text, "x.check");
    } catch (const ExpectedFileError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error_of("a/b 12\n"), "x.check:1: expected \"PATH: VALUE [\xC2\xB1TOLERANCE]\", found \"a/b 12\"");
  EXPECT_EQ(error_of("\na/b: 12 10%\n"),
            "x.check:2: expected a tolerance like \"\xC2\xB1"
            "10%\", \"\xC2\xB1"
            "2ms\", \"\xC2\xB1"
            "3\" or \"\xC2\xB1"
            "ci\", found \"10%\"");
  EXPECT_EQ(error_of("a/b: 12kg\n"),
            "x.check:1: expected a number, or a time with a unit (s, ms, us, ns), found \"12kg\"");
  EXPECT_EQ(error_of("a/b: 1\na/b: 2\n"), "x.check:2: a/b is already given on line 1");
  EXPECT_EQ(error_of("a/b: 1 +-5% extra\n"), "x.check:1: expected nothing after the tolerance, found \"extra\"");
}

TEST(ExpectedFile, UpdateKeepsCommentsOrderAndTolerances) {
  ExpectedFile f = ExpectedFile::parse(
      "# header\n"
      "r/servers/s1/handled: 10 +-2   # hand-set\n"
      "r/servers/s2/handled: 20\n"
      "r/sim_time: 1s \xC2\xB1"
      "5%\n",
      "x.check");
  f.set_value(0, 12, false);
  f.set_value(1, 21, false);
  f.remove(2);
  f.append("r/servers/s3/handled", 30, false);
  EXPECT_EQ(f.text(),
            "# header\n"
            "r/servers/s1/handled: 12 \xC2\xB1"
            "2  # hand-set\n"
            "r/servers/s2/handled: 21\n"
            "\n"
            "r/servers/s3/handled: 30 \xC2\xB1"
            "10%\n");
}

TEST(ExpectedFile, ValuesAreWrittenReadably) {
  EXPECT_EQ(format_expected_value(0.0405544, true), "40.5544ms");
  EXPECT_EQ(format_expected_value(0.000812, true), "812us");
  EXPECT_EQ(format_expected_value(10.016, true), "10.016s");
  EXPECT_EQ(format_expected_value(0.0, true), "0s");
  EXPECT_EQ(format_expected_value(11942, false), "11942");
  EXPECT_EQ(format_expected_value(0.59931234, false), "0.599312");
  // What is written reads back to the same value within 6 significant digits.
  const ExpectedEntry e = parse_expected_line("a/b: " + format_expected_value(0.0123456789, true), "x");
  EXPECT_NEAR(e.value, 0.0123456789, 0.0123456789 * 5e-6);
}

}  // namespace buslab
