// Regional labour markets: wages answer the tension between the hires firms
// wanted and the pool they hired from; pools gain graduates and trained
// workers, lose attrition, and send migrants toward regions that pay more.
// The regions are few: their updates run serially, in region order.
#include <algorithm>

#include "models/mechanisms/phases.hpp"
#include "models/mechanisms/rules.hpp"
#include "sim/parallel.hpp"

namespace clustersim::mechanisms {
namespace {

/// Largest share of a region's pool that can leave it in one tick. A guard, not
/// a parameter: migration_rate·Δt is a per-destination share, so with many
/// regions or long ticks the outflows could otherwise exceed the pool itself.
constexpr double kMaxMigrationShareOfPool = 0.5;

}  // namespace

using parameters::ModelParams;

void update_labour_markets(sim::TickContext& tick, const ModelParams& p, ModelState& state) {
  const sim::World& world = tick.world;
  const sim::AgentStore& agents = world.agents;
  const std::size_t regions = world.regions.size();
  const double dt = tick.tick_length;
  ensure_region_state(world, p, state);

  for (std::size_t r = 0; r < regions; ++r) {
    state.wage[r] = rules::next_wage(state.wage[r], state.labour_demand[r], state.labour_supply[r],
                                     p.wage_adjustment, dt);
  }

  const std::vector<double> universities =
      sim::deterministic_accumulate(agents.size(), regions, [&](std::size_t s, double* table) {
        if (agents.kinds()[s] == sim::AgentKind::University) table[agents.regions()[s]] += 1.0;
      });

  // Migration from the pools as they stand, so the order of regions does not matter.
  std::vector<double> next = state.labour_pool;
  if (regions > 1) {
    const double share = p.migration_rate * dt / static_cast<double>(regions - 1);
    for (std::size_t r = 0; r < regions; ++r) {
      std::vector<double> out(regions, 0.0);
      double total = 0;
      for (std::size_t q = 0; q < regions; ++q) {
        if (q == r || state.wage[r] <= 0) continue;
        out[q] = share * state.labour_pool[r] * std::max(0.0, state.wage[q] / state.wage[r] - 1.0);
        total += out[q];
      }
      const double most = kMaxMigrationShareOfPool * state.labour_pool[r];
      const double scale = total > most ? most / total : 1.0;
      for (std::size_t q = 0; q < regions; ++q) {
        next[r] -= out[q] * scale;
        next[q] += out[q] * scale;
      }
    }
  }
  for (std::size_t r = 0; r < regions; ++r) {
    const double inflow = (p.graduates_per_university * universities[r] +
                           conditions_of(state, r).trained_workers_per_year) *
                          dt;
    next[r] = std::max(0.0, next[r] * std::max(0.0, 1.0 - p.labour_attrition * dt) + inflow);
  }
  state.labour_pool = std::move(next);
}

}  // namespace clustersim::mechanisms
