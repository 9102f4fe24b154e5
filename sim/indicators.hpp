#pragma once
// Per-region indicator table for one tick.
//
// Models declare their series once (name, unit, meaning) and fill one value per
// region every tick; observers such as the HDF5 recorder read the table without
// knowing what the series mean.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace clustersim::sim {

struct SeriesInfo {
  std::string name;         ///< snake_case, unique
  std::string unit;         ///< e.g. "agents", "million tenge", "1"
  std::string description;  ///< one line
  /// How the national value is made from the regions' values: "sum" for
  /// extensive quantities (counts, money), "mean", "min" or "max" for
  /// intensive ones, "none" where no national value makes sense (a stage).
  std::string aggregation = "sum";
};

class IndicatorTable {
 public:
  IndicatorTable() = default;
  IndicatorTable(std::vector<SeriesInfo> series, std::size_t regions);

  std::size_t series_count() const { return series_.size(); }
  std::size_t region_count() const { return regions_; }
  const std::vector<SeriesInfo>& series() const { return series_; }
  /// Index of a series by name; throws std::out_of_range if unknown.
  std::size_t index_of(const std::string& name) const;

  double& at(std::size_t series, std::size_t region) { return values_[series * regions_ + region]; }
  double at(std::size_t series, std::size_t region) const {
    return values_[series * regions_ + region];
  }
  /// One series' values, one per region.
  std::span<const double> row(std::size_t series) const {
    return {values_.data() + series * regions_, regions_};
  }
  std::span<double> row(std::size_t series) {
    return {values_.data() + series * regions_, regions_};
  }
  /// Everything, series-major: [series][region].
  std::span<const double> values() const { return values_; }
  void fill(double value);

 private:
  std::vector<SeriesInfo> series_;
  std::size_t regions_ = 0;
  std::vector<double> values_;
};

}  // namespace clustersim::sim
