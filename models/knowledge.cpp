// Knowledge creation (own R&D, university research, obsolescence) and knowledge
// exchange over the cooperation network.
#include <algorithm>
#include <cmath>

#include "models/phases.hpp"
#include "sim/parallel.hpp"

namespace clustersim::models {

using sim::AgentKind;

void create_knowledge(sim::TickContext& tick, const ModelParams& p) {
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
        // knowledge, with diminishing returns (a modelling assumption).
        const double gain = p.rd_efficiency * agents.rd_intensity()[s] *
                            std::sqrt(std::max(0.0f, agents.employees()[s])) * dt;
        // Most effort goes to the firm's own field, the rest to one drawn at random.
        auto rng = tick.stream(agents.ids()[s], sim::Purpose::KnowledgeCreation);
        k[primary_field(agents.ids()[s], fields)] += static_cast<float>(0.7 * gain);
        k[rng.below(static_cast<std::uint32_t>(fields))] += static_cast<float>(0.3 * gain);
      } else if (kind == AgentKind::University) {
        const auto gain = static_cast<float>(p.university_research_rate * dt);
        for (float& x : k) x += gain;
      }
    }
  });
}

void exchange_knowledge(sim::TickContext& tick, const ModelParams& p, ModelState& state) {
  sim::AgentStore& agents = tick.world.agents;
  const sim::Network& network = tick.world.network;
  const std::size_t fields = agents.fields();
  const std::span<const float> current = std::as_const(agents).knowledge();
  state.next_knowledge.resize(current.size());
  const double rate_per_strength = p.absorption_rate * tick.tick_length;
  // Every agent reads last tick's knowledge of one partner and writes only its
  // own row of the next buffer: no write is shared, so any schedule gives the
  // same result.
  sim::for_slot_ranges(agents.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t s = begin; s < end; ++s) {
      const auto v = static_cast<sim::Network::Vertex>(s);
      const float* own = current.data() + s * fields;
      float* next = state.next_knowledge.data() + s * fields;
      std::copy_n(own, fields, next);
      const std::size_t degree = network.degree(v);
      if (degree == 0) continue;
      auto rng = tick.stream(agents.ids()[s], sim::Purpose::PartnerChoice);
      const std::uint32_t pick = rng.below(static_cast<std::uint32_t>(degree));
      const std::uint32_t partner = network.neighbours(v)[pick];
      const double strength = network.attributes(v)[pick].strength;
      const auto rate = static_cast<float>(std::min(1.0, rate_per_strength * strength));
      const float* theirs = current.data() + static_cast<std::size_t>(partner) * fields;
      for (std::size_t f = 0; f < fields; ++f) {
        next[f] += rate * std::max(0.0f, theirs[f] - own[f]);
      }
    }
  });
  agents.swap_knowledge(state.next_knowledge);
}

}  // namespace clustersim::models
