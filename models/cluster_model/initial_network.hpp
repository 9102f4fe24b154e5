#pragma once
// The ties inside each region at the start of a run, drawn by the generator
// the scenario names (network.initial.*).
#include "models/cluster_model/scenario.hpp"
#include "sim/world.hpp"

namespace clustersim::cluster_model {

/// Adds every region's initial ties to the world's network and commits them.
/// The agents must already be in the world and the network must have their
/// vertices. Ties start at strength 1, as R&D partnerships.
void add_initial_ties(sim::World& world, const Scenario& scenario);

}  // namespace clustersim::cluster_model
