#pragma once
// The model's phase functions, one file each. The order in which they run is
// decided in cluster_model.cpp, in one place.
#include <cstdint>
#include <vector>

#include "models/parameters.hpp"
#include "models/region_conditions.hpp"
#include "sim/engine.hpp"

namespace clustersim::models {

/// Scratch state the phases keep between ticks (reused buffers, counters that
/// the indicator phase reports).
struct ModelState {
  std::vector<float> next_knowledge;
  /// Agents of each region: region_members[region_start[r] .. region_start[r+1]),
  /// in slot order. Rebuilt when a phase needs it.
  std::vector<std::uint32_t> region_start;
  std::vector<std::uint32_t> region_members;
  std::vector<double> births_by_region;  ///< this tick
  std::vector<double> exits_by_region;   ///< this tick
  /// What institutions did to each region this tick (policy instruments,
  /// governance mode); read by the agent mechanisms. One entry per region.
  std::vector<RegionConditions> conditions;
};

/// A firm's main technology field: fixed for life, derived from its id so no
/// state is needed and it does not depend on the order agents were created in.
inline std::size_t primary_field(std::uint32_t id, std::size_t fields) {
  std::uint32_t h = id * 0x9E3779B1u;
  h ^= h >> 16;
  return h % fields;
}

void create_knowledge(sim::TickContext& tick, const ModelParams& params);
void exchange_knowledge(sim::TickContext& tick, const ModelParams& params, ModelState& state);
void produce(sim::TickContext& tick, const ModelParams& params, ModelState& state);
void update_network(sim::TickContext& tick, const ModelParams& params, ModelState& state);
void enter_and_age(sim::TickContext& tick, const ModelParams& params, ModelState& state);
void compute_indicators(sim::World& world, const ModelState& state);

/// Rebuilds state.region_start / region_members from the agents' regions.
void index_regions(const sim::World& world, ModelState& state);

}  // namespace clustersim::models
