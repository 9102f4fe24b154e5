#include "sim/indicators.hpp"

#include <algorithm>
#include <stdexcept>

namespace clustersim::sim {

IndicatorTable::IndicatorTable(std::vector<SeriesInfo> series, std::size_t regions)
    : series_(std::move(series)), regions_(regions), values_(series_.size() * regions, 0.0) {
  for (std::size_t i = 0; i < series_.size(); ++i) {
    if (!index_.emplace(series_[i].name, i).second) {
      throw std::invalid_argument("indicator series '" + series_[i].name + "' declared twice");
    }
  }
}

std::size_t IndicatorTable::index_of(const std::string& name) const {
  const auto it = index_.find(name);
  if (it == index_.end()) throw std::out_of_range("no indicator series named '" + name + "'");
  return it->second;
}

void IndicatorTable::fill(double value) {
  std::fill(values_.begin(), values_.end(), value);
}

IndicatorWriter::IndicatorWriter(IndicatorTable& table)
    : table_(table), written_(table.series_count(), false) {}

std::span<double> IndicatorWriter::row(const std::string& name) {
  const std::size_t i = table_.index_of(name);
  if (written_[i]) throw std::logic_error("indicator series '" + name + "' written twice");
  written_[i] = true;
  return table_.row(i);
}

void IndicatorWriter::finish() const {
  std::string missing;
  for (std::size_t i = 0; i < written_.size(); ++i) {
    if (!written_[i]) missing += (missing.empty() ? "'" : ", '") + table_.series()[i].name + "'";
  }
  if (!missing.empty()) throw std::logic_error("indicator series without values: " + missing);
}

}  // namespace clustersim::sim
