// Regional labour markets: wages answer the tension between the hires firms
// wanted and the pool they hired from; pools gain graduates and trained
// workers, lose attrition, and send migrants toward regions that pay more,
// more to near regions than to far ones. Each pool keeps the knowledge profile
// of its job seekers as a running mean over what its inflows carry.
// The regions are few: their updates run serially, in region order.
#include <algorithm>
#include <cmath>
#include <limits>

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
  const std::size_t fields = agents.fields();
  const double dt = tick.tick_length;
  ensure_region_state(world, p, state);

  for (std::size_t r = 0; r < regions; ++r) {
    state.wage[r] = rules::next_wage(state.wage[r], state.labour_demand[r], state.labour_supply[r],
                                     p.wage_adjustment, dt);
  }

  // Universities per region and their knowledge summed by field.
  const std::size_t width = fields + 1;
  const std::vector<double> universities = sim::deterministic_accumulate(
      agents.size(), regions * width, [&](std::size_t s, double* table) {
        if (agents.kinds()[s] != sim::AgentKind::University) return;
        double* row = table + agents.regions()[s] * width;
        const std::span<const float> k = agents.knowledge(s);
        for (std::size_t f = 0; f < fields; ++f) row[f] += k[f];
        row[fields] += 1.0;
      });

  // The workers laid off since the last call join the pool's profile: the pool
  // holds them and the stayers, who keep the mean they had.
  std::vector<double> profile = state.pool_knowledge;
  for (std::size_t r = 0; r < regions; ++r) {
    const double pool = state.labour_pool[r];
    const double laid_off = std::min(pool, state.layoffs[r]);
    if (pool <= 0 || laid_off <= 0) continue;
    for (std::size_t f = 0; f < fields; ++f) {
      const std::size_t i = r * fields + f;
      profile[i] = ((pool - laid_off) * profile[i] +
                    state.layoff_knowledge[i] * laid_off / state.layoffs[r]) /
                   pool;
    }
  }
  std::fill(state.layoffs.begin(), state.layoffs.end(), 0.0);
  std::fill(state.layoff_knowledge.begin(), state.layoff_knowledge.end(), 0.0);

  // Migration from the pools as they stand, so the order of regions does not
  // matter. A production-constrained gravity model: region r sends
  // migration_rate·Δt·U_r·a_rq·max(0, w_q/w_r − 1) to q, where the deterrence
  // shares a_rq = exp(−d_rq/D) / Σ_q' exp(−d_rq'/D) sum to 1 over r's other
  // regions. Migrants carry their source pool's profile.
  std::vector<double> next = state.labour_pool;
  std::vector<double> carried(regions * fields, 0.0);  // persons x knowledge, per destination
  for (std::size_t r = 0; r < regions; ++r) {
    for (std::size_t f = 0; f < fields; ++f) {
      carried[r * fields + f] = state.labour_pool[r] * profile[r * fields + f];
    }
  }
  state.migrants_in.assign(regions, 0.0);
  state.migrant_km_in.assign(regions, 0.0);
  if (regions > 1) {
    for (std::size_t r = 0; r < regions; ++r) {
      if (state.wage[r] <= 0 || state.labour_pool[r] <= 0) continue;
      // Deterrence relative to the nearest destination, so it cannot underflow.
      double nearest = std::numeric_limits<double>::infinity();
      for (std::size_t q = 0; q < regions; ++q) {
        if (q != r) nearest = std::min(nearest, world.regions.distance_km(r, q));
      }
      std::vector<double> deterrence(regions, 0.0);
      double deterrence_sum = 0;
      for (std::size_t q = 0; q < regions; ++q) {
        if (q == r) continue;
        deterrence[q] =
            std::exp(-(world.regions.distance_km(r, q) - nearest) / p.migration_distance_scale_km);
        deterrence_sum += deterrence[q];
      }
      std::vector<double> out(regions, 0.0);
      double total = 0;
      for (std::size_t q = 0; q < regions; ++q) {
        if (q == r) continue;
        out[q] = p.migration_rate * dt * state.labour_pool[r] * deterrence[q] / deterrence_sum *
                 std::max(0.0, state.wage[q] / state.wage[r] - 1.0);
        total += out[q];
      }
      const double most = kMaxMigrationShareOfPool * state.labour_pool[r];
      const double scale = total > most ? most / total : 1.0;
      for (std::size_t q = 0; q < regions; ++q) {
        const double movers = out[q] * scale;
        if (movers <= 0) continue;
        next[r] -= movers;
        next[q] += movers;
        state.migrants_in[q] += movers;
        state.migrant_km_in[q] += movers * world.regions.distance_km(r, q);
        for (std::size_t f = 0; f < fields; ++f) {
          carried[r * fields + f] -= movers * profile[r * fields + f];
          carried[q * fields + f] += movers * profile[r * fields + f];
        }
      }
    }
  }

  // Attrition takes average workers (the profile stays); graduates bring
  // graduate_knowledge_share of their university's knowledge; workers trained
  // by the human-capital lever bring the pool's profile.
  for (std::size_t r = 0; r < regions; ++r) {
    const double* u = universities.data() + r * width;
    const double keep = std::max(0.0, 1.0 - p.labour_attrition * dt);
    const double graduates = p.graduates_per_university * u[fields] * dt;
    const double trained = conditions_of(state, r).trained_workers_per_year * dt;
    const double stayers = std::max(0.0, next[r] * keep);
    const double pool = std::max(0.0, next[r] * keep + graduates + trained);
    for (std::size_t f = 0; f < fields; ++f) {
      const std::size_t i = r * fields + f;
      const double mean = next[r] > 0 ? carried[i] / next[r] : profile[i];  // after migration
      // Each university graduates graduates_per_university · Δt people, who
      // carry a share of that university's knowledge.
      const double from_graduates =
          p.graduates_per_university * dt * p.graduate_knowledge_share * u[f];
      state.pool_knowledge[i] =
          pool > 0 ? (stayers * mean + from_graduates + trained * mean) / pool : mean;
    }
    next[r] = pool;
  }
  state.labour_pool = std::move(next);
}

}  // namespace clustersim::mechanisms
