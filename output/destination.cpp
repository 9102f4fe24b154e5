#include "output/destination.hpp"

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

}  // namespace clustersim::output
