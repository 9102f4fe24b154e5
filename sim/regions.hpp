#pragma once
// Regions: the places where agents live, with the great-circle distances
// between their centres that geographic decay and relocation use.
#include <cstddef>
#include <string>
#include <vector>

namespace clustersim::sim {

/// Mean Earth radius (km), IUGG.
inline constexpr double kEarthRadiusKm = 6371.0088;

/// Great-circle distance in km between two points given in degrees (haversine).
double great_circle_km(double lat1, double lon1, double lat2, double lon2);

struct Region {
  std::string name;
  double lat = 0.0;          ///< degrees north
  double lon = 0.0;          ///< degrees east
  double population = 0.0;   ///< persons
  double hard_factor = 0.0;  ///< state and development-institution support, index 0..1
  double soft_factor = 0.0;  ///< skilled labour, infrastructure, universities, index 0..1
};

class RegionTable {
 public:
  RegionTable() = default;
  /// Throws std::invalid_argument on an empty name, a duplicate name or a
  /// coordinate out of range.
  explicit RegionTable(std::vector<Region> regions);

  std::size_t size() const { return regions_.size(); }
  const Region& operator[](std::size_t r) const { return regions_[r]; }
  const std::vector<Region>& all() const { return regions_; }
  /// Distance in km between region centres.
  double distance_km(std::size_t a, std::size_t b) const { return distance_[a * size() + b]; }
  /// Index of a region by name, or -1.
  std::ptrdiff_t find(const std::string& name) const;

 private:
  std::vector<Region> regions_;
  std::vector<double> distance_;  // size() x size(), row-major
};

}  // namespace clustersim::sim
