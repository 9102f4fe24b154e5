#pragma once
// Replacing a file atomically: the new content goes to a temporary file beside
// the destination, is flushed to disk, and is renamed over the destination.
// A reader (or a crash) sees the old file or the new one, never a mixture, and
// a failure at any step leaves the old file as it was and no temporary behind.
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace clustersim::files {

/// A write that failed; what() reads "cannot write '<file>': <step>: <system message>".
class FileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Writes `bytes` to `file` through a temporary file and a rename. Every step
/// is checked (open, write, fsync, close, rename). Throws FileError.
void write_file_atomically(const std::filesystem::path& file, std::string_view bytes);

/// The same for content that a library writes itself (an HDF5 file): `make`
/// creates, fills and closes the file at the path it is given; this then
/// flushes it to disk and renames it over `file`. If `make` throws, the
/// temporary is removed and the exception passes on unchanged.
void replace_file_atomically(const std::filesystem::path& file,
                             const std::function<void(const std::filesystem::path&)>& make);

}  // namespace clustersim::files
