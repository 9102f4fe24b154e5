#pragma once
// Structural changes proposed during a phase and applied after it.
//
// Phases run in parallel and must not change the shape of the world while other
// tasks read it. Instead they propose: new or dissolved edges, births, exits and
// relocations go into per-thread buffers, and the engine applies them serially
// after the phase, sorted by agent id (births by the key their proposer gave),
// so the result does not depend on which thread proposed what, or when.
#include <tbb/enumerable_thread_specific.h>

#include <cstdint>
#include <vector>

#include "sim/agents.hpp"
#include "sim/network.hpp"
#include "sim/world.hpp"

namespace clustersim::sim {

struct EdgeProposal {
  AgentId proposer;
  AgentId a, b;
  EdgeAttributes attributes;
};
struct EdgeRemoval {
  AgentId a, b;
};
struct BirthProposal {
  /// Unique per tick; decides the order (and so the ids) of new agents.
  /// Build it with birth_key().
  std::uint64_t order_key;
  NewAgent agent;
  /// Optionally link the newborn to an existing agent (a spin-off's parent).
  bool link_to_parent = false;
  AgentId parent = 0;
  EdgeAttributes parent_link;
};
struct Relocation {
  AgentId agent;
  RegionIndex to;
};

/// Order key for the k-th birth proposed by one proposer (an agent id, or
/// kRegionStreamBase + region for region-level entry).
inline std::uint64_t birth_key(std::uint32_t proposer, std::uint32_t k) {
  return (static_cast<std::uint64_t>(proposer) << 32) | k;
}

/// Counts of what one apply() did, for logging and tests.
struct AppliedChanges {
  std::size_t edges_added = 0, edges_removed = 0, births = 0, exits = 0, relocations = 0;
};

class StructuralChanges {
 public:
  // Thread-safe: each thread appends to its own buffer.
  void propose_edge(AgentId proposer, AgentId a, AgentId b, EdgeAttributes attributes);
  void dissolve_edge(AgentId a, AgentId b);
  void propose_birth(BirthProposal birth);
  void propose_exit(AgentId agent);
  void relocate(AgentId agent, RegionIndex to);

  bool empty() const;
  /// Applies everything proposed since the last apply, in a fixed order:
  /// relocations, exits (with their edges), edge removals, edge additions,
  /// births, then commits the network. Serial. Throws std::logic_error on two
  /// births with the same order key or a proposal naming an unknown agent.
  /// `tick` is the tick the changes belong to: with the order key it makes a
  /// newborn's stream key (birth_stream_key).
  AppliedChanges apply(World& world, std::uint32_t tick = 0);

 private:
  struct Buffers {
    std::vector<EdgeProposal> edges;
    std::vector<EdgeRemoval> removals;
    std::vector<BirthProposal> births;
    std::vector<AgentId> exits;
    std::vector<Relocation> relocations;
  };
  tbb::enumerable_thread_specific<Buffers> local_;
};

}  // namespace clustersim::sim
