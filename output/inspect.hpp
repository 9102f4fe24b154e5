#pragma once
// Reads a run file and describes it for a person: provenance, status, the
// observables with their shapes, the snapshots, the final value of every
// series in every region. Backs `clustersim inspect`.
#include <filesystem>
#include <stdexcept>
#include <string>

namespace clustersim::output {

/// The file is not a clustersim run file (not HDF5, or no `format` =
/// "clustersim-run" on its root).
class NotARunFile : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct InspectOptions {
  /// Regions shown as columns of the final-values table; more are counted.
  std::size_t max_regions = 12;
};

/// A multi-line description of the run file at `path`. Reads finished files,
/// the `.partial` of an interrupted run, and the `.partial` of a run still
/// writing with --swmr. Throws NotARunFile, or OutputError when a run file
/// cannot be read (a missing file, a damaged dataset).
std::string inspect_run_file(const std::filesystem::path& path, const InspectOptions& options = {});

/// Whether `path` is a clustersim run file: an HDF5 file whose root says
/// format = "clustersim-run" (finished, interrupted or failed alike). Never
/// throws; a file it cannot open is not one.
bool is_run_file(const std::filesystem::path& path) noexcept;

}  // namespace clustersim::output
