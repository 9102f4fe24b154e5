// Knowledge creation (own R&D, university research, obsolescence) and knowledge
// exchange: over cooperation ties, with absorptive capacity and an inverted-U
// effect of cognitive distance, and between regions through distance-weighted
// regional knowledge pools.
#include <algorithm>
#include <cmath>

#include "models/mechanisms/phases.hpp"
#include "models/mechanisms/rules.hpp"
#include "sim/parallel.hpp"

namespace clustersim::mechanisms {

using parameters::ModelParams;

using sim::AgentKind;

void create_knowledge(sim::TickContext& tick, const ModelParams& p, const ModelState& state) {
  sim::AgentStore& agents = tick.world.agents;
  const std::size_t fields = agents.fields();
  const double dt = tick.tick_length;
  const float keep = static_cast<float>(std::max(0.0, 1.0 - p.knowledge_depreciation * dt));
  sim::for_slot_ranges(agents.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t s = begin; s < end; ++s) {
      std::span<float> k = agents.knowledge(s);
      for (float& x : k) x *= keep;
      const AgentKind kind = agents.kinds()[s];
      if (sim::is_firm(kind)) {
        // R&D output grows with the square root of staff: larger teams add
        // knowledge, with diminishing returns (a modelling assumption). The
        // intensity already carries the region's own-effort lever (production).
        const double gain = p.rd_efficiency * agents.rd_intensity()[s] *
                            std::sqrt(std::max(0.0f, agents.employees()[s])) * dt;
        // Most effort goes to the firm's own field, the rest to one drawn at random.
        auto rng = tick.stream(agents.ids()[s], sim::Purpose::KnowledgeCreation);
        const double primary = p.rd_primary_field_share;
        k[primary_field(agents.ids()[s], fields)] += static_cast<float>(primary * gain);
        k[rng.below(static_cast<std::uint32_t>(fields))] +=
            static_cast<float>((1.0 - primary) * gain);
      } else if (kind == AgentKind::University) {
        const auto gain =
            static_cast<float>(p.university_research_rate *
                               conditions_of(state, agents.regions()[s]).research_efficiency * dt);
        for (float& x : k) x += gain;
      }
    }
  });
}

namespace {

/// The knowledge each region can draw on from the others: the distance- and
/// profile-weighted mean pool P̄_r and the total weight W_r (section 7.2).
struct RegionalPools {
  std::vector<double> target;  // regions x fields
  std::vector<double> weight;  // regions
  std::vector<double> boost;   // regions: 1 + university_flow_boost where a university is
};

RegionalPools regional_pools(const sim::World& world, const ModelParams& p) {
  const sim::AgentStore& agents = world.agents;
  const std::size_t regions = world.regions.size();
  const std::size_t fields = agents.fields();
  const std::size_t width = fields + 2;  // field sums, agents, universities
  const std::vector<double> sums = sim::deterministic_accumulate(
      agents.size(), regions * width, [&](std::size_t s, double* table) {
        double* row = table + agents.regions()[s] * width;
        const std::span<const float> k = agents.knowledge(s);
        for (std::size_t f = 0; f < fields; ++f) row[f] += k[f];
        row[fields] += 1.0;
        if (agents.kinds()[s] == AgentKind::University) row[fields + 1] += 1.0;
      });
  std::vector<double> pool(regions * fields, 0.0);     // mean knowledge per agent
  std::vector<double> profile(regions * fields, 0.0);  // field shares
  for (std::size_t r = 0; r < regions; ++r) {
    const double* row = sums.data() + r * width;
    double total = 0;
    for (std::size_t f = 0; f < fields; ++f) total += row[f];
    for (std::size_t f = 0; f < fields; ++f) {
      pool[r * fields + f] = row[fields] > 0 ? row[f] / row[fields] : 0.0;
      profile[r * fields + f] = total > 0 ? row[f] / total : 0.0;
    }
  }
  RegionalPools out;
  out.target.assign(regions * fields, 0.0);
  out.weight.assign(regions, 0.0);
  out.boost.assign(regions, 1.0);
  for (std::size_t r = 0; r < regions; ++r) {
    if (sums[r * width + fields + 1] > 0) out.boost[r] = 1.0 + p.university_flow_boost;
    for (std::size_t q = 0; q < regions; ++q) {
      if (q == r || sums[q * width + fields] <= 0) continue;
      const double w =
          rules::geographic_decay(world.regions.distance_km(r, q), p.spillover_half_distance_km) *
          rules::profile_similarity({profile.data() + r * fields, fields},
                                    {profile.data() + q * fields, fields});
      out.weight[r] += w;
      for (std::size_t f = 0; f < fields; ++f)
        out.target[r * fields + f] += w * pool[q * fields + f];
    }
    if (out.weight[r] > 0) {
      for (std::size_t f = 0; f < fields; ++f) out.target[r * fields + f] /= out.weight[r];
    }
  }
  return out;
}

}  // namespace

void exchange_knowledge(sim::TickContext& tick, const ModelParams& p, ModelState& state) {
  sim::World& world = tick.world;
  sim::AgentStore& agents = world.agents;
  const sim::Network& network = world.network;
  const std::size_t fields = agents.fields();
  const std::span<const float> current = std::as_const(agents).knowledge();
  const std::size_t n = agents.size();
  state.next_knowledge.resize(current.size());
  state.partner_pick.resize(n);
  state.pick_effect.assign(n, 0.0f);
  state.spillover_gain.assign(n, 0.0f);
  const RegionalPools pools = regional_pools(world, p);
  const double dt = tick.tick_length;
  // Every agent reads last tick's knowledge and writes only its own row of the
  // next buffer: no write is shared, so any schedule gives the same result.
  sim::for_slot_ranges(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t s = begin; s < end; ++s) {
      const auto v = static_cast<sim::Network::Vertex>(s);
      const std::span<const float> own{current.data() + s * fields, fields};
      float* next = state.next_knowledge.data() + s * fields;
      std::copy(own.begin(), own.end(), next);
      state.partner_pick[s] = v;
      const std::size_t r = agents.regions()[s];
      const double capacity = rules::absorptive_capacity(
          mean_of(own), static_cast<double>(agents.rd_intensity()[s]) * agents.employees()[s],
          p.absorptive_knowledge_scale, p.absorptive_staff_scale);

      const std::size_t degree = network.degree(v);
      if (degree > 0) {
        auto rng = tick.stream(agents.ids()[s], sim::Purpose::PartnerChoice);
        const std::uint32_t pick = rng.below(static_cast<std::uint32_t>(degree));
        const std::uint32_t partner = network.neighbours(v)[pick];
        state.partner_pick[s] = partner;
        const std::span<const float> theirs{current.data() + std::size_t{partner} * fields, fields};
        const bool university = agents.kinds()[s] == AgentKind::University ||
                                agents.kinds()[partner] == AgentKind::University;
        const double effect = rules::distance_effect(rules::cognitive_distance(own, theirs),
                                                     p.cognitive_distance_limit);
        state.pick_effect[s] = static_cast<float>(effect);
        const double rate =
            std::min(1.0, p.absorption_rate * network.attributes(v)[pick].strength * dt * capacity *
                              effect * (university ? 1.0 + p.university_flow_boost : 1.0));
        const auto a = static_cast<float>(rate);
        for (std::size_t f = 0; f < fields; ++f) next[f] += a * std::max(0.0f, theirs[f] - own[f]);
      }

      if (pools.weight[r] > 0) {
        const auto a = static_cast<float>(std::min(
            1.0, p.regional_spillover_rate * dt * capacity * pools.boost[r] * pools.weight[r]));
        float gained = 0.0f;
        for (std::size_t f = 0; f < fields; ++f) {
          const float gain =
              a * std::max(0.0f, static_cast<float>(pools.target[r * fields + f]) - own[f]);
          next[f] += gain;
          gained += gain;
        }
        state.spillover_gain[s] = gained;
      }
    }
  });
  agents.swap_knowledge(state.next_knowledge);
  state.spillover_by_region = sim::deterministic_accumulate(
      n, world.regions.size(),
      [&](std::size_t s, double* table) { table[agents.regions()[s]] += state.spillover_gain[s]; });
}

}  // namespace clustersim::mechanisms
