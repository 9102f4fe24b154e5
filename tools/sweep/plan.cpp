#include "tools/sweep/plan.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "models/cluster_model/cluster_model.hpp"
#include "tools/files/atomic_file.hpp"
#include "tools/sweep/text.hpp"

namespace clustersim::sweep {

using scenario::ScenarioError;

namespace fs = std::filesystem;
using scenario::ScenarioError;

namespace {

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool under(const std::string& path, const std::string& prefix) {
  return path == prefix || path.rfind(prefix + ".", 0) == 0 || path.rfind(prefix + "[", 0) == 0;
}

/// Re-locates an error that the scenario reader found in an override at the
/// place in the sweep file that produced the override.
ScenarioError relocate(const Plan& plan, const ScenarioError& e, const std::string& context) {
  const SweepSpec& s = plan.spec;
  if (e.file() != "<command line>") return e;
  for (const ParameterSpec& p : s.parameters) {
    if (under(e.key_path(), p.path)) {
      const std::string prefix = s.design == Design::List ? "points." : "parameters.";
      return ScenarioError(s.file.string(), p.where.line, p.where.column, prefix + p.path,
                           e.message() + context);
    }
  }
  return ScenarioError(s.file.string(), 0, 0, e.key_path(), e.message() + context);
}

}  // namespace

std::vector<scenario::Override> Plan::overrides(const PlannedRun& run) const {
  std::vector<scenario::Override> out;
  for (const auto& [path, value] : spec.set) out.push_back({path, value, path + "=" + value});
  const std::vector<std::string>& values = points[run.point];
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string& path = spec.parameters[i].path;
    out.push_back({path, values[i], path + "=" + values[i]});
  }
  return out;
}

std::string Plan::manifest_text() const {
  std::string out = "run_id,point,replicate,seed";
  for (const ParameterSpec& p : spec.parameters) out += "," + csv_field(p.path);
  out += "\n";
  for (const PlannedRun& r : runs) {
    out += r.id + "," + std::to_string(r.point) + "," + std::to_string(r.replicate) + "," +
           std::to_string(r.seed);
    for (const std::string& v : points[r.point]) out += "," + csv_field(v);
    out += "\n";
  }
  return out;
}

Plan make_plan(SweepSpec spec) {
  Plan plan;
  plan.points = design_points(spec);
  const std::uint64_t total = plan.points.size() * std::uint64_t{spec.replicates};
  const std::size_t width = std::max<std::size_t>(4, std::to_string(total - 1).size());
  plan.runs.reserve(total);
  for (std::uint64_t p = 0; p < plan.points.size(); ++p) {
    for (std::uint32_t r = 0; r < spec.replicates; ++r) {
      std::string id = std::to_string(plan.runs.size());
      id.insert(0, width - id.size(), '0');
      plan.runs.push_back({std::move(id), p, r, derive_seed(spec.seed, p, r)});
    }
  }
  plan.spec = std::move(spec);
  return plan;
}

std::vector<std::string> check_plan(const Plan& plan) {
  const SweepSpec& s = plan.spec;
  std::vector<scenario::Override> base_set;
  for (const auto& [path, value] : s.set) base_set.push_back({path, value, path + "=" + value});
  cluster_model::Scenario base;
  try {
    base = scenario::read_scenario(s.base, base_set);
  } catch (const ScenarioError& e) {
    if (e.file() != "<command line>") throw;
    for (const auto& [path, value] : s.set) {
      if (under(e.key_path(), path))
        throw ScenarioError(s.file.string(), 0, 0, "set." + path, e.message());
    }
    throw ScenarioError(s.file.string(), 0, 0, "set", e.message());
  }

  std::vector<std::string> series;
  for (const sim::SeriesInfo& info : observables::indicator_series()) series.push_back(info.name);
  std::vector<std::string> regions;
  for (const cluster_model::RegionSpec& r : base.regions) regions.push_back(r.region.name);
  for (std::size_t i = 0; i < s.indicators.size(); ++i) {
    const IndicatorSpec& ind = s.indicators[i];
    const std::string path = "indicators[" + std::to_string(i) + "]";
    if (std::find(series.begin(), series.end(), ind.series) == series.end()) {
      const std::string near = scenario::nearest_name(ind.series, series);
      throw ScenarioError(s.file.string(), ind.where.line, ind.where.column, path + ".series",
                          "the runs record no series '" + ind.series + "'" +
                              (near.empty() ? "" : "; did you mean '" + near + "'?"));
    }
    if (ind.aggregate == RegionAggregate::One &&
        std::find(regions.begin(), regions.end(), ind.region) == regions.end()) {
      const std::string near = scenario::nearest_name(ind.region, regions);
      throw ScenarioError(s.file.string(), ind.where.line, ind.where.column, path + ".region",
                          "the base scenario has no region '" + ind.region +
                              "' (give a region's name, total or mean)" +
                              (near.empty() ? "" : "; did you mean '" + near + "'?"));
    }
  }

  // Every point once (replicates differ only by seed). A path error fails every
  // point, so a plan in which no point is valid is refused with the first error.
  std::vector<std::string> warnings;
  std::optional<ScenarioError> first;
  std::size_t failed = 0;
  for (std::uint64_t p = 0; p < plan.points.size(); ++p) {
    PlannedRun probe{"", p, 0, 0};
    try {
      scenario::read_scenario(s.base, plan.overrides(probe));
    } catch (const ScenarioError& e) {
      ++failed;
      const std::string context = " (point " + std::to_string(p) + ")";
      if (!first) first = relocate(plan, e, context);
      warnings.push_back(std::string(relocate(plan, e, context).what()) +
                         "; the runs of this point will fail and be listed in failures.csv");
    }
  }
  if (failed == plan.points.size()) throw *first;
  return warnings;
}

fs::path run_file(const fs::path& dir, const PlannedRun& run) {
  return dir / "runs" / (run.id + ".h5");
}

namespace {
/// The files the base scenario reads besides itself (its includes and CSV
/// files), each with its path relative to the base's folder: the plan copies
/// them to the same place beside its scenario.yaml, so that the plan folder
/// is self-contained (it runs where it is copied, a cluster's scratch) and
/// scenario.yaml finds each where it names it. A file outside the base's
/// folder cannot be placed so and is refused.
std::vector<std::pair<fs::path, fs::path>> base_inputs(const fs::path& base) {
  const cluster_model::Scenario s = scenario::read_scenario(base);
  std::error_code ec;
  const fs::path folder = fs::weakly_canonical(fs::absolute(base).parent_path(), ec);
  std::vector<std::pair<fs::path, fs::path>> out;
  std::vector<std::string> files = s.included_files;
  files.insert(files.end(), s.data_files.begin(), s.data_files.end());
  for (const std::string& f : files) {
    const fs::path source = fs::weakly_canonical(fs::absolute(f), ec);
    const fs::path relative = source.lexically_relative(folder);
    if (relative.empty() || *relative.begin() == "..") {
      throw std::runtime_error("the base scenario reads " + f + ", which lies outside its folder " +
                               folder.string() +
                               "; a plan copies the scenario's files beside it, so keep them "
                               "in the scenario's folder or below it");
    }
    const std::string first = relative.begin()->string();
    for (const char* own :
         {"scenario.yaml", "sweep.yaml", "manifest.csv", "runs", "locks", "logs", "failures",
          "summary.csv", "summary_points.csv", "summary.h5", "salib"}) {
      if (first == own) {
        throw std::runtime_error("the base scenario reads " + f + ", whose place in a plan (" +
                                 relative.string() + ") is one of the plan's own files; rename it");
      }
    }
    out.emplace_back(source, relative);
  }
  return out;
}
}  // namespace

void write_plan(const Plan& plan, const fs::path& dir) {
  const std::string manifest = plan.manifest_text();
  const std::string sweep = resolved_sweep_text(plan.spec, "scenario.yaml");
  const std::string scenario = read_text(plan.spec.base);
  const std::vector<std::pair<fs::path, fs::path>> inputs = base_inputs(plan.spec.base);
  std::error_code ec;
  if (fs::exists(dir / "manifest.csv", ec)) {
    bool same = read_text(dir / "manifest.csv") == manifest && fs::exists(dir / "sweep.yaml", ec) &&
                read_text(dir / "sweep.yaml") == sweep && fs::exists(dir / "scenario.yaml", ec) &&
                read_text(dir / "scenario.yaml") == scenario;
    for (const auto& [source, relative] : inputs) {
      same =
          same && fs::exists(dir / relative, ec) && read_text(dir / relative) == read_text(source);
    }
    if (!same) {
      throw std::runtime_error(dir.string() +
                               " already holds a different plan; plan into a new folder (runs "
                               "there belong to the old plan)");
    }
  }
  fs::create_directories(dir);
  for (const auto& [source, relative] : inputs) {
    fs::create_directories((dir / relative).parent_path());
    files::write_file_atomically(dir / relative, read_text(source));
  }
  files::write_file_atomically(dir / "scenario.yaml", scenario);
  files::write_file_atomically(dir / "sweep.yaml", sweep);
  files::write_file_atomically(dir / "manifest.csv", manifest);
}

Plan load_plan(const fs::path& dir) {
  const fs::path manifest = dir / "manifest.csv";
  std::error_code ec;
  if (!fs::exists(manifest, ec)) {
    throw ScenarioError(
        manifest.string(), 0, 0, "",
        "no such file; is " + dir.string() + " a folder made by `clustersim sweep plan`?");
  }
  Plan plan = make_plan(read_sweep_file(dir / "sweep.yaml"));
  if (read_text(manifest) != plan.manifest_text()) {
    throw ScenarioError(manifest.string(), 0, 0, "",
                        "does not match sweep.yaml next to it (edited by hand?); plan again "
                        "into a new folder");
  }
  return plan;
}

}  // namespace clustersim::sweep
