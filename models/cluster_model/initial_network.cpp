#include "models/cluster_model/initial_network.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "models/mechanisms/phases.hpp"
#include "models/parameters/agent_kinds.hpp"
#include "sim/enum_names.hpp"
#include "sim/graph_generators.hpp"

namespace clustersim::cluster_model {
namespace {

constexpr std::array<std::string_view, kNetworkGeneratorCount> kGeneratorNames = {
    "random", "watts_strogatz", "erdos_renyi", "preferential"};

/// An initial tie: a partnership of the past with a strength and an age of
/// its own, drawn uniformly (initial_tie_strength_min to 1; 0 to
/// initial_tie_age_max years), so that ties neither decay in step nor all
/// count as stable at once.
sim::EdgeAttributes initial_tie(const Scenario& scenario, sim::RandomStream& rng) {
  const parameters::ModelParams& p = scenario.model;
  sim::EdgeAttributes tie;
  tie.kind = sim::EdgeKind::RndPartnership;  // typed by its ends in add_initial_tie
  tie.strength = static_cast<float>(rng.uniform(p.initial_tie_strength_min, 1.0));
  const double age_ticks = rng.uniform(0.0, p.initial_tie_age_max) / scenario.tick_length;
  tie.age = static_cast<std::uint16_t>(std::min(65535.0, std::floor(age_ticks)));
  return tie;
}

/// Adds the initial tie a-b when the scenario's governance mode lets both ends
/// hold ties (in a Porter cluster no university or government holds one, so
/// none of their knowledge reaches a firm over a tie, not even in the first
/// tick), typed by its ends: firm–firm ties are R&D partnerships of the past,
/// the others get their own kind.
void add_initial_tie(sim::World& world, const Scenario& scenario, std::uint32_t a, std::uint32_t b,
                     sim::EdgeAttributes tie) {
  const auto mode = static_cast<std::size_t>(scenario.institutions.governance);
  const sim::AgentKind ka = world.agents.kinds()[a];
  const sim::AgentKind kb = world.agents.kinds()[b];
  if (!parameters::contains(parameters::agent_kind(ka).ties_in, mode) ||
      !parameters::contains(parameters::agent_kind(kb).ties_in, mode)) {
    return;
  }
  if (!sim::is_firm(ka) || !sim::is_firm(kb)) tie.kind = mechanisms::kind_of_tie(ka, kb);
  world.network.add_edge(a, b, tie);
}

/// Every agent proposes ⌈degree/2⌉ ties to agents of its own region drawn
/// uniformly, in slot order, from its own stream (a draw of itself is skipped,
/// one of a partner it already has adds nothing): the mean degree is about
/// 2⌈degree/2⌉ in a large region.
void add_random_ties(sim::World& world, const Scenario& scenario,
                     const mechanisms::ModelState& index) {
  const sim::AgentStore& agents = world.agents;
  const int degree = scenario.initial_network.degree;
  const int per_agent = degree / 2 + degree % 2;
  for (std::size_t s = 0; s < agents.size(); ++s) {
    const std::size_t r = agents.regions()[s];
    const std::uint32_t first = index.region_start[r];
    const std::uint32_t count = index.region_start[r + 1] - first;
    if (count < 2) continue;
    sim::RandomStream rng(scenario.seed, 0, agents.ids()[s], sim::Purpose::LinkFormation);
    for (int i = 0; i < per_agent; ++i) {
      const std::uint32_t other = index.region_members[first + rng.below(count)];
      if (other == s) continue;
      add_initial_tie(world, scenario, static_cast<std::uint32_t>(s), other,
                      initial_tie(scenario, rng));
    }
  }
}

/// One graph per region from one of the classic families, drawn from the
/// region's own stream, its local indices mapped to the region's agents in
/// slot order.
void add_generated_ties(sim::World& world, const Scenario& scenario,
                        const mechanisms::ModelState& index) {
  const InitialNetwork& net = scenario.initial_network;
  const auto degree = static_cast<unsigned>(net.degree);
  for (std::size_t r = 0; r < world.regions.size(); ++r) {
    const std::uint32_t first = index.region_start[r];
    const std::uint32_t count = index.region_start[r + 1] - first;
    sim::RandomStream rng(scenario.seed, 0, sim::kRegionStreamBase + static_cast<std::uint32_t>(r),
                          sim::Purpose::InitialNetwork);
    sim::LocalEdges edges;
    switch (net.generator) {
      case NetworkGenerator::WattsStrogatz:
        edges = sim::watts_strogatz_edges(count, degree, net.rewiring, rng);
        break;
      case NetworkGenerator::ErdosRenyi:
        edges = sim::erdos_renyi_edges(count, net.degree, rng);
        break;
      case NetworkGenerator::Preferential:
        edges = sim::preferential_attachment_edges(count, degree, rng);
        break;
      case NetworkGenerator::Random:
        break;
    }
    for (const auto& [a, b] : edges) {
      add_initial_tie(world, scenario, index.region_members[first + a],
                      index.region_members[first + b], initial_tie(scenario, rng));
    }
  }
}

}  // namespace

std::string_view to_string(NetworkGenerator generator) {
  return sim::enum_name(kGeneratorNames, generator);
}

std::vector<std::string> network_generator_names() {
  return sim::enum_names(kGeneratorNames);
}

void add_initial_ties(sim::World& world, const Scenario& scenario) {
  mechanisms::ModelState index;
  mechanisms::index_regions(world, index);
  if (scenario.initial_network.generator == NetworkGenerator::Random) {
    add_random_ties(world, scenario, index);
  } else {
    add_generated_ties(world, scenario, index);
  }
  world.network.commit();
}

}  // namespace clustersim::cluster_model
