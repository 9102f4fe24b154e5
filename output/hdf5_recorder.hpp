#pragma once
// Records a run's trajectory to an HDF5 file.
//
// File layout (format "clustersim-run", format_version 1; a later version
// moves to H5MD 1.1, whose time-dependent data element the observables
// already follow):
//
//   /                          attrs: format, format_version, status,
//                                     start_time, end_time (ISO-8601 UTC)
//   /parameters                attrs: scenario_name, scenario_file, scenario_text,
//                                     seed, threads, tick_length (years)
//   /provenance                attrs: program_version, git_hash, command_line
//   /provenance/libraries      attrs: one "<library>" = "<version>" per library
//   /regions/name              [region] string, dimension scale
//   /regions/{lat,lon,population,hard_factor,soft_factor}  [region] float64
//   /observables/<series>/
//       time                   [time] float64, years, dimension scale "time"
//       step                   [time] int64, ticks completed
//       region                 [region] string, dimension scale "region"
//       value                  [time][region] float64, attrs unit, description
//
// Every string is variable-length UTF-8. `status` is "running" while the run
// goes on, then "complete", "interrupted" or "failed". Row 0 of every series is
// the initial state (on_run_start); one row follows per completed tick.
// `xarray.open_dataset(path, group="observables/<series>", engine="h5netcdf")`
// gives `value` with dims ("time", "region") and `step` as a coordinate.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/observer.hpp"

namespace clustersim::output {

/// Anything that stops output from being written: a refused path, an HDF5
/// failure (its message names the file), a full disk.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What the file records about the run besides its trajectory.
struct RunMetadata {
  std::string scenario_name;
  std::string scenario_text;  ///< the scenario file's full text, verbatim
  std::string scenario_file;  ///< the path the user gave
  std::string command_line;
  std::string program_version;
  std::string git_hash;
  std::uint64_t seed = 0;
  std::uint32_t threads = 0;
  double tick_length = 0.0;  ///< years per tick
  /// (library, version) pairs, e.g. {"tbb", "2021.8.0"}. The HDF5 version is
  /// added if absent.
  std::vector<std::pair<std::string, std::string>> library_versions;
};

struct RecorderOptions {
  /// Replace an existing output file (and a stale ".partial"). The old file is
  /// replaced only when the new run completes, never before.
  bool force = false;
  /// Single-writer/multiple-reader mode; not implemented yet (the constructor
  /// refuses it rather than silently ignoring it).
  bool swmr = false;
  /// Rows (ticks) per chunk and per write; capped so one chunk of a series
  /// stays near 1 MiB however many regions there are.
  std::size_t chunk_rows = 256;
  /// Chunks of rows that may wait for the writer thread before the engine
  /// blocks.
  std::size_t queue_capacity = 4;
};

/// Observer that writes every series of `world.indicators` to an HDF5 file.
///
/// The engine thread only copies each tick's indicator values into a buffer;
/// one writer thread, which owns every HDF5 handle, writes whole chunks of rows.
/// The engine blocks only when `queue_capacity` chunks are already waiting.
/// An error in the writer thread is thrown as OutputError on the engine thread
/// at the next on_tick_end or at on_run_end.
///
/// The file is written as `<final_path>.partial` and renamed to `final_path`
/// only when the run completes. After an interrupted or failed run the
/// `.partial` file stays where it is, readable, with `status` "interrupted" or
/// "failed"; partial_path() tells where, for the user.
///
/// One recorder records one run: on_run_start once, then on_tick_end per tick,
/// then on_run_end once. The indicator table must keep its series and regions
/// for the whole run.
class Hdf5Recorder final : public sim::Observer {
 public:
  /// Checks the destination now, so a bad path is refused before the run
  /// starts and nothing is written: throws OutputError if `final_path` (or
  /// its `.partial`) exists and !options.force, if it is a directory, or if
  /// its directory does not exist or is not writable.
  Hdf5Recorder(std::filesystem::path final_path, RunMetadata meta, RecorderOptions options = {});
  ~Hdf5Recorder() override;
  Hdf5Recorder(const Hdf5Recorder&) = delete;
  Hdf5Recorder& operator=(const Hdf5Recorder&) = delete;

  /// Creates the `.partial` file with the metadata and layout and records the
  /// initial state as row 0. Throws OutputError if the file cannot be created.
  void on_run_start(const sim::Snapshot& initial) override;
  /// Queues this tick's row. Throws OutputError if the writer thread failed.
  void on_tick_end(const sim::Snapshot& snapshot) override;
  /// Writes what is queued, the end time and the status ("complete",
  /// "interrupted", "failed"), closes the file and, on Completed only, renames
  /// it to the final path. Throws OutputError for a write error not reported
  /// yet, or if the rename fails (the data is then in partial_path()).
  void on_run_end(const sim::Snapshot& final_state, sim::RunOutcome outcome) override;

  /// Where the finished file goes.
  const std::filesystem::path& final_path() const;
  /// Where the file is written during the run (and stays if it does not complete).
  const std::filesystem::path& partial_path() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

/// The HDF5 library's version at run time, e.g. "1.10.8" (for `--version` and
/// RunMetadata::library_versions). Do not call while a recorder is writing.
std::string hdf5_version();

}  // namespace clustersim::output
