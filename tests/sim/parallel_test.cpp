#include "sim/parallel.hpp"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <cmath>
#include <vector>

namespace clustersim::sim {
namespace {

TEST(Parallel, SlotRangesCoverEverySlotOnce) {
  constexpr std::size_t kN = 100003;
  std::vector<std::atomic<int>> hits(kN);
  for_slot_ranges(kN, [&](std::size_t b, std::size_t e) {
    for (std::size_t s = b; s < e; ++s) hits[s].fetch_add(1);
  });
  for (std::size_t s = 0; s < kN; ++s) ASSERT_EQ(hits[s].load(), 1) << s;
}

// Values spanning many magnitudes make floating-point sums order-sensitive, so
// equality across thread counts is a real test of the fixed order.
TEST(Parallel, DeterministicAccumulateIsIndependentOfThreads) {
  constexpr std::size_t kN = 50000;
  std::vector<double> values(kN);
  for (std::size_t i = 0; i < kN; ++i)
    values[i] = std::pow(10.0, static_cast<double>(i % 17) - 8) * (i % 3 ? 1 : -1);
  const auto sum_with = [&](int threads) {
    tbb::task_arena arena(threads);
    std::vector<double> result;
    arena.execute([&] {
      result =
          deterministic_accumulate(kN, 3, [&](std::size_t s, double* t) { t[s % 3] += values[s]; });
    });
    return result;
  };
  const auto one = sum_with(1);
  EXPECT_EQ(one, sum_with(2));
  EXPECT_EQ(one, sum_with(4));
  double serial = 0;
  for (std::size_t i = 0; i < kN; i += 3) serial += values[i];
  EXPECT_NEAR(one[0], serial, 1e-6 * std::abs(serial) + 1e-9);
  EXPECT_TRUE(deterministic_accumulate(0, 2, [](std::size_t, double*) {}) ==
              (std::vector<double>{0, 0}));
}

}  // namespace
}  // namespace clustersim::sim
