#include "tools/files/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

namespace clustersim::files {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const fs::path& file, const std::string& step, int error) {
  throw FileError("cannot write '" + file.string() + "': " + step + ": " + std::strerror(error));
}

/// A name beside `file` that no other writer uses: several processes (the
/// tasks of a Slurm array) and threads may replace the same file at once.
fs::path temporary_beside(const fs::path& file) {
  static std::atomic<unsigned long> counter{0};
  return file.string() + "." + std::to_string(::getpid()) + "." +
         std::to_string(counter.fetch_add(1)) + ".tmp";
}

/// Removes the temporary on every way out of the write but a successful rename.
class TemporaryFile {
 public:
  explicit TemporaryFile(fs::path path) : path_(std::move(path)) {}
  ~TemporaryFile() {
    if (!path_.empty()) {
      std::error_code ignored;  // nothing better to do with a failure to clean up
      fs::remove(path_, ignored);
    }
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  const fs::path& path() const { return path_; }
  void release() { path_.clear(); }

 private:
  fs::path path_;
};

/// Closes a descriptor unless close() was called and checked.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }
  bool close() { return ::close(std::exchange(fd_, -1)) == 0; }

 private:
  int fd_;
};

void write_all(const fs::path& file, int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(file, "write", errno);
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

/// The data must be on disk before the rename makes it the destination, or a
/// crash could leave an empty file under the destination's name.
void sync_to_disk(const fs::path& file, const fs::path& tmp) {
  Descriptor fd(::open(tmp.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) fail(file, "reopen to flush", errno);
  if (::fsync(fd.get()) != 0) fail(file, "fsync", errno);
  if (!fd.close()) fail(file, "close", errno);
}

void rename_over(const fs::path& file, const fs::path& tmp) {
  if (std::rename(tmp.c_str(), file.c_str()) != 0) fail(file, "rename", errno);
}

/// The one way a file is replaced: make the temporary, have it on disk, rename.
void replace(const fs::path& file, const std::function<void(const fs::path&)>& make,
             bool make_syncs) {
  TemporaryFile tmp(temporary_beside(file));
  make(tmp.path());
  if (!make_syncs) sync_to_disk(file, tmp.path());
  rename_over(file, tmp.path());
  tmp.release();
}

}  // namespace

void replace_file_atomically(const fs::path& file,
                             const std::function<void(const fs::path&)>& make) {
  replace(file, make, false);
}

void write_file_atomically(const fs::path& file, std::string_view bytes) {
  const auto make = [&](const fs::path& tmp) {
    // O_EXCL: the name is ours alone; 0666 less the umask, as for any new file.
    Descriptor fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666));
    if (fd.get() < 0) fail(file, "open '" + tmp.string() + "'", errno);
    write_all(file, fd.get(), bytes);
    if (::fsync(fd.get()) != 0) fail(file, "fsync", errno);
    if (!fd.close()) fail(file, "close", errno);
  };
  replace(file, make, true);
}

}  // namespace clustersim::files
