#include "models/scenario/region_csv.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <compare>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "models/parameters/agent_kinds.hpp"
#include "models/scenario/schema.hpp"
#include "models/text/checked_text.hpp"
#include "models/text/csv.hpp"
#include "models/text/number_text.hpp"

namespace clustersim::scenario {

using cluster_model::RegionSpec;
using indices::TableError;
using parameters::agent_kinds;
using parameters::AgentKindSpec;
using text::CsvCell;
using text::CsvError;
using text::CsvLine;
using text::NumberText;
using text::parse_csv;
using text::parse_number_text;

namespace {

/// What one column of the file holds: a region input, or one kind's initial count.
struct Column {
  enum Field { Unused, Name, Lat, Lon, Population, PopulationThousands, Hard, Soft, AgentCount };
  Field field = Unused;
  sim::AgentKind kind{};  ///< for AgentCount
  auto operator<=>(const Column&) const = default;
};

Column classify(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const std::map<std::string, Column> kNames = [] {
    std::map<std::string, Column> names = {{"region", {Column::Name}},
                                           {"name", {Column::Name}},
                                           {"lat", {Column::Lat}},
                                           {"lon", {Column::Lon}},
                                           {"population", {Column::Population}},
                                           {"population_k", {Column::PopulationThousands}},
                                           {"hard_factor", {Column::Hard}},
                                           {"soft_factor", {Column::Soft}}};
    for (const AgentKindSpec& k : agent_kinds()) {
      names.emplace(std::string(k.count_key), Column{Column::AgentCount, k.kind});
    }
    return names;
  }();
  if (const auto it = kNames.find(name); it != kNames.end()) return it->second;
  // population_2016_k and the like: a census year in the name, thousands.
  if (std::regex_match(name, std::regex("population_[0-9]{4}_k")))
    return {Column::PopulationThousands};
  return {Column::Unused};
}

/// The file's lines, parsed; throws TableError when it cannot be read.
std::vector<CsvLine> read_lines(const std::filesystem::path& path, const std::string& file) {
  std::string content;
  try {
    content = text::read_data_file(path, text::kMaxDataFileBytes);
  } catch (const std::runtime_error& e) {
    throw TableError(file, 0, 0, e.what());
  }
  std::vector<CsvLine> lines;
  try {
    lines = text::checked_csv(text::without_bom(content));
  } catch (const CsvError& e) {
    throw TableError(file, e.line, e.column, e.what());
  }
  if (lines.empty()) throw TableError(file, 0, 0, "the file has no header line");
  return lines;
}

/// What every header cell holds; the names of unused columns go to `unused`.
/// Throws on a repeated column or a missing required one.
std::vector<Column> classify_header(const CsvLine& header, const std::string& file,
                                    std::vector<std::string>& unused) {
  std::vector<Column> columns;
  std::set<Column> seen;
  for (const CsvCell& cell : header.cells) {
    const Column c = classify(cell.text);
    if (c.field == Column::Unused) {
      unused.push_back(cell.text);
    } else if (!seen.insert(c).second) {
      throw TableError(file, header.line, cell.column,
                       "column '" + cell.text + "' repeats a column given earlier");
    }
    columns.push_back(c);
  }
  for (const auto& [field, name] :
       {std::pair{Column::Name, "region"}, {Column::Lat, "lat"}, {Column::Lon, "lon"}}) {
    if (!seen.count(Column{field}))
      throw TableError(file, header.line, 1,
                       std::string("required column '") + name + "' is missing");
  }
  return columns;
}

/// Reads the cells of one row, with the ranges of the scenario schema.
class RowReader {
 public:
  RowReader(const std::string& file, const CsvLine& header, const CsvLine& row)
      : file_(file), header_(header), row_(row) {}

  /// The number in cell c, or nothing for an empty cell.
  std::optional<double> number(std::size_t c, double lo, double hi) const {
    const CsvCell& cell = row_.cells[c];
    if (cell.text.empty()) return std::nullopt;
    double v = 0.0;
    if (parse_number_text(cell.text, v) != NumberText::Ok) {
      throw TableError(file_, row_.line, cell.column, "expected a number, got '" + cell.text + "'");
    }
    if (v < lo || v > hi) {
      std::ostringstream message;
      message << "value " << cell.text << " is out of range [" << lo << ", " << hi << "] for '"
              << header_.cells[c].text << "'";
      throw TableError(file_, row_.line, cell.column, message.str());
    }
    return v;
  }
  std::optional<double> number(std::size_t c, const KeySpec& key) const {
    return number(c, key.min, key.max);
  }

  /// The whole number in cell c, or nothing for an empty cell.
  std::optional<int> count(std::size_t c, const KeySpec& key) const {
    const auto v = number(c, key);
    if (!v) return std::nullopt;
    if (*v != std::floor(*v))
      throw TableError(file_, row_.line, row_.cells[c].column, "expected a whole number");
    return static_cast<int>(*v);
  }

 private:
  const std::string& file_;
  const CsvLine& header_;
  const CsvLine& row_;
};

/// Sets what cell c, of the given column, holds in `spec` (nothing when empty).
void read_cell(const RowReader& cells, std::size_t c, const Column& column, const CsvCell& cell,
               RegionSpec& spec) {
  sim::Region& region = spec.region;
  const auto set = [&](double& target, const char* key) {
    if (const auto v = cells.number(c, schema_key(key))) target = *v;
  };
  switch (column.field) {
    case Column::Name:
      region.name = cell.text;
      break;
    case Column::Lat:
      set(region.lat, "regions[].lat");
      break;
    case Column::Lon:
      set(region.lon, "regions[].lon");
      break;
    case Column::Population:
      set(region.population, "regions[].population");
      break;
    case Column::PopulationThousands: {
      const KeySpec& persons = schema_key("regions[].population");
      if (const auto v = cells.number(c, persons.min / 1000.0, persons.max / 1000.0))
        region.population = *v * 1000.0;
      break;
    }
    case Column::Hard:
      set(region.hard_factor, "regions[].hard_factor");
      break;
    case Column::Soft:
      set(region.soft_factor, "regions[].soft_factor");
      break;
    case Column::AgentCount: {
      const std::string key(parameters::agent_kind(column.kind).count_key);
      if (const auto v = cells.count(c, schema_key("regions[].agents." + key)))
        spec.agents[column.kind] = *v;
      break;
    }
    case Column::Unused:
      break;
  }
}

/// One region from one row: the defaults, then what the row's cells say.
RegionSpec read_row(const std::string& file, const CsvLine& header, const CsvLine& row,
                    const std::vector<Column>& columns, const RegionSpec& defaults) {
  if (row.cells.size() != columns.size()) {
    throw TableError(file, row.line, 1,
                     "expected " + std::to_string(columns.size()) +
                         " cells as in the header, found " + std::to_string(row.cells.size()));
  }
  RegionSpec spec = defaults;
  const RowReader cells(file, header, row);
  for (std::size_t c = 0; c < columns.size(); ++c)
    read_cell(cells, c, columns[c], row.cells[c], spec);
  // A non-empty cell is a number or an error by now, so a cell given is a value read.
  const auto given = [&](Column::Field field) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (columns[c].field == field && !row.cells[c].text.empty()) return true;
    }
    return false;
  };
  if (spec.region.name.empty()) throw TableError(file, row.line, 1, "empty region name");
  if (!given(Column::Lat) || !given(Column::Lon))
    throw TableError(file, row.line, 1, "region '" + spec.region.name + "' has no lat/lon");
  return spec;
}

}  // namespace

RegionCsv read_regions_csv(const std::filesystem::path& path, const RegionSpec& defaults) {
  const std::string file = path.string();
  const std::vector<CsvLine> lines = read_lines(path, file);
  RegionCsv out;
  const CsvLine& header = lines[0];
  const std::vector<Column> columns = classify_header(header, file, out.unused_columns);
  if (lines.size() < 2)
    throw TableError(file, header.line, 1, "the file has a header but no regions");
  std::set<std::string> names;
  for (std::size_t l = 1; l < lines.size(); ++l) {
    RegionSpec spec = read_row(file, header, lines[l], columns, defaults);
    if (!names.insert(spec.region.name).second) {
      throw TableError(file, lines[l].line, 1, "region '" + spec.region.name + "' appears twice");
    }
    out.regions.push_back(std::move(spec));
  }
  return out;
}

}  // namespace clustersim::scenario
