#pragma once
// A sweep file (YAML): which scenario to vary, which parameters, by which
// design, with how many replicates, and which indicators to collect from each
// run. Read and validated like a scenario: every problem is a
// scenario::ScenarioError "FILE:LINE:COLUMN: key.path: message", with the nearest
// valid name for a misspelt key.
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace clustersim::sweep {

/// Where a key or value sits in the sweep file (1-based; 0 when unknown).
struct Location {
  int line = 0;
  int column = 0;
};

/// One varied parameter, named by the same key path as `clustersim run --set`.
struct ParameterSpec {
  std::string path;                 ///< e.g. "model.link_cost", "regions[0].agents.smes"
  std::vector<std::string> values;  ///< explicit values (YAML scalars), or empty for a range
  bool is_range = false;
  double min = 0.0, max = 0.0;
  bool log = false;         ///< sample the range uniformly in log space (min > 0)
  bool integer = false;     ///< whole numbers: every integer in [min, max] equally likely
  std::uint32_t steps = 0;  ///< grid/zip: this many evenly spaced values from min to max
  Location where;
};

enum class Design { Grid, List, Zip, Lhs, Sobol };
enum class Statistic { Final, Mean, Min, Max, Reach };
/// How the regions of a series are combined before the statistic is taken.
enum class RegionAggregate { Total, Mean, One };

/// One number collected from every run.
struct IndicatorSpec {
  std::string name;    ///< column name in the summary
  std::string series;  ///< an observable of the run file
  Statistic statistic = Statistic::Final;
  RegionAggregate aggregate = RegionAggregate::Total;
  std::string region;          ///< the region's name when aggregate == One
  std::int64_t from_tick = 0;  ///< window (ticks completed, inclusive) for mean/min/max/reach
  std::int64_t to_tick = -1;   ///< -1: to the end of the run
  double threshold = 0.0;      ///< reach: the first tick the value is >= threshold
  bool below = false;          ///< reach: ... or <= threshold instead
  Location where;
};

struct SweepSpec {
  std::filesystem::path file;  ///< the sweep file as given
  std::filesystem::path base;  ///< the base scenario, resolved against the sweep file's folder
  std::string description;
  /// Overrides applied to every run before the point's own, as (path, YAML value).
  std::vector<std::pair<std::string, std::string>> set;
  std::vector<ParameterSpec> parameters;
  Design design = Design::Grid;
  std::uint64_t points = 0;  ///< lhs/sobol: number of points
  /// list design: each point's values, in the order of `parameters`.
  std::vector<std::vector<std::string>> list_points;
  std::uint32_t replicates = 1;
  std::uint64_t seed = 1;
  std::vector<IndicatorSpec> indicators;
  Location base_where, seed_where;
};

/// Reads and validates a sweep file's structure. Throws scenario::ScenarioError.
/// Does not look at the base scenario (see plan.hpp for that).
SweepSpec read_sweep_file(const std::filesystem::path& file);

/// Same, from text; `file_name` is used in messages and to resolve `base`.
SweepSpec parse_sweep(const std::string& text, const std::filesystem::path& file_name);

/// The sweep as YAML with every default made explicit and `base` replaced by
/// `base_as`: what `sweep plan` stores next to the manifest.
std::string resolved_sweep_text(const SweepSpec& spec, const std::string& base_as);

const char* design_name(Design d);
const char* statistic_name(Statistic s);

}  // namespace clustersim::sweep
