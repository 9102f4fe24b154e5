#pragma once
// Runs one model phase once on a hand-built world, as the engine would run it
// in tick 0 (a quarter of a year), so a test can look at what that phase did.
#include "model_namespaces.hpp"
#include "models/mechanisms/phases.hpp"
#include "sim/changes.hpp"
#include "sim/engine.hpp"

namespace clustersim::model_tests {

/// Calls phase(tick, p, state) with fresh state and returns that state. The
/// structural changes the phase proposes are not applied.
template <typename Phase>
ModelState run_phase(sim::World& world, const ModelParams& p, Phase&& phase) {
  sim::StructuralChanges changes;
  sim::TickContext tick{0, 1, 0.25, world, changes};
  ModelState state;
  phase(tick, p, state);
  return state;
}

}  // namespace clustersim::model_tests
