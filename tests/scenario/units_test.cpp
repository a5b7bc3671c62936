#include <gtest/gtest.h>

#include "sim/scenario/units.hpp"

namespace buslab {
namespace {

TEST(Units, TimesInEveryUnit) {
  EXPECT_DOUBLE_EQ(parse_time("100us").value, 100e-6);
  EXPECT_DOUBLE_EQ(parse_time("2ms").value, 2e-3);
  EXPECT_DOUBLE_EQ(parse_time("1.5s").value, 1.5);
  EXPECT_DOUBLE_EQ(parse_time("0s").value, 0.0);
  EXPECT_DOUBLE_EQ(parse_time("2min").value, 120.0);
  EXPECT_DOUBLE_EQ(parse_time("1h").value, 3600.0);
  EXPECT_DOUBLE_EQ(parse_time("10ns").value, 10e-9);
  EXPECT_DOUBLE_EQ(parse_time("1e-3s").value, 1e-3);
  EXPECT_DOUBLE_EQ(parse_time(".5s").value, 0.5);
  EXPECT_TRUE(parse_time("2ms").ok());
}

TEST(Units, BadTimesSayWhatWasExpected) {
  EXPECT_EQ(parse_time("5").expected, R"(a time with a unit (h, min, s, ms, us, ns), like "2ms")");
  EXPECT_EQ(parse_time("5sec").expected, R"(a time with a unit (h, min, s, ms, us, ns), like "2ms")");
  EXPECT_EQ(parse_time("2mss").expected, R"(a time with a unit (h, min, s, ms, us, ns), like "2ms")");
  EXPECT_EQ(parse_time("10 ms").expected, R"(a time with no space before its unit, like "2ms")");
  EXPECT_EQ(parse_time("ms").expected, R"(a time with a unit, like "2ms")");
  EXPECT_EQ(parse_time("").expected, R"(a time with a unit, like "2ms")");
  EXPECT_EQ(parse_time("nan s").expected, R"(a time with a unit, like "2ms")");
  EXPECT_EQ(parse_time("infs").expected, R"(a time with a unit, like "2ms")");
  EXPECT_EQ(parse_time("+2ms").expected, R"(a time with a unit, like "2ms")");
  EXPECT_EQ(parse_time("1e999s").expected, R"(a finite time, like "2ms")");
  EXPECT_EQ(parse_time("1e307h").expected, R"(a finite time, like "2ms")");
  EXPECT_EQ(parse_time("1e200s").expected, R"(a time <= 1e15 s (31 million years), like "2ms")");
  EXPECT_EQ(parse_time("1e15s").value, 1e15);
  EXPECT_EQ(parse_work("1e16s").expected, R"(a CPU cost <= 1e15 s (31 million years), like "20us")");
  const auto negative = parse_time("-2ms");
  EXPECT_EQ(negative.expected, R"(a time >= 0, like "2ms")");
  EXPECT_TRUE(negative.negative);
  // A negative number with a bad unit: the unit is the first thing to fix.
  EXPECT_EQ(parse_time("-2sec").expected, R"(a time with a unit (h, min, s, ms, us, ns), like "2ms")");
  EXPECT_FALSE(parse_time("-2sec").negative);
}

TEST(Units, BandwidthInBitsAndBytes) {
  EXPECT_DOUBLE_EQ(parse_bandwidth("1Gbps").value, 125e6);
  EXPECT_DOUBLE_EQ(parse_bandwidth("10Gbps").value, 1.25e9);
  EXPECT_DOUBLE_EQ(parse_bandwidth("8bps").value, 1.0);
  EXPECT_DOUBLE_EQ(parse_bandwidth("8kbps").value, 1e3);
  EXPECT_DOUBLE_EQ(parse_bandwidth("100Mbps").value, 12.5e6);
  EXPECT_DOUBLE_EQ(parse_bandwidth("1Tbps").value, 125e9);
  EXPECT_DOUBLE_EQ(parse_bandwidth("125MBps").value, 125e6);
  EXPECT_DOUBLE_EQ(parse_bandwidth("3Bps").value, 3.0);
  EXPECT_DOUBLE_EQ(parse_bandwidth("2kBps").value, 2e3);
  EXPECT_DOUBLE_EQ(parse_bandwidth("2KBps").value, 2e3);
  EXPECT_DOUBLE_EQ(parse_bandwidth("1GBps").value, 1e9);
  EXPECT_EQ(parse_bandwidth("1gbps").expected,
            R"(a bandwidth with a unit (bps, kbps, Mbps, Gbps, Tbps, Bps, kBps, KBps, MBps, GBps), like "10Gbps")");
  EXPECT_EQ(parse_bandwidth("-1Gbps").expected, R"(a bandwidth >= 0, like "10Gbps")");
}

TEST(Units, CpuSpeed) {
  EXPECT_DOUBLE_EQ(parse_cpu_speed("10Gf").value, 10e9);
  EXPECT_DOUBLE_EQ(parse_cpu_speed("1.5Mf").value, 1.5e6);
  EXPECT_DOUBLE_EQ(parse_cpu_speed("3kf").value, 3e3);
  EXPECT_DOUBLE_EQ(parse_cpu_speed("3Kf").value, 3e3);
  EXPECT_DOUBLE_EQ(parse_cpu_speed("2Tf").value, 2e12);
  EXPECT_DOUBLE_EQ(parse_cpu_speed("500flops").value, 500.0);
  EXPECT_DOUBLE_EQ(parse_cpu_speed("500f").value, 500.0);
  EXPECT_EQ(parse_cpu_speed("10GHz").expected,
            R"(a CPU speed with a unit (f, kf, Kf, Mf, Gf, Tf, flops), like "10Gf")");
}

TEST(Units, WorkIsFlopsOrTime) {
  const auto flops = parse_work("50kf");
  ASSERT_TRUE(flops.ok());
  EXPECT_DOUBLE_EQ(flops.value.flops, 50e3);
  EXPECT_DOUBLE_EQ(flops.value.seconds, 0.0);
  const auto time = parse_work("20us");
  ASSERT_TRUE(time.ok());
  EXPECT_DOUBLE_EQ(time.value.flops, 0.0);
  EXPECT_DOUBLE_EQ(time.value.seconds, 20e-6);
  EXPECT_DOUBLE_EQ(time.value.on(1e9), 20e3);
  EXPECT_EQ(
      parse_work("20").expected,
      R"(a CPU cost with a flop unit (f, kf, Kf, Mf, Gf, Tf) or a time unit (h, min, s, ms, us, ns), like "50kf" or "20us")");
  EXPECT_EQ(parse_work("x").expected, R"(a CPU cost with a unit, like "50kf" or "20us")");
  EXPECT_EQ(parse_work("-3us").expected, R"(a CPU cost >= 0, like "50kf" or "20us")");
}

TEST(Units, SizesWithDecimalAndBinaryPrefixes) {
  EXPECT_DOUBLE_EQ(parse_size("4KiB").value, 4096.0);
  EXPECT_DOUBLE_EQ(parse_size("2KB").value, 2000.0);
  EXPECT_DOUBLE_EQ(parse_size("2kB").value, 2000.0);
  EXPECT_DOUBLE_EQ(parse_size("1MB").value, 1e6);
  EXPECT_DOUBLE_EQ(parse_size("1GB").value, 1e9);
  EXPECT_DOUBLE_EQ(parse_size("1MiB").value, 1048576.0);
  EXPECT_DOUBLE_EQ(parse_size("2GiB").value, 2147483648.0);
  EXPECT_DOUBLE_EQ(parse_size("100B").value, 100.0);
  EXPECT_DOUBLE_EQ(parse_size("1.1KB").value, 1100.0);  // exact after rounding away binary noise
  EXPECT_DOUBLE_EQ(parse_size("1.5KiB").value, 1536.0);
  EXPECT_EQ(parse_size("1.5B").expected, R"(a whole number of bytes, like "4KiB" or "1.5KB")");
  EXPECT_EQ(parse_size("2TB").expected, R"(a size with a unit (B, kB, KB, MB, GB, KiB, MiB, GiB), like "4KiB")");
  EXPECT_EQ(parse_size("1001GB").expected, R"(a size <= 1000GB, like "4KiB")");
  EXPECT_EQ(parse_size("4 KiB").expected, R"(a size with no space before its unit, like "4KiB")");
  EXPECT_EQ(parse_size("-4KiB").expected, R"(a size >= 0, like "4KiB")");
}

}  // namespace
}  // namespace buslab
