// Innovation events. A firm innovates by combining what it knows with what its
// partners know; the more its partners know the same things (knowledge that
// homogenised inside a closed, dense ego-network), the less novel the
// combination. Nothing here refers to density: its effect on innovation comes
// from how exchange makes partners alike, so an experiment can measure it.
#include <algorithm>

#include "models/mechanisms/phases.hpp"
#include "models/mechanisms/rules.hpp"
#include "sim/parallel.hpp"

namespace clustersim::mechanisms {

using parameters::ModelParams;

void innovate(sim::TickContext& tick, const ModelParams& p, ModelState& state) {
  sim::World& world = tick.world;
  sim::AgentStore& agents = world.agents;
  const sim::Network& network = world.network;
  const std::size_t fields = agents.fields();
  const std::size_t n = agents.size();
  const double dt = tick.tick_length;
  state.innovated.assign(n, 0);
  // Pass one decides from everyone's knowledge as it is; pass two applies, so
  // no agent reads a partner's half-updated knowledge.
  sim::for_slot_ranges(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t s = begin; s < end; ++s) {
      if (!sim::is_firm(agents.kinds()[s])) continue;
      const std::span<const float> own = std::as_const(agents).knowledge(s);
      double distance_sum = 0;
      const auto partners = network.neighbours(static_cast<std::uint32_t>(s));
      for (const std::uint32_t j : partners) {
        distance_sum += rules::cognitive_distance(own, std::as_const(agents).knowledge(j));
      }
      const double overlap =
          partners.empty() ? 0.0 : 1.0 - distance_sum / static_cast<double>(partners.size());
      const double capacity = rules::absorptive_capacity(
          mean_of(own), static_cast<double>(agents.rd_intensity()[s]) * agents.employees()[s],
          p.absorptive_knowledge_scale, p.absorptive_staff_scale);
      const double hazard = rules::innovation_hazard(
          p.innovation_rate, capacity, rules::novelty(overlap, p.homogenisation_strength),
          distance_sum);
      auto rng = tick.stream(agents.ids()[s], sim::Purpose::Innovation);
      if (rng.bernoulli(rules::event_probability(hazard, dt))) state.innovated[s] = 1;
    }
  });
  sim::for_slot_ranges(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t s = begin; s < end; ++s) {
      if (!state.innovated[s]) continue;
      const std::span<float> k = agents.knowledge(s);
      const double step = p.innovation_step * (1.0 + mean_of(k));
      k[primary_field(agents.ids()[s], fields)] += static_cast<float>(step);
    }
  });
  state.innovations_by_region = sim::deterministic_accumulate(
      n, world.regions.size(),
      [&](std::size_t s, double* table) { table[agents.regions()[s]] += state.innovated[s]; });
}

}  // namespace clustersim::mechanisms
