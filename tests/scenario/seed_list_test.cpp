// Seed lists of --seeds.
#include <gtest/gtest.h>

#include "sim/scenario/seed_list.hpp"

namespace buslab {

TEST(SeedList, RangesAndLists) {
  EXPECT_EQ(parse_seed_list("1-5").seeds, (std::vector<uint64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(parse_seed_list("7").seeds, (std::vector<uint64_t>{7}));
  EXPECT_EQ(parse_seed_list("3,1,9").seeds, (std::vector<uint64_t>{3, 1, 9}));
  EXPECT_EQ(parse_seed_list("1-3,10-11").seeds, (std::vector<uint64_t>{1, 2, 3, 10, 11}));
  EXPECT_EQ(parse_seed_list("0-1").seeds, (std::vector<uint64_t>{0, 1}));
  EXPECT_EQ(parse_seed_list("1-20").seeds.size(), 20u);
}

TEST(SeedList, RefusesWhatIsNotOne) {
  for (const char* bad : {"", "a", "1-", "-3", "1,,2", "5-1", "1,1", "1-3,2", "1.5", "1-100000", " 1"}) {
    const SeedList list = parse_seed_list(bad);
    EXPECT_FALSE(list.error.empty()) << bad;
    EXPECT_TRUE(list.seeds.empty()) << bad;
    EXPECT_NE(list.error.find(std::string("found \"") + bad + "\""), std::string::npos) << list.error;
  }
}

}  // namespace buslab

namespace buslab {

TEST(SeedList, WrittenBackCompactly) {
  EXPECT_EQ(format_seed_list({1, 2, 3, 7}), "1-3,7");
  EXPECT_EQ(format_seed_list({5}), "5");
  EXPECT_EQ(format_seed_list({3, 1, 2}), "3,1-2");
  EXPECT_EQ(parse_seed_list(format_seed_list({1, 2, 3, 10, 12, 13})).seeds,
            (std::vector<uint64_t>{1, 2, 3, 10, 12, 13}));
}

}  // namespace buslab
