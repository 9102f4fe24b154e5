#include "models/indices/regional_table.hpp"

#include "models/text/checked_text.hpp"
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
  // Every column is a regional total or an assessment indicator: a negative
  // one would give shares below 0 and above 1.
  if (v < 0.0) {
    throw TableError(
        file, line, cell.column,
        what + ": must not be negative (a regional total or indicator), got '" + cell.text + "'");
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

std::vector<CsvLine> read_lines(std::string_view content, const std::string& file) {
  std::vector<CsvLine> lines;
  try {
    lines = text::checked_csv(content);
  } catch (const CsvError& e) {
    throw TableError(file, e.line, e.column, e.what());
  }
  if (lines.empty()) throw TableError(file, 1, 1, "no header line: the table is empty");
  return lines;
}

/// The years of a wide table's header (one column per year after `region`), or
/// nothing when some other header is not a year (a long table).
std::optional<std::vector<int>> wide_header_years(const std::vector<CsvCell>& header) {
  if (header.size() <= 1) return std::nullopt;
  std::vector<int> years;
  for (std::size_t c = 1; c < header.size(); ++c) {
    const auto y = parse_year(header[c].text);
    if (!y) return std::nullopt;
    years.push_back(*y);
  }
  return years;
}

enum class Role { Ignore, Year, Sector, Value, Indicator };

/// What each column of a long table's header holds.
struct LongLayout {
  std::vector<Role> roles;
  std::vector<std::size_t> indicator_slot;  ///< for Role::Indicator: index in kAssessmentColumns
};

/// Classifies a long table's header, filling the table's has_value,
/// has_indicators and ignored_columns; refuses repeated columns, a partial set
/// of assessment indicators and a header with no data column.
LongLayout classify_long_header(const CsvLine& line, const std::string& file,
                                RegionalTable& table) {
  const std::vector<CsvCell>& header = line.cells;
  LongLayout layout{std::vector<Role>(header.size(), Role::Ignore),
                    std::vector<std::size_t>(header.size(), 0)};
  std::set<std::string> seen;
  std::size_t indicators = 0;
  for (std::size_t c = 1; c < header.size(); ++c) {
    const std::string name = lower(header[c].text);
    if (!seen.insert(name).second) {
      throw TableError(file, line.line, header[c].column, "column '" + name + "' appears twice");
    }
    const auto* it = std::find(std::begin(kAssessmentColumns), std::end(kAssessmentColumns), name);
    if (name == "year") {
      layout.roles[c] = Role::Year;
    } else if (name == "sector" || name == "field") {
      layout.roles[c] = Role::Sector;
    } else if (name == "value") {
      layout.roles[c] = Role::Value;
      table.has_value = true;
    } else if (it != std::end(kAssessmentColumns)) {
      layout.roles[c] = Role::Indicator;
      layout.indicator_slot[c] = static_cast<std::size_t>(it - std::begin(kAssessmentColumns));
      ++indicators;
    } else {
      table.ignored_columns.push_back(header[c].text);
    }
  }
  if (indicators > 0 && indicators < std::size(kAssessmentColumns)) {
    std::string missing;
    for (std::string_view name : kAssessmentColumns) {
      if (!seen.count(std::string(name)))
        missing += (missing.empty() ? "" : ", ") + std::string(name);
    }
    throw TableError(file, line.line, 1,
                     "the assessment index needs all six indicators; missing: " + missing);
  }
  table.has_indicators = indicators > 0;
  if (!table.has_value && !table.has_indicators) {
    throw TableError(file, line.line, 1,
                     "no data columns: expected years (wide table), 'value', or the six "
                     "assessment indicators");
  }
  return layout;
}

/// Adds records to the table, refusing a second record for the same region,
/// year and sector, and keeping the lists of regions, sectors and years.
class RecordCollector {
 public:
  RecordCollector(RegionalTable& table, const std::string& file) : table_(table), file_(file) {}

  void region(const std::string& name) {
    if (regions_.insert(name).second) table_.regions.push_back(name);
  }
  void sector(const std::string& name) {
    if (sectors_.insert(name).second) table_.sectors.push_back(name);
  }
  void add(RegionalRecord record, int line, int column) {
    const auto key = std::make_tuple(record.region, record.year.value_or(0), record.sector);
    if (!keys_.insert(key).second) {
      throw TableError(file_, line, column,
                       "a second row for region '" + record.region + "'" +
                           (record.year ? " in " + std::to_string(*record.year) : "") +
                           (record.sector.empty() ? "" : ", sector '" + record.sector + "'"));
    }
    if (record.year) years_.insert(*record.year);
    table_.records.push_back(std::move(record));
  }
  std::vector<int> years() const { return {years_.begin(), years_.end()}; }

 private:
  RegionalTable& table_;
  const std::string& file_;
  std::set<std::string> regions_, sectors_;
  std::set<int> years_;
  std::set<std::tuple<std::string, int, std::string>> keys_;
};

/// One record per year column of a wide table's row.
void add_wide_row(const CsvLine& row, const std::vector<CsvCell>& header,
                  const std::vector<int>& years, const std::string& file, RecordCollector& out) {
  for (std::size_t c = 1; c < row.cells.size(); ++c) {
    RegionalRecord r;
    r.region = row.cells[0].text;
    r.year = years[c - 1];
    r.value = parse_number(row.cells[c], file, row.line, "year " + header[c].text);
    out.add(std::move(r), row.line, row.cells[c].column);
  }
}

/// The one record of a long table's row.
void add_long_row(const CsvLine& row, const std::vector<CsvCell>& header, const LongLayout& layout,
                  bool indicators, const std::string& file, RecordCollector& out) {
  RegionalRecord r;
  r.region = row.cells[0].text;
  if (indicators) r.indicators.assign(std::size(kAssessmentColumns), std::nullopt);
  for (std::size_t c = 1; c < row.cells.size(); ++c) {
    const CsvCell& cell = row.cells[c];
    switch (layout.roles[c]) {
      case Role::Year:
        r.year = parse_year(cell.text);
        if (!r.year) {
          throw TableError(file, row.line, cell.column, "expected a year, got '" + cell.text + "'");
        }
        break;
      case Role::Sector:
        r.sector = cell.text;
        out.sector(r.sector);
        break;
      case Role::Value:
        r.value = parse_number(cell, file, row.line, "value");
        break;
      case Role::Indicator:
        r.indicators[layout.indicator_slot[c]] = parse_number(cell, file, row.line, header[c].text);
        break;
      case Role::Ignore:
        break;
    }
  }
  out.add(std::move(r), row.line, 1);
}

}  // namespace

RegionalTable parse_regional_table(std::string_view text, const std::string& file) {
  RegionalTable table;
  const std::vector<CsvLine> lines = read_lines(text, file);
  const CsvLine& head = lines[0];
  const std::vector<CsvCell>& header = head.cells;
  if (lower(header[0].text) != "region") {
    throw TableError(file, head.line, 1,
                     "the first column must be 'region', not '" + header[0].text + "'");
  }
  const std::optional<std::vector<int>> wide_years = wide_header_years(header);
  LongLayout layout;
  if (wide_years) {
    table.has_value = true;
  } else {
    layout = classify_long_header(head, file, table);
  }

  RecordCollector out(table, file);
  for (std::size_t l = 1; l < lines.size(); ++l) {
    const CsvLine& row = lines[l];
    if (row.cells.size() != header.size()) {
      throw TableError(file, row.line, 1,
                       "expected " + std::to_string(header.size()) +
                           " cells as in the header, found " + std::to_string(row.cells.size()));
    }
    if (row.cells[0].text.empty()) throw TableError(file, row.line, 1, "empty region name");
    out.region(row.cells[0].text);
    if (wide_years) {
      add_wide_row(row, header, *wide_years, file, out);
    } else {
      add_long_row(row, header, layout, table.has_indicators, file, out);
    }
  }
  if (table.records.empty()) {
    throw TableError(file, head.line, 1, "the table has a header but no rows");
  }
  table.years = out.years();
  return table;
}

RegionalTable read_regional_table(const std::filesystem::path& file) {
  std::string content;
  try {
    content = text::read_data_file(file, text::kMaxDataFileBytes);
  } catch (const std::runtime_error& e) {
    throw TableError(file.string(), 0, 0, e.what());
  }
  return parse_regional_table(std::string(text::without_bom(content)), file.string());
}

}  // namespace clustersim::indices
