#include "output/destination.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "output/inspect.hpp"

namespace clustersim::output {

namespace fs = std::filesystem;

namespace {
const char* kind_of(fs::file_type type) {
  switch (type) {
    case fs::file_type::directory:
      return "a directory";
    case fs::file_type::symlink:
      return "a symbolic link";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::character:
      return "a character device";
    case fs::file_type::fifo:
      return "a FIFO (named pipe)";
    case fs::file_type::socket:
      return "a socket";
    default:
      return "not a regular file";
  }
}
}  // namespace

std::optional<std::string> replacement_refusal(const fs::path& target,
                                               const std::vector<fs::path>& inputs) {
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(target, ec);
  if (!fs::exists(status)) return std::nullopt;
  const std::string name = "'" + target.string() + "'";
  if (!fs::is_regular_file(status)) {
    return name + " is " + kind_of(status.type()) + "; --force replaces only a clustersim run file";
  }
  for (const fs::path& input : inputs) {
    if (fs::equivalent(target, input, ec)) {
      return name + " is an input of this run ('" + input.string() +
             "'); --force never replaces an input";
    }
  }
  if (!is_run_file(target)) {
    return name +
           " is not a clustersim run file; --force replaces only run files (move it or "
           "choose another output path)";
  }
  return std::nullopt;
}

namespace {
std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "unknown-host";
  return name;
}

/// Creates `lock` with O_EXCL holding "HOST PID"; false if it exists.
bool create_lock(const fs::path& lock, std::string& error) {
  const int fd = ::open(lock.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (errno != EEXIST)
      error = std::string("cannot create ") + lock.string() + ": " + std::strerror(errno);
    return false;
  }
  const std::string text = host_name() + " " + std::to_string(::getpid()) + "\n";
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  if (!written) {
    std::error_code ec;
    fs::remove(lock, ec);
    error = "cannot write " + lock.string();
  }
  return written;
}
}  // namespace

fs::path OutputLock::path_of(const fs::path& output) {
  fs::path lock = output;
  lock += ".lock";
  return lock;
}

std::optional<std::string> OutputLock::acquire(const fs::path& output) {
  const fs::path lock = path_of(output);
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string error;
    if (create_lock(lock, error)) {
      held_ = lock;
      return std::nullopt;
    }
    // A folder that cannot be written: the recorder reports that (exit 1),
    // with the reason, before the first tick; no lock is needed for a run
    // that cannot start.
    if (!error.empty()) return std::nullopt;
    std::ifstream in(lock);
    std::string host;
    long pid = 0;
    in >> host >> pid;
    const bool here = host == host_name();
    const bool gone = here && pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
    if (!gone) {
      std::ostringstream why;
      why << "another run (pid " << pid << " on " << (host.empty() ? "?" : host) << ") is writing '"
          << output.string() << "' (" << lock.string() << "); if no run is, remove that file";
      return why.str();
    }
    // Its owner died on this host without removing it: take it over.
    std::error_code ec;
    fs::remove(lock, ec);
  }
  return "cannot claim '" + output.string() + "': its lock file keeps coming back";
}

OutputLock::~OutputLock() {
  if (held_.empty()) return;
  std::error_code ec;
  fs::remove(held_, ec);
}

}  // namespace clustersim::output
