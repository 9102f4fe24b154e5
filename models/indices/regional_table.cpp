#include "models/indices/regional_table.hpp"

#include "models/text/csv.hpp"
#include "models/text/number_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace clustersim::indices {

using text::CsvCell;
using text::CsvError;
using text::CsvLine;
using text::NumberText;
using text::parse_csv;
using text::parse_number_text;

TableError::TableError(const std::string& file, int line, int column, const std::string& message)
    : std::runtime_error(line > 0 ? file + ":" + std::to_string(line) + ":" +
                                        std::to_string(column) + ": " + message
                                  : file + ": " + message) {}

namespace {

std::optional<double> parse_number(const CsvCell& cell, const std::string& file, int line,
                                   const std::string& what) {
  if (cell.text.empty() || cell.text == "-" || cell.text == "–") return std::nullopt;
  double v = 0.0;
  if (parse_number_text(cell.text, v) != NumberText::Ok) {
    throw TableError(file, line, cell.column,
                     what + ": expected a number or an empty cell, got '" + cell.text + "'");
  }
  return v;
}

std::optional<int> parse_year(const std::string& text) {
  int year = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (ec != std::errc() || end != text.data() + text.size() || year < 1000 || year > 9999) {
    return std::nullopt;
  }
  return year;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

RegionalTable parse_regional_table(std::string_view text, const std::string& file) {
  RegionalTable table;
  std::vector<CsvLine> lines;
  try {
    lines = parse_csv(text);
  } catch (const CsvError& e) {
    throw TableError(file, e.line, e.column, e.what());
  }
  if (lines.empty()) throw TableError(file, 1, 1, "no header line: the table is empty");

  const std::vector<CsvCell>& header = lines[0].cells;
  const int header_line = lines[0].line;
  if (lower(header[0].text) != "region") {
    throw TableError(file, header_line, 1,
                     "the first column must be 'region', not '" + header[0].text + "'");
  }
  // Wide by year when every other header is a year.
  bool wide = header.size() > 1;
  std::vector<int> header_years;
  for (std::size_t c = 1; c < header.size(); ++c) {
    const auto y = parse_year(header[c].text);
    if (!y) {
      wide = false;
      break;
    }
    header_years.push_back(*y);
  }

  enum class Role { Ignore, Year, Sector, Value, Indicator };
  std::vector<Role> roles(header.size(), Role::Ignore);
  std::vector<std::size_t> indicator_slot(header.size(), 0);
  if (!wide) {
    std::set<std::string> seen;
    for (std::size_t c = 1; c < header.size(); ++c) {
      const std::string name = lower(header[c].text);
      if (!seen.insert(name).second) {
        throw TableError(file, header_line, header[c].column,
                         "column '" + name + "' appears twice");
      }
      if (name == "year") {
        roles[c] = Role::Year;
      } else if (name == "sector" || name == "field") {
        roles[c] = Role::Sector;
      } else if (name == "value") {
        roles[c] = Role::Value;
        table.has_value = true;
      } else {
        const auto* it =
            std::find(std::begin(kAssessmentColumns), std::end(kAssessmentColumns), name);
        if (it != std::end(kAssessmentColumns)) {
          roles[c] = Role::Indicator;
          indicator_slot[c] = static_cast<std::size_t>(it - std::begin(kAssessmentColumns));
        } else {
          table.ignored_columns.push_back(header[c].text);
        }
      }
    }
    std::size_t indicators = 0;
    for (Role r : roles) indicators += r == Role::Indicator;
    if (indicators > 0 && indicators < std::size(kAssessmentColumns)) {
      std::string missing;
      for (std::string_view name : kAssessmentColumns) {
        if (!seen.count(std::string(name)))
          missing += (missing.empty() ? "" : ", ") + std::string(name);
      }
      throw TableError(file, header_line, 1,
                       "the assessment index needs all six indicators; missing: " + missing);
    }
    table.has_indicators = indicators > 0;
    if (!table.has_value && !table.has_indicators) {
      throw TableError(file, header_line, 1,
                       "no data columns: expected years (wide table), 'value', or the six "
                       "assessment indicators");
    }
  } else {
    table.has_value = true;
  }

  std::set<std::string> regions_seen, sectors_seen;
  std::set<int> years_seen;
  std::set<std::tuple<std::string, int, std::string>> keys;
  for (std::size_t l = 1; l < lines.size(); ++l) {
    const std::vector<CsvCell>& cells = lines[l].cells;
    const int number = lines[l].line;
    if (cells.size() != header.size()) {
      throw TableError(file, number, 1,
                       "expected " + std::to_string(header.size()) +
                           " cells as in the header, found " + std::to_string(cells.size()));
    }
    const std::string& region = cells[0].text;
    if (region.empty()) throw TableError(file, number, 1, "empty region name");
    if (regions_seen.insert(region).second) table.regions.push_back(region);
    const auto add = [&](RegionalRecord record, int column) {
      const auto key = std::make_tuple(record.region, record.year.value_or(0), record.sector);
      if (!keys.insert(key).second) {
        throw TableError(file, number, column,
                         "a second row for region '" + record.region + "'" +
                             (record.year ? " in " + std::to_string(*record.year) : "") +
                             (record.sector.empty() ? "" : ", sector '" + record.sector + "'"));
      }
      if (record.year) years_seen.insert(*record.year);
      table.records.push_back(std::move(record));
    };
    if (wide) {
      for (std::size_t c = 1; c < cells.size(); ++c) {
        RegionalRecord r;
        r.region = region;
        r.year = header_years[c - 1];
        r.value = parse_number(cells[c], file, number, "year " + header[c].text);
        add(std::move(r), cells[c].column);
      }
      continue;
    }
    RegionalRecord r;
    r.region = region;
    if (table.has_indicators) r.indicators.assign(std::size(kAssessmentColumns), std::nullopt);
    for (std::size_t c = 1; c < cells.size(); ++c) {
      switch (roles[c]) {
        case Role::Year: {
          const auto y = parse_year(cells[c].text);
          if (!y)
            throw TableError(file, number, cells[c].column,
                             "expected a year, got '" + cells[c].text + "'");
          r.year = y;
          break;
        }
        case Role::Sector:
          r.sector = cells[c].text;
          if (sectors_seen.insert(r.sector).second) table.sectors.push_back(r.sector);
          break;
        case Role::Value:
          r.value = parse_number(cells[c], file, number, "value");
          break;
        case Role::Indicator:
          r.indicators[indicator_slot[c]] = parse_number(cells[c], file, number, header[c].text);
          break;
        case Role::Ignore:
          break;
      }
    }
    add(std::move(r), 1);
  }
  if (table.records.empty())
    throw TableError(file, header_line, 1, "the table has a header but no rows");
  table.years.assign(years_seen.begin(), years_seen.end());
  return table;
}

RegionalTable read_regional_table(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw TableError(file.string(), 0, 0, "cannot open the file");
  std::ostringstream content;
  content << in.rdbuf();
  return parse_regional_table(content.str(), file.string());
}

}  // namespace clustersim::indices
