// Tie decay and dissolution, and partner search (triadic closure or a random
// agent of the same region), with a cap on partners.
#include <algorithm>
#include <cmath>

#include "models/phases.hpp"
#include "sim/parallel.hpp"

namespace clustersim::models {

using sim::AgentKind;
using sim::EdgeKind;

namespace {
EdgeKind kind_of_tie(AgentKind a, AgentKind b) {
  const auto has = [&](AgentKind k) { return a == k || b == k; };
  if (has(AgentKind::Government)) return EdgeKind::GovernmentProgramme;
  if (has(AgentKind::University)) return EdgeKind::UniversityIndustry;
  // A large firm buying from an SME is the supplier relation of the brief.
  if (has(AgentKind::LargeFirm) && has(AgentKind::Sme)) return EdgeKind::Supplier;
  return EdgeKind::RndPartnership;
}
}  // namespace

void update_network(sim::TickContext& tick, const ModelParams& p, ModelState& state) {
  sim::World& world = tick.world;
  const sim::AgentStore& agents = world.agents;
  sim::Network& network = world.network;
  const double dt = tick.tick_length;
  const auto keep = static_cast<float>(std::max(0.0, 1.0 - p.link_decay * dt));
  const auto threshold = static_cast<float>(p.link_dissolve_below);
  const double search_probability = std::min(1.0, p.link_formation_rate * dt);
  const auto cap = static_cast<std::size_t>(p.max_partners);
  index_regions(world, state);

  sim::for_slot_ranges(agents.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t s = begin; s < end; ++s) {
      const auto v = static_cast<sim::Network::Vertex>(s);
      const sim::AgentId id = agents.ids()[s];
      // Decay: both halves of an edge apply the same rule to the same value,
      // so they stay equal without coordination.
      const std::span<const sim::Network::Vertex> partners = network.neighbours(v);
      const std::span<sim::EdgeAttributes> ties = network.mutable_attributes(v);
      for (std::size_t i = 0; i < ties.size(); ++i) {
        ties[i].strength *= keep;
        if (ties[i].age < 0xFFFF) ++ties[i].age;
        // The lower endpoint speaks for the pair, so each edge is proposed once.
        if (ties[i].strength < threshold && v < partners[i]) {
          tick.changes.dissolve_edge(id, agents.ids()[partners[i]]);
        }
      }

      auto rng = tick.stream(id, sim::Purpose::LinkFormation);
      if (!rng.bernoulli(search_probability) || partners.size() >= cap) continue;
      std::size_t candidate = s;
      if (!partners.empty() && rng.bernoulli(p.triadic_closure_share)) {
        const auto friend_slot = partners[rng.below(static_cast<std::uint32_t>(partners.size()))];
        const auto friends_partners = network.neighbours(friend_slot);
        candidate =
            friends_partners[rng.below(static_cast<std::uint32_t>(friends_partners.size()))];
      } else {
        const std::size_t r = agents.regions()[s];
        const std::uint32_t first = state.region_start[r];
        const std::uint32_t count = state.region_start[r + 1] - first;
        candidate = state.region_members[first + rng.below(count)];
      }
      const auto c = static_cast<sim::Network::Vertex>(candidate);
      if (candidate == s || network.has_edge(v, c) || network.degree(c) >= cap) continue;
      // The cap is checked against the start-of-tick degree: several searches
      // landing on one agent in the same tick can pass it by a few links.
      sim::EdgeAttributes tie;
      tie.kind = kind_of_tie(agents.kinds()[s], agents.kinds()[candidate]);
      tick.changes.propose_edge(id, id, agents.ids()[candidate], tie);
    }
  });
}

void index_regions(const sim::World& world, ModelState& state) {
  // Counting sort by region; slot order is kept inside each region.
  const sim::AgentStore& agents = world.agents;
  const std::size_t regions = world.regions.size();
  state.region_start.assign(regions + 1, 0);
  for (std::size_t s = 0; s < agents.size(); ++s) ++state.region_start[agents.regions()[s] + 1u];
  for (std::size_t r = 0; r < regions; ++r) state.region_start[r + 1] += state.region_start[r];
  state.region_members.resize(agents.size());
  std::vector<std::uint32_t> fill(state.region_start.begin(), state.region_start.end() - 1);
  for (std::size_t s = 0; s < agents.size(); ++s) {
    state.region_members[fill[agents.regions()[s]]++] = static_cast<std::uint32_t>(s);
  }
}

}  // namespace clustersim::models
