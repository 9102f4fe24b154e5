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
