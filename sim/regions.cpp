#include "sim/regions.hpp"

#include <cmath>
#include <set>
#include <stdexcept>

namespace clustersim::sim {

double great_circle_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kDeg = 3.14159265358979323846 / 180.0;
  const double dlat = (lat2 - lat1) * kDeg;
  const double dlon = (lon2 - lon1) * kDeg;
  const double a =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(lat1 * kDeg) * std::cos(lat2 * kDeg) * std::sin(dlon / 2) * std::sin(dlon / 2);
  // Clamp: rounding can push a above 1 for antipodal points.
  return 2.0 * kEarthRadiusKm * std::asin(std::sqrt(std::min(1.0, a)));
}

RegionTable::RegionTable(std::vector<Region> regions) : regions_(std::move(regions)) {
  std::set<std::string> names;
  for (const Region& r : regions_) {
    if (r.name.empty()) throw std::invalid_argument("a region has an empty name");
    if (!names.insert(r.name).second)
      throw std::invalid_argument("duplicate region '" + r.name + "'");
    if (!(r.lat >= -90.0 && r.lat <= 90.0) || !(r.lon >= -180.0 && r.lon <= 180.0)) {
      throw std::invalid_argument("region '" + r.name + "' has coordinates out of range");
    }
  }
  const std::size_t n = regions_.size();
  distance_.assign(n * n, 0.0);
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = a + 1; b < n; ++b) {
      const double d =
          great_circle_km(regions_[a].lat, regions_[a].lon, regions_[b].lat, regions_[b].lon);
      distance_[a * n + b] = d;
      distance_[b * n + a] = d;
    }
  }
}

std::ptrdiff_t RegionTable::find(const std::string& name) const {
  for (std::size_t r = 0; r < regions_.size(); ++r) {
    if (regions_[r].name == name) return static_cast<std::ptrdiff_t>(r);
  }
  return -1;
}

}  // namespace clustersim::sim
