#pragma once
// The agent model: builds the initial world from a scenario and registers its
// phases with the engine, in the order the model document gives.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "models/cluster_model/scenario.hpp"
#include "models/mechanisms/phases.hpp"
#include "models/observables/observables.hpp"
#include "models/parameters/parameters.hpp"
#include "sim/engine.hpp"
#include "sim/world.hpp"

namespace clustersim::cluster_model {

/// Creates the initial agents, their knowledge and the initial network, all
/// drawn from streams keyed by the scenario's seed (tick 0, Initialisation).
/// Throws std::invalid_argument if the scenario has no regions.
std::unique_ptr<sim::World> build_world(const Scenario& scenario);

/// The schedule of docs/MODEL.md section 3: every phase in order with what it
/// does, as a Markdown list.
std::string phase_schedule_markdown();

class ClusterModel {
 public:
  /// `institutions`: governance mode and policy (default: a cluster without policy).
  explicit ClusterModel(const parameters::ModelParams& params,
                        institutions::InstitutionSpec institutions = {})
      : params_(params), institutions_(std::move(institutions)) {}

  /// Registers the model's phases on the engine and fills the initial
  /// indicators, so observers see tick 0. The model must outlive the engine.
  void attach(sim::Engine& engine, sim::World& world);

  /// The phase names in order (documentation, tests).
  static std::vector<std::string> phase_order();

  /// The institutional layer's state: every region's stage and the record of
  /// stage transitions (tick, region, from, to), policy spending and waste,
  /// civil society and the environment. Read-only, for output and tests.
  const institutions::InstitutionState& institutions() const { return institutions_state_; }

 private:
  parameters::ModelParams params_;
  institutions::InstitutionSpec institutions_;
  mechanisms::ModelState state_;
  institutions::InstitutionState institutions_state_;
};

}  // namespace clustersim::cluster_model
