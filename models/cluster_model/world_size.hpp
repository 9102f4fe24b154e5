#pragma once
// How much memory the world a scenario starts from will take, known before any
// of it is built: a scenario within the documented ranges can ask for 10^9
// agents, and building half of such a world ends in std::bad_alloc or the OOM
// killer. The CLI compares this estimate with the memory the machine (or the
// job's cgroup) has and refuses the run first.
#include <cstdint>

#include "models/cluster_model/scenario.hpp"

namespace clustersim::cluster_model {

struct WorldSize {
  double agents = 0;  ///< at the start
  double bytes_per_agent = 0;
  double bytes = 0;  ///< agents, network and the mechanisms' per-agent state
};

/// The start world's size: every agent column (sim::kAgentColumns, knowledge
/// per field), both halves of every initial tie with its attributes and the
/// per-tie measures, the copy the network holds while it commits, and the
/// mechanisms' per-agent buffers. It grows as the run adds firms; this is a
/// lower bound of the peak.
WorldSize estimate_world_size(const Scenario& scenario);

/// Memory this process may use, in bytes: the smaller of MemAvailable
/// (/proc/meminfo) and the cgroup's memory.max; 0 if neither can be read.
std::uint64_t available_memory_bytes();

}  // namespace clustersim::cluster_model
