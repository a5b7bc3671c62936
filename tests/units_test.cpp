#include <gtest/gtest.h>

#include "sim/units.hpp"

namespace buslab::units {

TEST(Units, TimesInEveryUnit) {
  EXPECT_DOUBLE_EQ(*time("100us").value, 100e-6);
  EXPECT_DOUBLE_EQ(*time("2ms").value, 2e-3);
  EXPECT_DOUBLE_EQ(*time("1.5s").value, 1.5);
  EXPECT_DOUBLE_EQ(*time("2min").value, 120.0);
  EXPECT_DOUBLE_EQ(*time("1h").value, 3600.0);
  EXPECT_DOUBLE_EQ(*time("10ns").value, 10e-9);
  EXPECT_DOUBLE_EQ(*time("0s").value, 0.0);
}

TEST(Units, BandwidthInBitsAndBytes) {
  EXPECT_DOUBLE_EQ(*bandwidth("1Gbps").value, 125e6);
  EXPECT_DOUBLE_EQ(*bandwidth("125MBps").value, 125e6);
  EXPECT_DOUBLE_EQ(*bandwidth("100Mbps").value, 12.5e6);
  EXPECT_DOUBLE_EQ(*bandwidth("8bps").value, 1.0);
}

TEST(Units, SpeedsFlopsAndSizes) {
  EXPECT_DOUBLE_EQ(*speed("10Gf").value, 1e10);
  EXPECT_DOUBLE_EQ(*speed("1e9flops").value, 1e9);
  EXPECT_DOUBLE_EQ(*flops("50kf").value, 5e4);
  EXPECT_DOUBLE_EQ(*size("4KiB").value, 4096.0);
  EXPECT_DOUBLE_EQ(*size("2KB").value, 2000.0);
  EXPECT_DOUBLE_EQ(*size("1MiB").value, 1048576.0);
}

TEST(Units, RejectsWhatIsNotAQuantity) {
  for (const char* bad : {"", "ms", "5", "5 parsecs", "-1ms", "nan s", "infs", "1e400s", "2mss", "5m"})
    EXPECT_FALSE(time(bad).value) << bad;
  EXPECT_FALSE(bandwidth("1Gb").value);
  EXPECT_FALSE(bandwidth("10Gf").value);
  EXPECT_FALSE(size("4kb").value);
  EXPECT_EQ(time("x").expected, "a time with a unit, like \"2ms\"");
}

}  // namespace buslab::units
