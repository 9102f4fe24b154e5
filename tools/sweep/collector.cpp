#include "tools/sweep/collector.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <stdexcept>

#include "models/text/number_text.hpp"
#include "tools/files/atomic_file.hpp"
#include "tools/sweep/runner.hpp"
#include "tools/sweep/summary_h5.hpp"
#include "tools/sweep/text.hpp"

namespace clustersim::sweep {

namespace fs = std::filesystem;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Row {
  RunState state = RunState::Missing;
  std::vector<double> indicators;
};

/// A parameter value as a number: the scenario reader's rule (the whole text,
/// finite), so that what it accepted as a number is one here.
bool parse_number(const std::string& text, double& value) {
  return text::parse_number_text(text, value) == text::NumberText::Ok;
}

std::vector<double> read_indicators(const Plan& plan, const fs::path& file) {
  const output::RunReader reader(file);
  const std::vector<std::string> regions = reader.regions();
  std::map<std::string, output::SeriesData> cache;
  std::vector<double> values;
  for (const IndicatorSpec& ind : plan.spec.indicators) {
    auto it = cache.find(ind.series);
    if (it == cache.end()) it = cache.emplace(ind.series, reader.series(ind.series)).first;
    values.push_back(compute_indicator(ind, it->second, regions));
  }
  return values;
}

/// Mean and sample standard deviation (NaN below two values), in replicate order.
std::pair<double, double> mean_std(const std::vector<double>& xs) {
  if (xs.empty()) return {kNaN, kNaN};
  double sum = 0;
  for (const double x : xs) sum += x;
  const double mean = sum / static_cast<double>(xs.size());
  if (xs.size() < 2) return {mean, kNaN};
  double ss = 0;
  for (const double x : xs) ss += (x - mean) * (x - mean);
  return {mean, std::sqrt(ss / static_cast<double>(xs.size() - 1))};
}

void write_salib(const Plan& plan, const fs::path& dir, const std::vector<Row>& rows) {
  const SweepSpec& s = plan.spec;
  // Log-scaled ranges were sampled uniformly in log space; SALib's uniform
  // bounds hold for log10 of the value.
  std::vector<std::string> names;
  std::vector<std::pair<double, double>> bounds;
  for (std::size_t i = 0; i < s.parameters.size(); ++i) {
    const ParameterSpec& p = s.parameters[i];
    double lo = p.min, hi = p.max;
    if (!p.is_range) {
      // Values lists and list points: the bounds are those of the values used.
      lo = std::numeric_limits<double>::infinity();
      hi = -lo;
      for (const std::vector<std::string>& point : plan.points) {
        double x = 0;
        if (!parse_number(point[i], x)) {
          throw scenario::ScenarioError(
              s.file.string(), p.where.line, p.where.column, p.path,
              "--salib needs numeric parameters; '" + point[i] + "' is not a number");
        }
        lo = std::min(lo, x);
        hi = std::max(hi, x);
      }
    }
    if (p.log) {
      lo = std::log10(lo);
      hi = std::log10(hi);
    }
    names.push_back(p.log ? "log10(" + p.path + ")" : p.path);
    bounds.emplace_back(lo, hi);
  }
  std::string problem = "{\n  \"num_vars\": " + std::to_string(names.size()) + ",\n  \"names\": [";
  for (std::size_t i = 0; i < names.size(); ++i) problem += (i ? ", \"" : "\"") + names[i] + "\"";
  problem += "],\n  \"bounds\": [";
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    problem += (i ? ", [" : "[") + format_number(bounds[i].first) + ", " +
               format_number(bounds[i].second) + "]";
  }
  problem += "],\n  \"outputs\": [";
  for (std::size_t i = 0; i < s.indicators.size(); ++i) {
    problem += (i ? ", \"" : "\"") + s.indicators[i].name + "\"";
  }
  problem += "]\n}\n";

  std::string x = "# " + std::to_string(names.size()) + " columns:";
  for (const std::string& n : names) x += " " + n;
  x += "\n";
  std::string y = "# " + std::to_string(s.indicators.size()) + " columns:";
  for (const IndicatorSpec& ind : s.indicators) y += " " + ind.name;
  y += "\n";
  std::string ids = "run_id\n";
  for (std::size_t r = 0; r < plan.runs.size(); ++r) {
    if (rows[r].state != RunState::Complete) continue;
    const std::vector<std::string>& values = plan.points[plan.runs[r].point];
    for (std::size_t i = 0; i < values.size(); ++i) {
      double v = 0;
      parse_number(values[i], v);
      if (s.parameters[i].log) v = std::log10(v);
      x += (i ? " " : "") + format_number(v);
    }
    x += "\n";
    for (std::size_t i = 0; i < rows[r].indicators.size(); ++i) {
      y += (i ? " " : "") + format_number(rows[r].indicators[i]);
    }
    y += "\n";
    ids += plan.runs[r].id + "\n";
  }
  fs::create_directories(dir / "salib");
  files::write_file_atomically(dir / "salib" / "problem.json", problem);
  files::write_file_atomically(dir / "salib" / "X.txt", x);
  files::write_file_atomically(dir / "salib" / "Y.txt", y);
  files::write_file_atomically(dir / "salib" / "run_ids.txt", ids);
}

}  // namespace

double compute_indicator(const IndicatorSpec& ind, const output::SeriesData& series,
                         const std::vector<std::string>& regions) {
  std::size_t region = 0;
  if (ind.aggregate == RegionAggregate::One) {
    const auto it = std::find(regions.begin(), regions.end(), ind.region);
    if (it == regions.end() || series.regions != regions.size()) {
      throw std::runtime_error("indicator " + ind.name + ": the run has no region '" + ind.region +
                               "'");
    }
    region = static_cast<std::size_t>(it - regions.begin());
  }
  const auto row_value = [&](std::size_t row) {
    if (ind.aggregate == RegionAggregate::One) return series.at(row, region);
    double sum = 0;
    for (std::size_t r = 0; r < series.regions; ++r) sum += series.at(row, r);
    return ind.aggregate == RegionAggregate::Mean ? sum / static_cast<double>(series.regions) : sum;
  };
  if (series.rows() == 0) return kNaN;
  if (ind.statistic == Statistic::Final) return row_value(series.rows() - 1);
  double sum = 0, lo = std::numeric_limits<double>::infinity(), hi = -lo;
  std::size_t n = 0;
  for (std::size_t row = 0; row < series.rows(); ++row) {
    const std::int64_t step = series.step[row];
    if (step < ind.from_tick || (ind.to_tick >= 0 && step > ind.to_tick)) continue;
    const double v = row_value(row);
    if (ind.statistic == Statistic::Reach &&
        (ind.below ? v <= ind.threshold : v >= ind.threshold)) {
      return static_cast<double>(step);
    }
    sum += v;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    ++n;
  }
  if (n == 0 || ind.statistic == Statistic::Reach) return kNaN;
  if (ind.statistic == Statistic::Mean) return sum / static_cast<double>(n);
  return ind.statistic == Statistic::Min ? lo : hi;
}

CollectResult collect(const Plan& plan, const fs::path& dir, bool salib) {
  const SweepSpec& s = plan.spec;
  CollectResult result;
  std::vector<Row> rows(plan.runs.size());
  for (std::size_t r = 0; r < plan.runs.size(); ++r) {
    Row& row = rows[r];
    const fs::path file = run_file(dir, plan.runs[r]);
    row.state = run_state(dir, plan.runs[r]);
    if (row.state == RunState::Complete) {
      try {
        row.indicators = read_indicators(plan, file);
        ++result.complete;
        continue;
      } catch (const std::exception& e) {
        row.state = RunState::Invalid;  // readable enough to check, not to read: truncated
        result.invalid.push_back(plan.runs[r].id + ": " + e.what());
      }
    } else if (row.state == RunState::Invalid) {
      result.invalid.push_back(plan.runs[r].id + ": " + run_file_problem(file, plan.runs[r]));
    }
    row.indicators.assign(s.indicators.size(), kNaN);
    if (row.state == RunState::Failed) ++result.failed;
    if (row.state != RunState::Failed && row.state != RunState::Invalid) ++result.missing;
  }

  std::string csv = "run_id,point,replicate,seed,status";
  for (const ParameterSpec& p : s.parameters) csv += "," + csv_field(p.path);
  for (const IndicatorSpec& ind : s.indicators) csv += "," + ind.name;
  csv += "\n";
  for (std::size_t r = 0; r < plan.runs.size(); ++r) {
    const PlannedRun& run = plan.runs[r];
    csv += run.id + "," + std::to_string(run.point) + "," + std::to_string(run.replicate) + "," +
           std::to_string(run.seed) + "," + run_state_name(rows[r].state);
    for (const std::string& v : plan.points[run.point]) csv += "," + csv_field(v);
    for (const double v : rows[r].indicators) csv += "," + format_number(v);
    csv += "\n";
  }

  // Per point: mean and spread over the complete replicates.
  PointStats stats;
  stats.mean.assign(s.indicators.size(), std::vector<double>(plan.points.size(), kNaN));
  stats.std = stats.mean;
  stats.complete.assign(plan.points.size(), 0);
  std::string points_csv = "point";
  for (const ParameterSpec& p : s.parameters) points_csv += "," + csv_field(p.path);
  points_csv += ",runs,complete";
  for (const IndicatorSpec& ind : s.indicators)
    points_csv += "," + ind.name + "_mean," + ind.name + "_std";
  points_csv += "\n";
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    const std::size_t first = p * s.replicates;
    for (std::size_t r = first; r < first + s.replicates; ++r) {
      if (rows[r].state == RunState::Complete) ++stats.complete[p];
    }
    points_csv += std::to_string(p);
    for (const std::string& v : plan.points[p]) points_csv += "," + csv_field(v);
    points_csv += "," + std::to_string(s.replicates) + "," + std::to_string(stats.complete[p]);
    for (std::size_t i = 0; i < s.indicators.size(); ++i) {
      std::vector<double> xs;
      for (std::size_t r = first; r < first + s.replicates; ++r) {
        if (rows[r].state == RunState::Complete) xs.push_back(rows[r].indicators[i]);
      }
      const auto [mean, sd] = mean_std(xs);
      stats.mean[i][p] = mean;
      stats.std[i][p] = sd;
      points_csv += "," + format_number(mean) + "," + format_number(sd);
    }
    points_csv += "\n";
  }

  std::vector<std::string> states;
  std::vector<std::vector<double>> indicators(s.indicators.size());
  for (const Row& row : rows) {
    states.emplace_back(run_state_name(row.state));
    for (std::size_t i = 0; i < row.indicators.size(); ++i)
      indicators[i].push_back(row.indicators[i]);
  }
  write_summary_h5(dir / "summary.h5", plan, states, indicators, stats);
  files::write_file_atomically(dir / "summary.csv", csv);
  files::write_file_atomically(dir / "summary_points.csv", points_csv);
  if (salib) write_salib(plan, dir, rows);
  return result;
}

}  // namespace clustersim::sweep
