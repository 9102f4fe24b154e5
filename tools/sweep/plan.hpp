#pragma once
// A sweep's plan: the design's points, one run per point and replicate, each
// with its own seed, written as DIR/manifest.csv next to the resolved sweep
// file (DIR/sweep.yaml) and a copy of the base scenario (DIR/scenario.yaml).
// A plan folder is self-contained: it can be copied to a cluster and run there.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "models/scenario/reader.hpp"
#include "tools/sweep/sweep_file.hpp"

namespace clustersim::sweep {

/// The seed of run (point, replicate) of a sweep with `base_seed`:
///   f(f(f(base_seed) ^ point) ^ replicate)
/// where f is SplitMix64's output function applied to x + 0x9E3779B97F4A7C15.
/// Unlike sequential seeds, the seeds of two sweeps with different base seeds
/// do not overlap (except by a 64-bit coincidence).
std::uint64_t derive_seed(std::uint64_t base_seed, std::uint64_t point, std::uint64_t replicate);

/// The design's points: [point][parameter] value as YAML text (`--set` values).
/// Deterministic: grid is the Cartesian product with the first parameter varying
/// slowest; lhs stratifies each parameter into `points` equal intervals and
/// permutes them with a SplitMix64 stream keyed by the sweep's seed; sobol takes
/// Boost's Sobol sequence, which leaves out the sequence's first point (all
/// zeros) and starts at (0.5, ...); sobol does not depend on the seed.
std::vector<std::vector<std::string>> design_points(const SweepSpec& spec);

struct PlannedRun {
  std::string id;  ///< zero-padded run index; the run file is runs/<id>.h5
  std::uint64_t point = 0;
  std::uint32_t replicate = 0;
  std::uint64_t seed = 0;
};

struct Plan {
  SweepSpec spec;
  std::vector<std::vector<std::string>> points;
  std::vector<PlannedRun> runs;  ///< point-major, replicate-minor

  /// The overrides of one run: the sweep's `set`, then the point's values.
  std::vector<scenario::Override> overrides(const PlannedRun& run) const;
  std::string manifest_text() const;
};

Plan make_plan(SweepSpec spec);

/// Checks the plan against its base scenario: every point's overrides are
/// applied with scenario::read_scenario, and the indicators' series and regions
/// must exist. A problem common to all points (a misspelt path, a region that
/// does not exist) throws scenario::ScenarioError located in the sweep file. A
/// value that the scenario rejects at some points only is not an error of the
/// plan: those runs will fail and be recorded in failures.csv, and one warning
/// per such point is returned.
std::vector<std::string> check_plan(const Plan& plan);

/// Writes manifest.csv, sweep.yaml and scenario.yaml into `dir` (created if
/// needed). Refuses (std::runtime_error) a folder that holds a different plan.
void write_plan(const Plan& plan, const std::filesystem::path& dir);

/// Reads a plan folder written by write_plan. Throws scenario::ScenarioError if
/// the sweep file is invalid or the manifest does not match it.
Plan load_plan(const std::filesystem::path& dir);

/// Paths inside a plan folder.
std::filesystem::path run_file(const std::filesystem::path& dir, const PlannedRun& run);

}  // namespace clustersim::sweep
