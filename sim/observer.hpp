#pragma once
// Observers see the world at fixed points of a run, read-only. Output (HDF5,
// the in-memory recorder used by tests, progress reporting) plugs in here, so
// the engine never knows how or whether anything is written.
#include <cstdint>

#include "sim/world.hpp"

namespace clustersim::sim {

enum class RunOutcome { Completed, Interrupted, Failed };

struct Snapshot {
  std::uint32_t tick;  ///< ticks completed so far (0 before the first tick)
  double time;         ///< tick * tick_length, in years
  const World& world;
};

class Observer {
 public:
  virtual ~Observer() = default;
  /// Before the first tick, with the initial state.
  virtual void on_run_start(const Snapshot& /*initial*/) {}
  /// After every tick.
  virtual void on_tick_end(const Snapshot& snapshot) = 0;
  /// Once, after the last tick or after the run was stopped.
  virtual void on_run_end(const Snapshot& /*final_state*/, RunOutcome /*outcome*/) {}
};

}  // namespace clustersim::sim
