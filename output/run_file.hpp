#pragma once
// The run file's schema: creates the layout (docs/OUTPUT.md) and appends to
// it. Used only on the recorder's writer thread, which owns every handle.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

#include "output/frames.hpp"
#include "output/hdf5_recorder.hpp"

namespace clustersim::output {

/// The file format this writer produces (root attributes `format` and
/// `format_version`).
inline constexpr const char* kFormatName = "clustersim-run";
inline constexpr int kFormatVersion = 2;

/// How a run ends, as written into the file.
struct Finish {
  std::string status;  ///< "complete", "interrupted" or "failed"
  std::string end_time;
};

class RunFile {
 public:
  /// Creates the file and its whole layout (in SWMR mode every dataset, then
  /// starts SWMR writing). `created` turns true once the file exists on disk,
  /// so a failure afterwards knows it made the file. Throws OutputError.
  RunFile(const std::filesystem::path& path, bool truncate, const Layout& layout,
          const RunMetadata& meta, bool& created);
  ~RunFile();
  RunFile(const RunFile&) = delete;
  RunFile& operator=(const RunFile&) = delete;

  /// Appends a batch's rows to every series. Throws OutputError.
  void append(const Batch& batch);
  /// Appends one agent snapshot to /particles/agents. Throws OutputError.
  void append(const AgentFrame& frame);
  /// Appends one edge-list snapshot to /network. Throws OutputError.
  void append(const EdgeFrame& frame);
  /// In SWMR mode, makes what was appended visible to readers.
  void flush_for_readers();
  /// Writes the end time and status and closes the file; throws OutputError
  /// if anything fails, the final close included.
  void finish(const Finish& finish);
  /// Best-effort status "failed" after an error; never throws.
  void mark_failed(const std::string& end_time) noexcept;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace clustersim::output
