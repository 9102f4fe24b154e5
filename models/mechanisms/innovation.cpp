// Innovation by recombination. A firm innovates by combining what it can
// reach: its own stock and what its partners bring. Two kinds, as the density
// literature distinguishes them (March 1991; Hua et al. 2022):
// - exploration, new combinations, draws on partners at a middle cognitive
//   distance (Nooteboom's inverted U): a partner who knows the same things adds
//   nothing new, a stranger cannot be understood. It adds knowledge to a field
//   the partner is relatively strong in.
// - exploitation, improving what the firm knows, draws on close partners and
//   deepens the firm's primary field.
// Nothing here refers to density. Dense, closed groups make partners alike
// through exchange, which lowers what they bring to exploration and raises
// what they bring to exploitation; an experiment measures the net effect.
#include <algorithm>

#include "models/mechanisms/phases.hpp"
#include "models/mechanisms/rules.hpp"
#include "sim/parallel.hpp"

namespace clustersim::mechanisms {

using parameters::ModelParams;

namespace {

/// The field in which `partner` is strongest relative to `own` (largest lead
/// of its share of knowledge over the firm's share): where a new combination
/// with it adds something the firm lacks.
std::size_t field_partner_adds(std::span<const float> own, std::span<const float> partner) {
  double own_total = 0, partner_total = 0;
  for (std::size_t f = 0; f < own.size(); ++f) {
    own_total += own[f];
    partner_total += partner[f];
  }
  std::size_t best = 0;
  double best_lead = -2.0;
  for (std::size_t f = 0; f < own.size(); ++f) {
    const double lead = (partner_total > 0 ? partner[f] / partner_total : 0.0) -
                        (own_total > 0 ? own[f] / own_total : 0.0);
    if (lead > best_lead) {
      best_lead = lead;
      best = f;
    }
  }
  return best;
}

}  // namespace

void innovate(sim::TickContext& tick, const ModelParams& p, ModelState& state) {
  sim::World& world = tick.world;
  sim::AgentStore& agents = world.agents;
  const sim::Network& network = world.network;
  const std::size_t fields = agents.fields();
  const std::size_t n = agents.size();
  const double dt = tick.tick_length;
  ensure_tie_measures(world, p, state);
  const std::span<const std::uint32_t> rows = network.row_starts();
  state.innovated.assign(n, 0);
  state.explored_field.assign(n, 0);
  // Pass one decides from everyone's knowledge as it is; pass two applies, so
  // no agent reads a partner's half-updated knowledge.
  sim::for_slot_ranges(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t s = begin; s < end; ++s) {
      if (!sim::is_firm(agents.kinds()[s])) continue;
      const auto v = static_cast<sim::Network::Vertex>(s);
      const auto partners = network.neighbours(v);
      const std::span<const sim::EdgeAttributes> ties = network.attributes(v);
      double exploration = 0, exploitation = 0, best_value = 0;
      std::size_t best_partner = partners.size();
      // Whether a civil-society tie raises this firm's demand: looked up only
      // where there is demand to raise (civil society is part of the mode).
      const bool demand_here = conditions_of(state, agents.regions()[s]).demand_pull > 0.0;
      bool civil = false;
      for (std::size_t i = 0; i < partners.size(); ++i) {
        civil = civil || (demand_here && is_civil_tie(agents, v, partners[i], ties[i]));
        const double d = state.tie_distance[rows[v] + i];
        const double e = ties[i].strength * rules::exploration_value(d, p.cognitive_distance_limit,
                                                                     p.homogenisation_strength);
        exploration += e;
        exploitation += ties[i].strength * rules::absorbability(d, p.cognitive_distance_limit);
        if (e > best_value) {
          best_value = e;
          best_partner = i;
        }
      }
      const double attention = rules::attention_share(state.strength_sum[s], p.partner_attention);
      exploration *= attention;
      exploitation *= attention;
      const double capacity = state.capacity[s];
      auto rng = tick.stream(agents.stream_keys()[s], sim::Purpose::Innovation);
      // Demand for innovation (civil society, quadruple helix and beyond) draws
      // innovative activity: both hazards × (1 + demand_pull) (Schmookler 1966),
      // more for a firm that works with a civil-society organisation.
      const double pull = 1.0 + demand_pull_of(conditions_of(state, agents.regions()[s]), civil, p);
      const bool explored = rng.bernoulli(rules::event_probability(
          pull * rules::recombination_hazard(p.exploration_rate, capacity, p.own_exploration_weight,
                                             exploration),
          dt));
      const bool exploited = rng.bernoulli(rules::event_probability(
          pull * rules::recombination_hazard(p.exploitation_rate, capacity, 1.0, exploitation),
          dt));
      if (explored) {
        // Own recombination (no partner brings anything) lands in a field drawn at random.
        const std::size_t field =
            best_partner < partners.size()
                ? field_partner_adds(std::as_const(agents).knowledge(s),
                                     std::as_const(agents).knowledge(partners[best_partner]))
                : rng.below(static_cast<std::uint32_t>(fields));
        state.explored_field[s] = static_cast<std::uint8_t>(field);
      }
      state.innovated[s] =
          static_cast<std::uint8_t>((explored ? kExplored : 0) | (exploited ? kExploited : 0));
    }
  });
  sim::for_slot_ranges(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t s = begin; s < end; ++s) {
      if (!state.innovated[s]) continue;
      const std::span<float> k = agents.knowledge(s);
      const double base = 1.0 + mean_of(k);
      if (state.innovated[s] & kExplored) {
        k[state.explored_field[s]] += static_cast<float>(p.exploration_step * base);
      }
      if (state.innovated[s] & kExploited) {
        k[primary_field(agents.stream_keys()[s], fields)] +=
            static_cast<float>(p.exploitation_step * base);
      }
    }
  });
  const std::vector<double> counts =
      sim::deterministic_accumulate(n, 2 * world.regions.size(), [&](std::size_t s, double* table) {
        const std::size_t r = agents.regions()[s];
        table[2 * r] += (state.innovated[s] & kExplored) ? 1.0 : 0.0;
        table[2 * r + 1] += (state.innovated[s] & kExploited) ? 1.0 : 0.0;
      });
  const std::size_t regions = world.regions.size();
  state.explorations_by_region.assign(regions, 0.0);
  state.exploitations_by_region.assign(regions, 0.0);
  state.innovations_by_region.assign(regions, 0.0);
  for (std::size_t r = 0; r < regions; ++r) {
    state.explorations_by_region[r] = counts[2 * r];
    state.exploitations_by_region[r] = counts[2 * r + 1];
    state.innovations_by_region[r] = counts[2 * r] + counts[2 * r + 1];
  }
}

}  // namespace clustersim::mechanisms
