#include "sim/indicators.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace clustersim::sim {

IndicatorTable::IndicatorTable(std::vector<SeriesInfo> series, std::size_t regions)
    : series_(std::move(series)), regions_(regions), values_(series_.size() * regions, 0.0) {
  std::set<std::string> names;
  for (const SeriesInfo& s : series_) {
    if (!names.insert(s.name).second) {
      throw std::invalid_argument("indicator series '" + s.name + "' declared twice");
    }
  }
}

std::size_t IndicatorTable::index_of(const std::string& name) const {
  for (std::size_t i = 0; i < series_.size(); ++i) {
    if (series_[i].name == name) return i;
  }
  throw std::out_of_range("no indicator series named '" + name + "'");
}

void IndicatorTable::fill(double value) {
  std::fill(values_.begin(), values_.end(), value);
}

}  // namespace clustersim::sim
