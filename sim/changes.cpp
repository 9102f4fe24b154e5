#include "sim/changes.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "sim/random.hpp"

namespace clustersim::sim {

void StructuralChanges::propose_edge(AgentId proposer, AgentId a, AgentId b,
                                     EdgeAttributes attributes) {
  if (a == b) return;  // a self-tie means nothing; dropping it here keeps callers simple
  local_.local().edges.push_back({proposer, std::min(a, b), std::max(a, b), attributes});
}
void StructuralChanges::dissolve_edge(AgentId a, AgentId b) {
  local_.local().removals.push_back({std::min(a, b), std::max(a, b)});
}
void StructuralChanges::propose_birth(BirthProposal birth) {
  local_.local().births.push_back(std::move(birth));
}
void StructuralChanges::propose_exit(AgentId agent) {
  local_.local().exits.push_back(agent);
}
void StructuralChanges::relocate(AgentId agent, RegionIndex to) {
  local_.local().relocations.push_back({agent, to});
}

bool StructuralChanges::empty() const {
  for (const Buffers& b : local_) {
    if (!b.edges.empty() || !b.removals.empty() || !b.births.empty() || !b.exits.empty() ||
        !b.relocations.empty()) {
      return false;
    }
  }
  return true;
}

namespace {
std::size_t require_slot(const AgentStore& agents, AgentId id, const char* what) {
  const std::size_t slot = agents.slot_of(id);
  if (slot == kNoSlot) {
    throw std::logic_error(std::string(what) + " names agent " + std::to_string(id) +
                           ", which does not exist");
  }
  return slot;
}

/// Concatenates every thread's buffer of one kind and empties them; the order
/// is arbitrary and is made deterministic by the sorts of the steps below.
template <class PerThread, class Buffers, class T>
std::vector<T> gather(PerThread& buffers, std::vector<T> Buffers::*member) {
  std::vector<T> all;
  for (Buffers& b : buffers) {
    std::vector<T>& v = b.*member;
    all.insert(all.end(), std::make_move_iterator(v.begin()), std::make_move_iterator(v.end()));
    v.clear();
  }
  return all;
}

bool contains(const std::vector<AgentId>& sorted, AgentId id) {
  return std::binary_search(sorted.begin(), sorted.end(), id);
}

/// Relocations: there is only one mover per agent by construction; sorting
/// makes any tie explicit, and the first wins.
void apply_relocations(World& world, std::vector<Relocation> relocations, AppliedChanges& done) {
  std::sort(relocations.begin(), relocations.end(), [](const Relocation& x, const Relocation& y) {
    return x.agent != y.agent ? x.agent < y.agent : x.to < y.to;
  });
  for (std::size_t i = 0; i < relocations.size(); ++i) {
    if (i > 0 && relocations[i].agent == relocations[i - 1].agent) continue;
    const std::size_t slot = require_slot(world.agents, relocations[i].agent, "a relocation");
    if (relocations[i].to >= world.regions.size())
      throw std::logic_error("relocation to an unknown region");
    world.agents.regions()[slot] = relocations[i].to;
    ++done.relocations;
  }
}

/// Exits, before edge changes, so that ties to leaving agents are dropped.
/// Returns the leaving agents, sorted.
std::vector<AgentId> apply_exits(World& world, std::vector<AgentId> exits, AppliedChanges& done) {
  std::sort(exits.begin(), exits.end());
  exits.erase(std::unique(exits.begin(), exits.end()), exits.end());
  if (!exits.empty()) {
    std::vector<std::uint8_t> flag(world.agents.size(), 0);
    for (AgentId id : exits) flag[require_slot(world.agents, id, "an exit")] = 1;
    world.network.renumber_vertices(world.agents.remove(flag));
    done.exits = exits.size();
  }
  return exits;
}

void apply_removals(World& world, std::vector<EdgeRemoval> removals,
                    const std::vector<AgentId>& exits, AppliedChanges& done) {
  std::sort(removals.begin(), removals.end(), [](const EdgeRemoval& x, const EdgeRemoval& y) {
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  removals.erase(std::unique(removals.begin(), removals.end(),
                             [](const EdgeRemoval& x, const EdgeRemoval& y) {
                               return x.a == y.a && x.b == y.b;
                             }),
                 removals.end());
  for (const EdgeRemoval& r : removals) {
    if (contains(exits, r.a) || contains(exits, r.b)) continue;  // already gone with the agent
    world.network.remove_edge(
        static_cast<Network::Vertex>(require_slot(world.agents, r.a, "an edge removal")),
        static_cast<Network::Vertex>(require_slot(world.agents, r.b, "an edge removal")));
    ++done.edges_removed;
  }
}

/// Additions sorted by endpoints, then proposer: Network::add_edge keeps the
/// first proposal of an edge, so the lowest proposer's attributes win.
void apply_edge_proposals(World& world, std::vector<EdgeProposal> edges,
                          const std::vector<AgentId>& exits, AppliedChanges& done) {
  const AgentStore& agents = world.agents;
  std::sort(edges.begin(), edges.end(), [](const EdgeProposal& x, const EdgeProposal& y) {
    if (x.a != y.a) return x.a < y.a;
    if (x.b != y.b) return x.b < y.b;
    return x.proposer < y.proposer;
  });
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const EdgeProposal& e = edges[i];
    if (i > 0 && e.a == edges[i - 1].a && e.b == edges[i - 1].b) continue;
    if (contains(exits, e.a) || contains(exits, e.b)) continue;
    if (agents.slot_of(e.a) == kNoSlot || agents.slot_of(e.b) == kNoSlot)
      throw std::logic_error("an edge proposal names an unknown agent");
    world.network.add_edge(static_cast<Network::Vertex>(agents.slot_of(e.a)),
                           static_cast<Network::Vertex>(agents.slot_of(e.b)), e.attributes);
    ++done.edges_added;
  }
}

/// Births in order-key order (keys must be unique), each optionally tied to
/// its parent when the parent stays.
void apply_births(World& world, std::vector<BirthProposal> births,
                  const std::vector<AgentId>& exits, std::uint32_t tick, AppliedChanges& done) {
  std::sort(births.begin(), births.end(), [](const BirthProposal& x, const BirthProposal& y) {
    return x.order_key < y.order_key;
  });
  for (std::size_t i = 1; i < births.size(); ++i) {
    if (births[i].order_key == births[i - 1].order_key) {
      throw std::logic_error("two births share the order key " +
                             std::to_string(births[i].order_key));
    }
  }
  if (births.empty()) return;
  AgentStore& agents = world.agents;
  world.network.add_vertices(births.size());
  for (BirthProposal& b : births) {
    b.agent.stream_key = birth_stream_key(tick, b.order_key);
    const AgentId id = agents.add(b.agent);
    if (b.link_to_parent && !contains(exits, b.parent) && agents.slot_of(b.parent) != kNoSlot) {
      world.network.add_edge(static_cast<Network::Vertex>(agents.slot_of(b.parent)),
                             static_cast<Network::Vertex>(agents.slot_of(id)), b.parent_link);
      ++done.edges_added;
    }
  }
  done.births = births.size();
}
}  // namespace

AppliedChanges StructuralChanges::apply(World& world, std::uint32_t tick) {
  AppliedChanges done;
  apply_relocations(world, gather(local_, &Buffers::relocations), done);
  const std::vector<AgentId> exits = apply_exits(world, gather(local_, &Buffers::exits), done);
  apply_removals(world, gather(local_, &Buffers::removals), exits, done);
  apply_edge_proposals(world, gather(local_, &Buffers::edges), exits, done);
  apply_births(world, gather(local_, &Buffers::births), exits, tick, done);
  world.network.commit();
  return done;
}

}  // namespace clustersim::sim
