#pragma once
// Reads the parts of a run file that analyses of many runs need: the run's
// status, its regions and its observables. Reads only these paths, which every
// format version of the run file has:
//
//   /parameters @status (or, in older files, / @status)
//   /regions/name                  [region] UTF-8 strings
//   /observables/<series>/value    [time][region] float64
//   /observables/<series>/step     [time] int64, ticks completed
//   /observables/<series>/time     [time] float64, years
//
// HDF5's serial build is not safe to call from several threads at once: use a
// reader from one thread, and not while a recorder in the same process writes.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "output/hdf5_recorder.hpp"  // OutputError

namespace clustersim::output {

/// One observable of a run: a value per region at each recorded row.
struct SeriesData {
  std::vector<std::int64_t> step;  ///< [row] ticks completed
  std::vector<double> time;        ///< [row] years
  std::vector<double> value;       ///< [row][region], row-major
  std::size_t regions = 0;

  std::size_t rows() const { return step.size(); }
  double at(std::size_t row, std::size_t region) const { return value[row * regions + region]; }
};

/// An open run file, read-only. Every failure throws OutputError naming the
/// file and the path inside it.
class RunReader {
 public:
  explicit RunReader(const std::filesystem::path& file);
  ~RunReader();
  RunReader(const RunReader&) = delete;
  RunReader& operator=(const RunReader&) = delete;

  /// "complete", "interrupted", "running", "failed", or "" if the file has none.
  std::string status() const;
  /// The seed the run used (/parameters@seed), or nothing if the file has none.
  std::optional<std::uint64_t> seed() const;
  std::vector<std::string> regions() const;
  /// Names of the groups under /observables, sorted.
  std::vector<std::string> series_names() const;
  /// One series; rows of step, time and value that are not all there (an
  /// interrupted run) are cut to the shortest.
  SeriesData series(const std::string& name) const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace clustersim::output
