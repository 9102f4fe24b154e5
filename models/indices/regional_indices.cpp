#include "models/indices/regional_indices.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace clustersim::indices {

namespace {
double value_or_zero(const std::optional<double>& v) {
  return v.value_or(0.0);
}
}  // namespace

std::vector<double> shares_of_total(std::span<const std::optional<double>> values) {
  double total = 0.0;
  for (const auto& v : values) total += value_or_zero(v);
  std::vector<double> shares(values.size(), 0.0);
  if (std::isfinite(total)) {
    if (total <= 0.0) return shares;
    for (std::size_t i = 0; i < values.size(); ++i) shares[i] = value_or_zero(values[i]) / total;
    return shares;
  }
  // Totals of values near the largest double overflow: sum in units of the
  // largest value instead (only then, so ordinary shares keep their bits).
  double largest = 0.0;
  for (const auto& v : values) largest = std::max(largest, std::abs(value_or_zero(v)));
  if (!std::isfinite(largest)) return shares;
  total = 0.0;
  for (const auto& v : values) total += value_or_zero(v) / largest;
  if (total <= 0.0) return shares;
  for (std::size_t i = 0; i < values.size(); ++i) {
    shares[i] = value_or_zero(values[i]) / largest / total;
  }
  return shares;
}

double herfindahl_hirschman(std::span<const std::optional<double>> values) {
  double hhi = 0.0;
  for (const double s : shares_of_total(values)) hhi += s * s;
  return hhi;
}

double krugman_specialisation(std::span<const double> region, std::span<const double> country) {
  if (region.size() != country.size()) {
    throw std::invalid_argument("krugman_specialisation: region and country differ in sectors");
  }
  double region_total = 0.0, country_total = 0.0;
  for (std::size_t k = 0; k < region.size(); ++k) {
    region_total += region[k];
    country_total += country[k];
  }
  if (region_total <= 0.0 || country_total <= 0.0) return 0.0;
  double index = 0.0;
  for (std::size_t k = 0; k < region.size(); ++k) {
    index += std::abs(region[k] / region_total - country[k] / country_total);
  }
  return index;
}

std::vector<double> relative_to_leader(std::span<const std::optional<double>> values) {
  double leader = 0.0;
  for (const auto& v : values) leader = std::max(leader, value_or_zero(v));
  std::vector<double> relative(values.size(), 0.0);
  if (leader <= 0.0) return relative;
  for (std::size_t i = 0; i < values.size(); ++i) {
    relative[i] = value_or_zero(values[i]) / leader * 100.0;
  }
  return relative;
}

AssessmentIndex assessment_index(const AssessmentInputs& in) {
  AssessmentIndex out{};
  out.susceptibility =
      (in.labour_productivity + in.fixed_assets_impact + in.production_sustainability) / 3.0;
  out.activity = (in.rnd_per_employee + in.tech_innovation_spend_per_employed +
                  in.innovative_output_per_capita) /
                 3.0;
  out.aggregated = (out.susceptibility + out.activity) / 2.0;
  return out;
}

std::string_view symbolic_rank(double aggregated_index) {
  if (aggregated_index >= 60.0) return "A";
  if (aggregated_index >= 50.0) return "B+";
  if (aggregated_index >= 40.0) return "B";
  if (aggregated_index >= 30.0) return "C++";
  if (aggregated_index >= 20.0) return "C+";
  return "C";
}

}  // namespace clustersim::indices
