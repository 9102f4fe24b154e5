#pragma once
// The regional assessment indices of a table of regional data, per year:
// shares of the national total (modified Krugman index), the HHI of their
// distribution, the classic Krugman specialisation index across sectors, and
// the assessment index with its symbolic rank.
#include <optional>
#include <string>
#include <vector>

#include "models/indices/regional_indices.hpp"
#include "models/indices/regional_table.hpp"

namespace clustersim::indices {

struct IndexRow {
  std::string region;
  std::optional<int> year;
  std::optional<double> value;  ///< summed over sectors; empty: no value recorded
  double share = 0.0;           ///< of the national total, in [0, 1]
  double hhi = 0.0;             ///< of the year's distribution across regions
  std::optional<double> krugman;
  std::optional<AssessmentIndex> assessment;
};

struct IndexReport {
  bool has_year = false, has_value = false, has_krugman = false, has_assessment = false;
  std::vector<IndexRow> rows;  ///< by year, then in the table's region order
};

/// Computes the report for one year, or for every year when `year` is empty.
/// Throws std::invalid_argument for a year the table does not have.
IndexReport compute_index_report(const RegionalTable& table, std::optional<int> year);

/// The report as CSV with a header line.
std::string to_csv(const IndexReport& report);

}  // namespace clustersim::indices
