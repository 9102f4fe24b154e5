#pragma once
// Tables of regional data read from CSV, in either of two shapes:
//  - wide by year: `region,2010,2011,...` (one value per region and year);
//  - long: a `region` column plus any of `year`, `sector`, `value` and the six
//    indicators of the assessment index (labour_productivity, ...).
// Lines starting with '#' are comments (sources, notes). An empty cell means
// "no value" (for output: no production recorded), kept distinct from 0.
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace clustersim::indices {

/// A CSV problem, located: what() is "FILE:LINE:COLUMN: message".
class TableError : public std::runtime_error {
 public:
  TableError(const std::string& file, int line, int column, const std::string& message);
};

/// The six indicators of the assessment index, in the order of AssessmentInputs.
inline constexpr std::string_view kAssessmentColumns[] = {"labour_productivity",
                                                          "fixed_assets_impact",
                                                          "production_sustainability",
                                                          "rnd_per_employee",
                                                          "tech_innovation_spend_per_employed",
                                                          "innovative_output_per_capita"};

struct RegionalRecord {
  std::string region;
  std::optional<int> year;
  std::string sector;  ///< empty when the table has no sectors
  std::optional<double> value;
  /// The six assessment indicators when the table has them (else empty).
  std::vector<std::optional<double>> indicators;
};

struct RegionalTable {
  std::vector<RegionalRecord> records;
  std::vector<std::string> regions;  ///< in order of first appearance
  std::vector<int> years;            ///< ascending; empty when the table has no years
  std::vector<std::string> sectors;  ///< in order of first appearance; empty without sectors
  bool has_value = false;
  bool has_indicators = false;
  std::vector<std::string> ignored_columns;
};

/// Parses CSV text. Throws TableError.
RegionalTable parse_regional_table(std::string_view text, const std::string& file_name);
/// Reads a CSV file. Throws TableError.
RegionalTable read_regional_table(const std::filesystem::path& file);

}  // namespace clustersim::indices
