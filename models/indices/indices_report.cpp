#include "models/indices/indices_report.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace clustersim::indices {

namespace {

/// The rows of one year (or of the whole table when it has no years).
void report_group(const RegionalTable& table, std::optional<int> year, IndexReport& report) {
  const std::size_t n = table.regions.size();
  const std::size_t sectors = std::max<std::size_t>(1, table.sectors.size());
  // value[region][sector]; a region's total is empty only when all its cells are.
  std::vector<std::vector<std::optional<double>>> cells(
      n, std::vector<std::optional<double>>(sectors));
  std::vector<std::optional<AssessmentInputs>> inputs(n);
  std::vector<std::vector<std::optional<double>>> indicators(std::size(kAssessmentColumns),
                                                             std::vector<std::optional<double>>(n));
  std::vector<bool> present(n, false);
  for (const RegionalRecord& r : table.records) {
    if (r.year != year) continue;
    std::size_t region = 0;
    while (table.regions[region] != r.region) ++region;
    present[region] = true;
    std::size_t sector = 0;
    if (!table.sectors.empty()) {
      while (table.sectors[sector] != r.sector) ++sector;
    }
    cells[region][sector] = r.value;
    for (std::size_t k = 0; k < r.indicators.size(); ++k) {
      if (r.indicators[k]) indicators[k][region] = r.indicators[k];
    }
  }
  std::vector<std::optional<double>> totals(n);
  std::vector<double> country(sectors, 0.0);
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t k = 0; k < sectors; ++k) {
      if (!cells[r][k]) continue;
      totals[r] = totals[r].value_or(0.0) + *cells[r][k];
      country[k] += *cells[r][k];
    }
  }
  const std::vector<double> shares = shares_of_total(totals);
  const double hhi = herfindahl_hirschman(totals);
  std::vector<std::vector<double>> relative;
  for (const auto& column : indicators) relative.push_back(relative_to_leader(column));

  for (std::size_t r = 0; r < n; ++r) {
    if (!present[r]) continue;
    IndexRow row;
    row.region = table.regions[r];
    row.year = year;
    row.value = totals[r];
    row.share = shares[r];
    row.hhi = hhi;
    if (report.has_krugman) {
      std::vector<double> own(sectors, 0.0);
      for (std::size_t k = 0; k < sectors; ++k) own[k] = cells[r][k].value_or(0.0);
      row.krugman = krugman_specialisation(own, country);
    }
    if (report.has_assessment) {
      row.assessment = assessment_index({relative[0][r], relative[1][r], relative[2][r],
                                         relative[3][r], relative[4][r], relative[5][r]});
    }
    report.rows.push_back(std::move(row));
  }
}

std::string number(double v) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.10g", v);
  return buffer;
}

std::string csv_text(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string quoted = "\"";
  for (char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace

IndexReport compute_index_report(const RegionalTable& table, std::optional<int> year) {
  IndexReport report;
  report.has_year = !table.years.empty();
  report.has_value = table.has_value;
  report.has_krugman = table.has_value && table.sectors.size() > 1;
  report.has_assessment = table.has_indicators;
  if (year && !report.has_year) {
    throw std::invalid_argument("the table has no years, so --year " + std::to_string(*year) +
                                " cannot select one");
  }
  if (year && std::find(table.years.begin(), table.years.end(), *year) == table.years.end()) {
    std::string known;
    for (int y : table.years) known += (known.empty() ? "" : ", ") + std::to_string(y);
    throw std::invalid_argument("no data for " + std::to_string(*year) + "; the table has " +
                                known);
  }
  if (year) {
    report_group(table, year, report);
  } else if (report.has_year) {
    for (int y : table.years) report_group(table, y, report);
  } else {
    report_group(table, std::nullopt, report);
  }
  return report;
}

std::string to_csv(const IndexReport& report) {
  std::string out = "region";
  if (report.has_year) out += ",year";
  if (report.has_value) out += ",value,share,hhi";
  if (report.has_krugman) out += ",krugman_specialisation";
  if (report.has_assessment) out += ",susceptibility,activity,aggregated_index,rank";
  out += "\n";
  for (const IndexRow& row : report.rows) {
    out += csv_text(row.region);
    if (report.has_year) out += "," + (row.year ? std::to_string(*row.year) : std::string());
    if (report.has_value) {
      out += "," + (row.value ? number(*row.value) : std::string()) + "," + number(row.share) +
             "," + number(row.hhi);
    }
    if (report.has_krugman) out += "," + number(row.krugman.value_or(0.0));
    if (report.has_assessment) {
      const AssessmentIndex& a = *row.assessment;
      out += "," + number(a.susceptibility) + "," + number(a.activity) + "," +
             number(a.aggregated) + "," + std::string(symbolic_rank(a.aggregated));
    }
    out += "\n";
  }
  return out;
}

}  // namespace clustersim::indices
