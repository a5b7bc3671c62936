#include <gtest/gtest.h>

#include "models/core/distribution.hpp"
#include "models/core/rng.hpp"

namespace buslab {

TEST(Rng, SameSeedAndNameGiveSameStream) {
  Rng a(7, "client/api-1"), b(7, "client/api-1");
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.next_u64(), b.next_u64());
}

TEST(Rng, DifferentNamesGiveDifferentStreams) {
  Rng a(7, "client/api-1"), b(7, "client/api-2");
  int equal = 0;
  for (int i = 0; i < 100; ++i) equal += a.next_u64() == b.next_u64();
  EXPECT_EQ(equal, 0);
}

TEST(Rng, Uniform01StaysInRangeWithMeanNearHalf) {
  Rng rng(1, "u");
  double sum = 0;
  for (int i = 0; i < 100000; ++i) {
    const double u = rng.uniform01();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  EXPECT_NEAR(sum / 100000, 0.5, 0.01);
}

TEST(Distribution, SampleMeansMatchTheirParameters) {
  Rng rng(3, "d");
  const Distribution dists[] = {Distribution::exponential(0.01), Distribution::uniform(2, 4),
                                Distribution::lognormal(5, 0.5), Distribution::constant(3)};
  for (const auto& d : dists) {
    double sum = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) sum += d.sample(rng);
    EXPECT_NEAR(sum / n, d.mean(), d.mean() * 0.02) << d.describe();
  }
}

TEST(Distribution, NovaLengthsHaveThePublishedShape) {
  const auto& lengths = nova_message_lengths();
  ASSERT_EQ(lengths.size(), 4077u);
  EXPECT_EQ(*std::min_element(lengths.begin(), lengths.end()), 806);
  EXPECT_EQ(*std::max_element(lengths.begin(), lengths.end()), 11292);
  EXPECT_NEAR(Distribution::empirical(lengths).mean(), 3218, 1);
}

}  // namespace buslab
