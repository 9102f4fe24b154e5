#include "sim/random.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <vector>

namespace clustersim::sim {
namespace {

TEST(RandomStream, SameKeyGivesSameSequence) {
  RandomStream a(42, 7, 1000, Purpose::PartnerChoice);
  RandomStream b(42, 7, 1000, Purpose::PartnerChoice);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.next_u32(), b.next_u32());
}

TEST(RandomStream, EveryKeyComponentChangesTheStream) {
  const auto first = [](RandomStream s) { return s.next_u64(); };
  const std::uint64_t base = first(RandomStream(42, 7, 1000, Purpose::PartnerChoice));
  EXPECT_NE(base, first(RandomStream(43, 7, 1000, Purpose::PartnerChoice)));
  EXPECT_NE(base, first(RandomStream(42, 8, 1000, Purpose::PartnerChoice)));
  EXPECT_NE(base, first(RandomStream(42, 7, 1001, Purpose::PartnerChoice)));
  EXPECT_NE(base, first(RandomStream(42, 7, 1000, Purpose::LinkFormation)));
  // The high half of the seed matters too.
  EXPECT_NE(base, first(RandomStream(42 + (1ull << 40), 7, 1000, Purpose::PartnerChoice)));
}

TEST(RandomStream, MatchesPhiloxWordsForTheFirstBlock) {
  RandomStream s(5, 3, 9, Purpose::Benchmark);
  const auto words = philox_words(5, 3, 9, Purpose::Benchmark);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(s.next_u32(), words[static_cast<std::size_t>(i)]);
}

TEST(RandomStream, UniformIsInUnitIntervalWithRightMean) {
  RandomStream s(1, 0, 0, Purpose::Test);
  double sum = 0;
  constexpr int kN = 200000;
  for (int i = 0; i < kN; ++i) {
    const double u = s.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  EXPECT_NEAR(sum / kN, 0.5, 0.005);  // sd of the mean is 0.00065
}

TEST(RandomStream, BelowCoversRangeEvenly) {
  RandomStream s(2, 0, 0, Purpose::Test);
  std::vector<int> counts(10, 0);
  constexpr int kN = 100000;
  for (int i = 0; i < kN; ++i) {
    const auto k = s.below(10);
    ASSERT_LT(k, 10u);
    ++counts[k];
  }
  for (int c : counts) EXPECT_NEAR(c, kN / 10, 500);  // ~5 sd
}

TEST(RandomStream, NormalHasUnitVariance) {
  RandomStream s(3, 0, 0, Purpose::Test);
  double sum = 0, sq = 0;
  constexpr int kN = 100000;
  for (int i = 0; i < kN; ++i) {
    const double x = s.normal();
    sum += x;
    sq += x * x;
  }
  EXPECT_NEAR(sum / kN, 0.0, 0.02);
  EXPECT_NEAR(sq / kN, 1.0, 0.02);
}

TEST(RandomStream, PoissonMeanMatchesForSmallAndLargeMeans) {
  for (double mean : {0.3, 4.0, 150.0}) {
    RandomStream s(4, 0, static_cast<std::uint32_t>(mean * 10), Purpose::Test);
    double sum = 0;
    constexpr int kN = 20000;
    for (int i = 0; i < kN; ++i) sum += s.poisson(mean);
    EXPECT_NEAR(sum / kN, mean, 5 * std::sqrt(mean / kN)) << "mean " << mean;
  }
  RandomStream s(4, 0, 0, Purpose::Test);
  EXPECT_EQ(s.poisson(0.0), 0u);
  EXPECT_EQ(s.poisson(-1.0), 0u);
}

TEST(RandomStream, ScaleToRangeStaysInRange) {
  EXPECT_EQ(scale_to_range(0, 7), 0u);
  EXPECT_EQ(scale_to_range(0xFFFFFFFFu, 7), 6u);
  EXPECT_EQ(to_unit_double(0), 0.0);
  EXPECT_LT(to_unit_double(~0ull), 1.0);
}

}  // namespace
}  // namespace clustersim::sim
