#pragma once
// Runs a plan under MPI: rank 0 hands runs out one at a time to whichever rank
// asks next (dynamic scheduling, so fast and slow runs even out), the other
// ranks run them as child processes exactly as a local sweep does.
#include <filesystem>

#include "tools/sweep/runner.hpp"

namespace clustersim::sweep {

/// Whether this program was built with MPI (CMake option CLUSTERSIM_MPI).
bool mpi_supported();

struct MpiSummary {
  Tally tally;           ///< over all ranks, the same on every rank
  int rank = 0;          ///< this process's rank
  int ranks = 1;         ///< ranks in the job
  unsigned threads = 1;  ///< threads per run on this rank
};

/// Initialises MPI, runs every run of the plan across the job's ranks and
/// finalises MPI. `options.threads` 0 means: this node's CPUs divided among
/// the ranks that run runs on it. With a single rank, that rank runs them all.
/// Throws std::logic_error when built without MPI.
MpiSummary run_mpi(const Plan& plan, const std::filesystem::path& dir, ExecOptions options);

}  // namespace clustersim::sweep
