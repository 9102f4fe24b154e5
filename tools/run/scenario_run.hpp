#pragma once
// One run of a scenario, start to finish: build the world, attach the model,
// record to HDF5, run. Shared by `clustersim run` and the commands that run
// many scenarios, so every run is made the same way.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "models/cluster_model/scenario.hpp"
#include "sim/observer.hpp"
#include "sim/world.hpp"
#include "tools/run/progress.hpp"

namespace clustersim::run {

struct RunRequest {
  cluster_model::Scenario scenario;
  std::filesystem::path output;  ///< the final file; written as output + ".partial"
  unsigned threads = 0;          ///< 0: all cores
  bool force = false;            ///< replace an existing file when the run completes
  /// Agent and network snapshots every this many ticks; 0: the scenario's
  /// output.snapshot_every (itself 0, none, by default).
  std::uint32_t snapshot_every = 0;
  /// Rows reach the file (SWMR writing, flushed) at least this often, so a
  /// crash of any kind loses at most this much of the run and readers see it
  /// grow; seconds, > 0.
  double flush_seconds = 1.0;
  ProgressMode progress = ProgressMode::Never;
  std::string command_line;  ///< recorded in the file
  /// Checked between ticks; a true answer stops the run (outcome Interrupted).
  std::function<bool()> stop_requested;
};

struct RunResult {
  sim::RunOutcome outcome = sim::RunOutcome::Completed;
  std::filesystem::path file;  ///< the final file, or the .partial one if not completed
  unsigned threads = 0;
  std::unique_ptr<sim::World> world;  ///< the final state
};

/// Runs the scenario. Throws output::OutputError when the output cannot be
/// written (checked before the first tick, so nothing is written then), and
/// std::exception for anything else that goes wrong during the run.
RunResult run_scenario(const RunRequest& request);

}  // namespace clustersim::run
