// Production, costs, profit, staff adjustment, growth into a large firm, and
// exit when capital runs out.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/phases.hpp"
#include "sim/parallel.hpp"

namespace clustersim::models {

using sim::AgentKind;
using sim::FirmType;

namespace {
double factor_multiplier(const ModelParams& p, FirmType type, const sim::Region& region) {
  // Product firms lean on hard factors (state support), content firms on soft
  // ones (skilled labour, infrastructure, universities): Kireyeva & Tsoi (2018).
  if (type == FirmType::Product) {
    return 1.0 + p.hard_factor_sensitivity_product * region.hard_factor +
           p.soft_factor_sensitivity_product * region.soft_factor;
  }
  return 1.0 + p.hard_factor_sensitivity_content * region.hard_factor +
         p.soft_factor_sensitivity_content * region.soft_factor;
}
}  // namespace

void produce(sim::TickContext& tick, const ModelParams& p, ModelState& state) {
  sim::World& world = tick.world;
  sim::AgentStore& agents = world.agents;
  const sim::Network& network = world.network;
  const double dt = tick.tick_length;
  const double shock_sd = p.productivity_shock_sd * std::sqrt(dt);
  std::vector<std::uint8_t> exiting(agents.size(), 0);

  sim::for_slot_ranges(agents.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t s = begin; s < end; ++s) {
      if (!sim::is_firm(agents.kinds()[s])) continue;
      const std::span<const float> k = std::as_const(agents).knowledge(s);
      const double mean_k =
          std::accumulate(k.begin(), k.end(), 0.0) / static_cast<double>(k.size());
      const double staff = std::max(1.0f, agents.employees()[s]);
      auto rng = tick.stream(agents.ids()[s], sim::Purpose::Production);
      const double shock = std::exp(shock_sd * rng.normal() - 0.5 * shock_sd * shock_sd);
      const double value_added =  // million tenge per year
          p.productivity * std::pow(staff, p.labour_elasticity) *
          std::pow(1.0 + mean_k, p.knowledge_elasticity) *
          factor_multiplier(p, agents.firm_types()[s], world.regions[agents.regions()[s]]) * shock;
      const double costs =
          p.wage * staff + agents.rd_intensity()[s] * value_added +
          p.link_cost * static_cast<double>(network.degree(static_cast<std::uint32_t>(s)));
      const double profit = value_added - costs;
      agents.value_added()[s] = value_added;
      agents.capital()[s] += profit * dt;
      // Staff follows the margin: hire when profitable, shed when not.
      const double margin = profit / std::max(value_added, 1e-9);
      const double growth = std::clamp(p.employment_adjustment * margin * dt, -0.5, 0.5);
      agents.employees()[s] = static_cast<float>(std::max(1.0, staff * (1.0 + growth)));
      if (agents.kinds()[s] == AgentKind::Sme && agents.employees()[s] >= p.large_firm_threshold) {
        agents.kinds()[s] = AgentKind::LargeFirm;
      }
      if (agents.capital()[s] < 0.0) {
        exiting[s] = 1;
        tick.changes.propose_exit(agents.ids()[s]);
      }
    }
  });

  const std::size_t regions = world.regions.size();
  state.exits_by_region = sim::deterministic_accumulate(
      agents.size(), regions,
      [&](std::size_t s, double* table) { table[agents.regions()[s]] += exiting[s]; });
}

}  // namespace clustersim::models
