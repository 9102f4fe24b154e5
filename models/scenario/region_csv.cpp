#include "models/scenario/region_csv.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "models/scenario/schema.hpp"
#include "models/text/csv.hpp"
#include "models/text/number_text.hpp"

namespace clustersim::scenario {

using cluster_model::RegionSpec;
using indices::TableError;
using text::CsvCell;
using text::CsvError;
using text::CsvLine;
using text::NumberText;
using text::parse_csv;
using text::parse_number_text;

namespace {

enum class Column {
  Unused,
  Name,
  Lat,
  Lon,
  Population,
  PopulationThousands,
  Hard,
  Soft,
  LargeFirms,
  Smes,
  Universities,
  Governments,
  CivilSociety
};

Column classify(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const std::map<std::string, Column> kNames = {
      {"region", Column::Name},
      {"name", Column::Name},
      {"lat", Column::Lat},
      {"lon", Column::Lon},
      {"population", Column::Population},
      {"population_k", Column::PopulationThousands},
      {"hard_factor", Column::Hard},
      {"soft_factor", Column::Soft},
      {"large_firms", Column::LargeFirms},
      {"smes", Column::Smes},
      {"universities", Column::Universities},
      {"governments", Column::Governments},
      {"civil_society", Column::CivilSociety}};
  if (const auto it = kNames.find(name); it != kNames.end()) return it->second;
  // population_2016_k and the like: a census year in the name, thousands.
  if (std::regex_match(name, std::regex("population_[0-9]{4}_k")))
    return Column::PopulationThousands;
  return Column::Unused;
}

}  // namespace

RegionCsv read_regions_csv(const std::filesystem::path& path, const RegionSpec& defaults) {
  const std::string file = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TableError(file, 0, 0, "cannot open the file");
  std::ostringstream content;
  content << in.rdbuf();
  std::vector<CsvLine> lines;
  try {
    lines = parse_csv(content.str());
  } catch (const CsvError& e) {
    throw TableError(file, e.line, e.column, e.what());
  }
  if (lines.empty()) throw TableError(file, 0, 0, "the file has no header line");

  RegionCsv out;
  const CsvLine& header = lines[0];
  std::vector<Column> columns;
  std::set<Column> seen;
  for (const CsvCell& cell : header.cells) {
    const Column c = classify(cell.text);
    if (c == Column::Unused) {
      out.unused_columns.push_back(cell.text);
    } else if (!seen.insert(c).second) {
      throw TableError(file, header.line, cell.column,
                       "column '" + cell.text + "' repeats a column given earlier");
    }
    columns.push_back(c);
  }
  for (const auto& [c, name] :
       {std::pair{Column::Name, "region"}, {Column::Lat, "lat"}, {Column::Lon, "lon"}}) {
    if (!seen.count(c))
      throw TableError(file, header.line, 1,
                       std::string("required column '") + name + "' is missing");
  }
  if (lines.size() < 2)
    throw TableError(file, header.line, 1, "the file has a header but no regions");

  std::set<std::string> names;
  for (std::size_t l = 1; l < lines.size(); ++l) {
    const CsvLine& row = lines[l];
    if (row.cells.size() != columns.size()) {
      throw TableError(file, row.line, 1,
                       "expected " + std::to_string(columns.size()) +
                           " cells as in the header, found " + std::to_string(row.cells.size()));
    }
    RegionSpec spec = defaults;
    const auto number = [&](std::size_t c, double lo, double hi) -> std::optional<double> {
      const CsvCell& cell = row.cells[c];
      if (cell.text.empty()) return std::nullopt;
      double v = 0.0;
      if (parse_number_text(cell.text, v) != NumberText::Ok) {
        throw TableError(file, row.line, cell.column, "expected a number, got '" + cell.text + "'");
      }
      if (v < lo || v > hi) {
        std::ostringstream message;
        message << "value " << cell.text << " is out of range [" << lo << ", " << hi << "] for '"
                << header.cells[c].text << "'";
        throw TableError(file, row.line, cell.column, message.str());
      }
      return v;
    };
    // A column's range is its scenario key's (schema.cpp).
    const auto declared = [&](std::size_t c, std::string_view key, double scale = 1.0) {
      const KeySpec& declaration = schema_key(key);
      return number(c, declaration.min / scale, declaration.max / scale);
    };
    const auto count = [&](std::size_t c, int& target) {
      if (const auto v = number(c, 0, 1e8)) {
        const CsvCell& cell = row.cells[c];
        if (*v != std::floor(*v))
          throw TableError(file, row.line, cell.column, "expected a whole number");
        target = static_cast<int>(*v);
      }
    };
    bool has_lat = false, has_lon = false;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const CsvCell& cell = row.cells[c];
      switch (columns[c]) {
        case Column::Name:
          spec.region.name = cell.text;
          break;
        case Column::Lat:
          if (const auto v = declared(c, "regions[].lat")) {
            spec.region.lat = *v;
            has_lat = true;
          }
          break;
        case Column::Lon:
          if (const auto v = declared(c, "regions[].lon")) {
            spec.region.lon = *v;
            has_lon = true;
          }
          break;
        case Column::Population:
          if (const auto v = declared(c, "regions[].population")) spec.region.population = *v;
          break;
        case Column::PopulationThousands:
          if (const auto v = declared(c, "regions[].population", 1000.0)) {
            spec.region.population = *v * 1000.0;
          }
          break;
        case Column::Hard:
          if (const auto v = declared(c, "regions[].hard_factor")) spec.region.hard_factor = *v;
          break;
        case Column::Soft:
          if (const auto v = declared(c, "regions[].soft_factor")) spec.region.soft_factor = *v;
          break;
        case Column::LargeFirms:
          count(c, spec.agents.large_firms);
          break;
        case Column::Smes:
          count(c, spec.agents.smes);
          break;
        case Column::Universities:
          count(c, spec.agents.universities);
          break;
        case Column::Governments:
          count(c, spec.agents.governments);
          break;
        case Column::CivilSociety:
          count(c, spec.agents.civil_society);
          break;
        case Column::Unused:
          break;
      }
    }
    if (spec.region.name.empty()) throw TableError(file, row.line, 1, "empty region name");
    if (!has_lat || !has_lon)
      throw TableError(file, row.line, 1, "region '" + spec.region.name + "' has no lat/lon");
    if (!names.insert(spec.region.name).second) {
      throw TableError(file, row.line, 1, "region '" + spec.region.name + "' appears twice");
    }
    out.regions.push_back(std::move(spec));
  }
  return out;
}

}  // namespace clustersim::scenario
