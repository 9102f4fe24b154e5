#pragma once
// What `--force` may replace: a run file, and nothing else. A run's output
// path can name anything (the scenario that is being read, a CSV it reads, a
// FIFO, a device, a folder); replacing the wrong one destroys data that no run
// can give back, so the check comes before the world is built.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace clustersim::output {

/// Why a run may not replace `target` even with --force, or nothing when it
/// may (it does not exist, or it is a regular clustersim run file). Refused:
/// anything that is not a regular file (folder, FIFO, device, socket, symbolic
/// link), a file that is not a clustersim run file, and any of `inputs` (the
/// scenario, its includes, its CSV files), compared by file identity so that
/// another spelling or a hard link of an input counts too.
std::optional<std::string> replacement_refusal(const std::filesystem::path& target,
                                               const std::vector<std::filesystem::path>& inputs);

}  // namespace clustersim::output

namespace clustersim::output {

/// An exclusive claim on an output path, as a file `PATH.lock` created with
/// O_EXCL and holding "HOST PID": HDF5's own file lock is often off on
/// Lustre and NFS (HDF5_USE_FILE_LOCKING=FALSE), and two runs writing one
/// .partial then mix their data while both report success. A lock left by a
/// run that died on this host (its pid is gone) is taken over; one from
/// another host is refused, since its owner cannot be checked from here.
class OutputLock {
 public:
  OutputLock() = default;
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

  /// Claims `output`; returns why it cannot, or nothing once it holds it (or
  /// when the folder cannot be written at all, which the recorder reports).
  std::optional<std::string> acquire(const std::filesystem::path& output);
  /// The lock file of `output`.
  static std::filesystem::path path_of(const std::filesystem::path& output);

 private:
  std::filesystem::path held_;
};

}  // namespace clustersim::output
