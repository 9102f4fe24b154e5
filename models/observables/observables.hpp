#pragma once
// What the model reports every tick: per-region series, and the national
// aggregate of each (docs/MODEL.md section 7.6).
#include <vector>

#include "models/institutions/policy.hpp"
#include "models/mechanisms/phases.hpp"
#include "sim/indicators.hpp"
#include "sim/world.hpp"

namespace clustersim::observables {

/// The per-region series the model reports every tick, in the order
/// compute_indicators writes them.
std::vector<sim::SeriesInfo> indicator_series();

/// The "indicators" phase: writes every series of indicator_series() for the
/// current tick into world.indicators.
void compute_indicators(sim::World& world, const institutions::InstitutionState& institutions,
                        mechanisms::ModelState& state);

}  // namespace clustersim::observables
