// Knowledge creation (own R&D, university research, obsolescence) and knowledge
// exchange over cooperation ties, with absorptive capacity and an inverted-U
// effect of cognitive distance. Knowledge crosses regions only along ties (and
// with workers, in the labour market): how far it travels is an outcome of
// which ties firms find worth their cost, not a decay parameter.
#include <algorithm>
#include <cmath>

#include "models/mechanisms/phases.hpp"
#include "models/mechanisms/rules.hpp"
#include "sim/parallel.hpp"

namespace clustersim::mechanisms {

using parameters::ModelParams;

using sim::AgentKind;

void create_knowledge(sim::TickContext& tick, const ModelParams& p, ModelState& state) {
  sim::AgentStore& agents = tick.world.agents;
  const std::size_t fields = agents.fields();
  const double dt = tick.tick_length;
  const float keep = static_cast<float>(std::max(0.0, 1.0 - p.knowledge_depreciation * dt));
  // What a university of region r adds to each field this tick.
  const auto research = [&](std::size_t r) {
    return p.university_research_rate * conditions_of(state, r).research_efficiency * dt;
  };
  sim::for_slot_ranges(agents.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t s = begin; s < end; ++s) {
      std::span<float> k = agents.knowledge(s);
      for (float& x : k) x *= keep;
      const AgentKind kind = agents.kinds()[s];
      if (sim::is_firm(kind)) {
        // R&D output grows with the square root of staff: larger teams add
        // knowledge, with diminishing returns (a modelling assumption). The
        // intensity already carries the region's own-effort lever (production).
        // Green IT adopted in the region adds to what the effort yields
        // (quintuple helix; green_knowledge is 1 elsewhere).
        const double gain = p.rd_efficiency * agents.rd_intensity()[s] *
                            std::sqrt(std::max(0.0f, agents.employees()[s])) *
                            conditions_of(state, agents.regions()[s]).green_knowledge * dt;
        // Most effort goes to the firm's own field, the rest to one drawn at random.
        auto rng = tick.stream(agents.stream_keys()[s], sim::Purpose::KnowledgeCreation);
        const double primary = p.rd_primary_field_share;
        k[primary_field(agents.stream_keys()[s], fields)] += static_cast<float>(primary * gain);
        k[rng.below(static_cast<std::uint32_t>(fields))] +=
            static_cast<float>((1.0 - primary) * gain);
      } else if (kind == AgentKind::University) {
        const auto gain = static_cast<float>(research(agents.regions()[s]));
        for (float& x : k) x += gain;
      }
    }
  });
  // What each region's universities created this tick, summed over fields:
  // the research output that spin-offs follow (demography).
  state.research_output = sim::deterministic_accumulate(
      agents.size(), tick.world.regions.size(), [&](std::size_t s, double* table) {
        if (agents.kinds()[s] != AgentKind::University) return;
        const std::size_t r = agents.regions()[s];
        table[r] += research(r) * static_cast<double>(fields);
      });
}

void measure_ties(const sim::World& world, const ModelParams& p, ModelState& state) {
  const sim::AgentStore& agents = world.agents;
  const sim::Network& network = world.network;
  const std::size_t n = agents.size();
  const std::span<const std::uint32_t> rows = network.row_starts();
  state.tie_distance.resize(network.targets().size());
  state.tie_gap.resize(network.targets().size());
  state.capacity.resize(n);
  state.mean_knowledge.resize(n);
  state.strength_sum.resize(n);
  sim::for_slot_ranges(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t s = begin; s < end; ++s) {
      const std::span<const float> own = agents.knowledge(s);
      const double mean = mean_of(own);
      state.mean_knowledge[s] = static_cast<float>(mean);
      state.capacity[s] = static_cast<float>(rules::absorptive_capacity(
          mean, static_cast<double>(agents.rd_intensity()[s]) * agents.employees()[s],
          p.absorptive_knowledge_scale, p.absorptive_staff_scale));
      const auto v = static_cast<sim::Network::Vertex>(s);
      const auto partners = network.neighbours(v);
      double strengths = 0;
      for (const sim::EdgeAttributes& tie : network.attributes(v)) strengths += tie.strength;
      state.strength_sum[s] = static_cast<float>(strengths);
      for (std::size_t i = 0; i < partners.size(); ++i) {
        const std::span<const float> theirs = agents.knowledge(partners[i]);
        state.tie_distance[rows[v] + i] =
            static_cast<float>(rules::cognitive_distance(own, theirs));
        state.tie_gap[rows[v] + i] = static_cast<float>(rules::mean_lead(own, theirs));
      }
    }
  });
  state.tie_measures_fresh = true;
}

void ensure_tie_measures(const sim::World& world, const ModelParams& p, ModelState& state) {
  if (state.tie_measures_fresh && state.tie_distance.size() == world.network.targets().size() &&
      state.capacity.size() == world.agents.size()) {
    return;
  }
  measure_ties(world, p, state);
}

void exchange_knowledge(sim::TickContext& tick, const ModelParams& p, ModelState& state) {
  sim::World& world = tick.world;
  sim::AgentStore& agents = world.agents;
  const sim::Network& network = world.network;
  const std::size_t fields = agents.fields();
  const std::span<const float> current = std::as_const(agents).knowledge();
  const std::size_t n = agents.size();
  const std::span<const std::uint32_t> rows = network.row_starts();
  measure_ties(world, p, state);
  state.next_knowledge.resize(current.size());
  state.spillover_gain.assign(n, 0.0f);
  const double dt = tick.tick_length;
  // Every agent reads last tick's knowledge and writes only its own row of the
  // next buffer: no write is shared, so any schedule gives the same result.
  sim::for_slot_ranges(n, [&](std::size_t begin, std::size_t end) {
    std::vector<double> rate;
    for (std::size_t s = begin; s < end; ++s) {
      const auto v = static_cast<sim::Network::Vertex>(s);
      const std::span<const float> own{current.data() + s * fields, fields};
      float* next = state.next_knowledge.data() + s * fields;
      std::copy(own.begin(), own.end(), next);
      const auto partners = network.neighbours(v);
      if (partners.empty()) continue;
      const std::span<const sim::EdgeAttributes> ties = network.attributes(v);
      const bool university_here = agents.kinds()[s] == AgentKind::University;
      // Each tie carries a share of every lead the partner has, in proportion
      // to its strength, the absorptive capacity and the learning effect of the
      // cognitive distance; if the shares sum past 1 they are scaled to 1, so
      // an agent never ends above the best of what its partners knew.
      rate.assign(partners.size(), 0.0);
      double total = 0;
      for (std::size_t i = 0; i < partners.size(); ++i) {
        const bool university =
            university_here || agents.kinds()[partners[i]] == AgentKind::University;
        rate[i] =
            p.absorption_rate * ties[i].strength * dt * state.capacity[s] *
            rules::distance_effect(state.tie_distance[rows[v] + i], p.cognitive_distance_limit) *
            (university ? 1.0 + p.university_flow_boost : 1.0);
        total += rate[i];
      }
      const double scale = total > 1.0 ? 1.0 / total : 1.0;
      const std::size_t r = agents.regions()[s];
      float from_elsewhere = 0.0f;
      for (std::size_t i = 0; i < partners.size(); ++i) {
        if (!(rate[i] > 0)) continue;
        const auto a = static_cast<float>(rate[i] * scale);
        const std::span<const float> theirs{current.data() + std::size_t{partners[i]} * fields,
                                            fields};
        float gained = 0.0f;
        for (std::size_t f = 0; f < fields; ++f) {
          const float gain = a * std::max(0.0f, theirs[f] - own[f]);
          next[f] += gain;
          gained += gain;
        }
        if (agents.regions()[partners[i]] != r) from_elsewhere += gained;
      }
      state.spillover_gain[s] = from_elsewhere;
    }
  });
  agents.swap_knowledge(state.next_knowledge);
  state.spillover_by_region = sim::deterministic_accumulate(
      n, world.regions.size(),
      [&](std::size_t s, double* table) { table[agents.regions()[s]] += state.spillover_gain[s]; });
}

}  // namespace clustersim::mechanisms
