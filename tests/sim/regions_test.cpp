#include "sim/regions.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace clustersim::sim {
namespace {

TEST(GreatCircle, KnownDistances) {
  // Almaty to Astana is about 970 km by great circle.
  EXPECT_NEAR(great_circle_km(43.24, 76.89, 51.17, 71.45), 970.0, 15.0);
  EXPECT_DOUBLE_EQ(great_circle_km(10, 20, 10, 20), 0.0);
  // A quarter of the equator.
  EXPECT_NEAR(great_circle_km(0, 0, 0, 90), kEarthRadiusKm * 3.14159265358979 / 2, 1e-6);
  // Antipodes do not produce NaN.
  EXPECT_NEAR(great_circle_km(0, 0, 0, 180), kEarthRadiusKm * 3.14159265358979, 1e-6);
}

TEST(RegionTable, DistanceMatrixIsSymmetricWithZeroDiagonal) {
  RegionTable t({{"A", 43.24, 76.89}, {"B", 51.17, 71.45}, {"C", 49.8, 73.1}});
  ASSERT_EQ(t.size(), 3u);
  for (std::size_t a = 0; a < 3; ++a) {
    EXPECT_EQ(t.distance_km(a, a), 0.0);
    for (std::size_t b = 0; b < 3; ++b) EXPECT_EQ(t.distance_km(a, b), t.distance_km(b, a));
  }
  EXPECT_EQ(t.find("B"), 1);
  EXPECT_EQ(t.find("Z"), -1);
}

TEST(RegionTable, RejectsBadRegions) {
  EXPECT_THROW(RegionTable({{"A", 0, 0}, {"A", 1, 1}}), std::invalid_argument);
  EXPECT_THROW(RegionTable({{"", 0, 0}}), std::invalid_argument);
  EXPECT_THROW(RegionTable({{"A", 91, 0}}), std::invalid_argument);
  EXPECT_THROW(RegionTable({{"A", 0, -181}}), std::invalid_argument);
}

}  // namespace
}  // namespace clustersim::sim
