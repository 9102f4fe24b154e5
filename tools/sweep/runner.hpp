#pragma once
// Runs a plan's runs. Each run is a child process, `clustersim run` of the
// same executable, writing DIR/runs/<id>.h5 through `.partial` and rename:
// a run that crashes takes nobody else with it, HDF5 (not thread-safe in its
// serial build) is used by one run per process, and the run is made exactly
// as `clustersim run` makes it. A run holds DIR/locks/<id>.lock (flock) while
// it runs, so two sweeps over the same folder never run the same run twice and
// `sweep status` can tell running runs from abandoned ones.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "tools/sweep/plan.hpp"

namespace clustersim::sweep {

enum class RunOutcome {
  Completed,        ///< ran now and completed
  AlreadyComplete,  ///< its file was there: skipped
  Failed,           ///< recorded in failures/ and failures.csv
  Busy,             ///< another process holds its lock
  Interrupted,      ///< stopped by a signal; runs again next time
};

struct ExecOptions {
  std::filesystem::path program;  ///< the clustersim executable
  unsigned threads = 1;           ///< threads of each run
  /// Checked while a run goes on; true terminates the run (SIGTERM) and stops
  /// handing out new ones.
  std::function<bool()> stop_requested;
  /// Told about every run that ends (from any thread, serialised by the caller).
  std::function<void(const PlannedRun&, RunOutcome, const std::string& error, double seconds)>
      on_done;
};

/// Runs one run unless it is complete or locked by another process.
RunOutcome execute_run(const Plan& plan, const std::filesystem::path& dir, const PlannedRun& run,
                       const ExecOptions& options, std::string& error);

struct Tally {
  std::size_t completed = 0, already_complete = 0, failed = 0, busy = 0, interrupted = 0;
  void add(RunOutcome o);
};

/// Runs runs [first, last) of the plan with `jobs` runs at a time.
Tally run_range(const Plan& plan, const std::filesystem::path& dir, std::size_t first,
                std::size_t last, unsigned jobs, const ExecOptions& options);

/// The share of a Slurm array task: contiguous, sizes differing by at most one.
std::pair<std::size_t, std::size_t> task_share(std::size_t runs, std::size_t task,
                                               std::size_t tasks);

/// Rewrites DIR/failures.csv (run_id, point, replicate, seed, error) from the
/// per-run records in DIR/failures/, in run order.
void write_failures_csv(const Plan& plan, const std::filesystem::path& dir);

/// Invalid: a file stands where the run's file goes, but it is not this run's
/// finished file (unreadable, truncated, not complete, or another run's seed).
enum class RunState { Complete, Failed, Running, Partial, Missing, Invalid };
inline constexpr int kRunStateCount = 6;
/// A run's state as `sweep status` reports it. A run is complete only if its
/// file is a readable run file whose status is "complete" and whose seed is
/// the one the plan gave it.
RunState run_state(const std::filesystem::path& dir, const PlannedRun& run);
const char* run_state_name(RunState s);
/// Why the file at the run's place is not its finished run file, or "" if it is.
std::string run_file_problem(const std::filesystem::path& file, const PlannedRun& run);
/// The recorded error of a failed run ("" if none).
std::string failure_message(const std::filesystem::path& dir, const PlannedRun& run);

/// CPUs this process may use (its affinity mask, e.g. a Slurm allocation).
unsigned available_cpus();

}  // namespace clustersim::sweep
