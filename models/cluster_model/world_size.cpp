#include "models/cluster_model/world_size.hpp"

#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "models/parameters/agent_kinds.hpp"
#include "sim/agents.hpp"
#include "sim/network.hpp"

namespace clustersim::cluster_model {

namespace {
double element_bytes(sim::ElementType t) {
  switch (t) {
    case sim::ElementType::U8:
      return 1;
    case sim::ElementType::U16:
      return 2;
    case sim::ElementType::U32:
    case sim::ElementType::F32:
      return 4;
    case sim::ElementType::U64:
    case sim::ElementType::F64:
      break;
  }
  return 8;
}

/// Per-agent buffers of the mechanisms (clustering, staff changes, hires,
/// capacity, strength sums, region index, innovation flags, fates): about a
/// dozen 4-byte values, and the next tick's knowledge (one float a field).
constexpr double kScratchBytesPerAgent = 56;
/// A half-edge: its neighbour (4 bytes) and attributes in the network, twice
/// while the network commits, plus the cognitive distance and gap measured
/// on it each tick.
constexpr double kBytesPerHalfEdge =
    2.0 * (sizeof(std::uint32_t) + sizeof(sim::EdgeAttributes)) + 2 * sizeof(float);
}  // namespace

WorldSize estimate_world_size(const Scenario& scenario) {
  WorldSize size;
  for (const RegionSpec& r : scenario.regions) {
    for (const parameters::AgentKindSpec& k : parameters::agent_kinds()) {
      size.agents += static_cast<double>(r.agents[k.kind]);
    }
  }
  const auto fields = static_cast<double>(scenario.model.knowledge_fields);
  double per_agent = kScratchBytesPerAgent + 4.0 * fields;  // next tick's knowledge
  for (const sim::AgentColumn& c : sim::kAgentColumns) {
    per_agent += element_bytes(c.type) * (c.shape == sim::ColumnShape::PerField ? fields : 1.0);
  }
  per_agent += kBytesPerHalfEdge * std::max(0, scenario.initial_network.degree);
  size.bytes_per_agent = per_agent;
  size.bytes = size.agents * per_agent;
  return size;
}

std::uint64_t available_memory_bytes() {
  std::uint64_t available = 0;
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  std::uint64_t kib = 0;
  std::string unit;
  while (meminfo >> key >> kib >> unit) {
    if (key == "MemAvailable:") {
      available = kib * 1024;
      break;
    }
  }
  // A job's cgroup (Slurm, a container) may allow less than the machine has.
  std::ifstream limit("/sys/fs/cgroup/memory.max");
  std::string text;
  if (limit >> text && text != "max") {
    try {
      const std::uint64_t max = std::stoull(text);
      available = available == 0 ? max : std::min(available, max);
    } catch (...) {
      // An unreadable limit is no limit we know of.
    }
  }
  return available;
}

}  // namespace clustersim::cluster_model
