#pragma once
// Runs the whole model on a scenario with one observer attached, as the CLI
// would (without output), so a test can measure what the run produced.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "model_namespaces.hpp"
#include "models/cluster_model/cluster_model.hpp"
#include "models/scenario/reader.hpp"
#include "sim/engine.hpp"

namespace clustersim::model_tests {

/// Builds the scenario's world, attaches the model (its institutions
/// included) and `observer`, runs `ticks` ticks on `threads` threads and
/// returns the world as the run left it.
template <typename Observer>
std::unique_ptr<sim::World> run_model(const Scenario& scenario, unsigned threads,
                                      std::uint32_t ticks, Observer& observer) {
  auto world = build_world(scenario);
  sim::Engine engine(*world, sim::EngineOptions{scenario.seed, threads, scenario.tick_length});
  ClusterModel model(scenario.model, scenario.institutions);
  model.attach(engine, *world);
  engine.add_observer(observer);
  engine.run(ticks);
  return world;
}

/// A shipped scenario, read from the source tree that ctest names.
inline Scenario shipped_scenario(const std::string& file) {
  const char* root = std::getenv("CLUSTERSIM_SOURCE_DIR");
  if (root == nullptr) ADD_FAILURE() << "run through ctest, which sets CLUSTERSIM_SOURCE_DIR";
  return read_scenario(std::string(root ? root : ".") + "/scenarios/" + file);
}

}  // namespace clustersim::model_tests
