#pragma once
// Records a run's trajectory to an HDF5 file laid out after H5MD 1.1 (format
// "clustersim-run", format_version 2). docs/OUTPUT.md is the reference; in
// short:
//
//   /                      attrs: format, format_version, status (copy)
//   /h5md                  attr version = [1, 1]; author/@name, creator/@name, @version
//   /parameters            attrs: scenario_name, scenario_file, scenario_sha256, run_id,
//                                 replicate, seed, threads, tick_length, snapshot_every,
//                                 program_version, git_hash, command_line, host,
//                                 start_time, end_time (ISO 8601 UTC), status
//                          datasets: scenario_text, included_files, stage_names;
//                          groups libraries, model (every model parameter, resolved)
//   /regions/name          [region] string, dimension scale "region"; lat, lon, ...,
//                          distance_km [region][to_region] (great circle)
//   /observables/<series>/ time [time], step [time], region [region],
//                          value [time][region] (attrs unit, description, aggregation),
//                          national [time] (the aggregate over regions)
//   /particles/agents/     snapshots every K ticks, a ragged table: time, step, offset,
//                          count [snapshot]; id, kind, firm_type, region, employees,
//                          capital, value_added, age [row]; knowledge [row][field]
//   /network/              the same for links: source, target, kind, strength, age [row]
//
// Every string is variable-length UTF-8 and every axis has a dimension scale,
// so xarray's h5netcdf engine opens any group with named dimensions. `status`
// is "running" while the run goes on, then "complete", "interrupted" or
// "failed". Row 0 of every series is the initial state; one row follows per
// completed tick.
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
  std::string scenario_text;  ///< the resolved scenario (after includes and overrides)
  std::string scenario_file;  ///< the path the user gave
  /// Files the scenario included, as the reader resolved them.
  std::vector<std::string> included_files;
  std::string run_id;           ///< empty: the scenario name
  std::uint32_t replicate = 0;  ///< replicate number within a sweep point
  std::string command_line;
  std::string program_version;
  std::string git_hash;
  std::string host;    ///< empty: this machine's host name
  std::string author;  ///< H5MD's /h5md/author; empty: the user's login name
  std::uint64_t seed = 0;
  std::uint32_t threads = 0;
  double tick_length = 0.0;  ///< years per tick
  /// (library, version) pairs, e.g. {"tbb", "2021.8.0"}. The HDF5 version is
  /// added if absent.
  std::vector<std::pair<std::string, std::string>> library_versions;
  /// Every model parameter as the run used it, defaults filled in, by its key
  /// under `model:` (written to /parameters/model, so analyses need not parse
  /// the scenario or know the defaults).
  std::vector<std::pair<std::string, double>> model_parameters;
  /// The resolved scenario settings outside `model:` that analyses compare
  /// runs by (governance, targeting, the initial network), by key path, as
  /// text (written to /parameters/settings).
  std::vector<std::pair<std::string, std::string>> settings;
  /// The name of each cluster stage; index = a value of the `stage` series
  /// (written to /parameters/stage_names).
  std::vector<std::string> stage_names;
};

struct RecorderOptions {
  /// Replace an existing output file (and a stale ".partial"). The old file is
  /// replaced only when the new run completes, never before.
  bool force = false;
  /// Single-writer/multiple-reader mode: readers (h5py with swmr=True) can
  /// open the .partial file while the run writes it, and whatever ends the
  /// process the file on disk is readable with every row flushed so far
  /// (HDF5 orders SWMR writes so that it is). Every dataset, snapshot tables
  /// included, is created before the first tick, and the file needs HDF5 >=
  /// 1.10 to read. Off only to measure what it costs (recorder_cost).
  bool swmr = true;
  /// Write an agent and a network snapshot at tick 0 and every this many
  /// ticks (0: none, and no /particles or /network group).
  std::uint32_t snapshot_every = 0;
  /// Hand rows to the writer at least this often (seconds), even when a chunk
  /// is not full, so live readers see progress; 0: whole chunks only.
  double flush_interval = 1.0;
  /// Rows (ticks) per chunk and per write; capped so one chunk of a series
  /// stays near 1 MiB however many regions there are.
  std::size_t chunk_rows = 256;
  /// Chunks of rows that may wait for the writer thread before the engine
  /// blocks.
  std::size_t queue_capacity = 4;
};

/// Observer that writes every series of `world.indicators`, and snapshots of
/// the agents and the network, to an HDF5 file.
///
/// The engine thread only copies each tick's indicator values (and, on
/// snapshot ticks, the agent columns and the edge list) into buffers;
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
