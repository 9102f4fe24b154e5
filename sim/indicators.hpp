#pragma once
// Per-region indicator table for one tick.
//
// Models declare each observable once (Observable: name, unit, meaning,
// national aggregation and how its value is computed) and write its values by
// name through an IndicatorWriter every tick; observers such as the HDF5
// recorder read the table by name without knowing what the series mean.
#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <unordered_map>
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
  /// Throws std::invalid_argument if two series share a name.
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
  std::unordered_map<std::string, std::size_t> index_;
  std::size_t regions_ = 0;
  std::vector<double> values_;
};

/// Writes one tick's values into a table by series name, and checks that the
/// tick gave every declared series exactly one set of values: a value written
/// under a name the table does not declare, twice, or not at all, is a bug in
/// the model that would otherwise record wrong numbers silently.
class IndicatorWriter {
 public:
  explicit IndicatorWriter(IndicatorTable& table);

  /// The values of series `name`, one per region, for the caller to fill.
  /// Throws std::out_of_range for a name the table does not declare and
  /// std::logic_error for a series already written this tick.
  std::span<double> row(const std::string& name);
  /// Throws std::logic_error naming the declared series that got no values.
  void finish() const;

 private:
  IndicatorTable& table_;
  std::vector<bool> written_;
};

/// One observable, declared once: what it is and how its value in one region
/// is computed from `Inputs`, whatever a model computes it from in a tick.
template <class Inputs>
struct Observable {
  SeriesInfo info;
  std::function<double(const Inputs&, std::size_t region)> value;
};

/// The declarations of `observables`, in their order (the order of the run file).
template <class Inputs>
std::vector<SeriesInfo> series_of(std::span<const Observable<Inputs>> observables) {
  std::vector<SeriesInfo> series;
  series.reserve(observables.size());
  for (const Observable<Inputs>& o : observables) series.push_back(o.info);
  return series;
}

/// Writes every observable's value in every region under its own name.
template <class Inputs>
void write_observables(std::span<const Observable<Inputs>> observables, const Inputs& inputs,
                       IndicatorWriter& out) {
  for (const Observable<Inputs>& o : observables) {
    const std::span<double> row = out.row(o.info.name);
    for (std::size_t r = 0; r < row.size(); ++r) row[r] = o.value(inputs, r);
  }
}

}  // namespace clustersim::sim
