#pragma once
// Gathers a sweep's runs into one table: DIR/summary.csv and DIR/summary.h5
// with one row per planned run (run id, point, replicate, seed, status, the
// parameters and the collected indicators), DIR/summary_points.csv (and
// /points in summary.h5) with the mean and standard deviation of every
// indicator over each point's complete replicates, and on request the files
// SALib's analysers read (DIR/salib/).
//
// Rows are in manifest order and every number is written in its shortest
// round-trip form, so the summary depends only on the runs' contents: the same
// whether runs ran locally, under MPI, in another order, or were resumed.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "output/run_reader.hpp"
#include "tools/sweep/plan.hpp"

namespace clustersim::sweep {

/// One indicator of one run. `regions` are the run's region names (for a
/// single-region indicator). NaN when the window has no rows, or for `reach`
/// when the threshold is never reached. Throws std::runtime_error if the
/// indicator's region is not in the run.
double compute_indicator(const IndicatorSpec& indicator, const output::SeriesData& series,
                         const std::vector<std::string>& regions);

struct CollectResult {
  std::size_t complete = 0, failed = 0, missing = 0;
  /// Runs whose file is not their finished run file, with the reason: left
  /// out of the statistics, listed, never fatal.
  std::vector<std::string> invalid;
};

/// Writes the summary files of the plan folder `dir` (each atomically: a
/// failed collect leaves the old ones whole). A run file that cannot be read
/// is listed in `invalid` and its indicators are NaN. Throws
/// scenario::ScenarioError if `salib` is asked for a sweep whose
/// parameters are not all numeric.
CollectResult collect(const Plan& plan, const std::filesystem::path& dir, bool salib);

}  // namespace clustersim::sweep
