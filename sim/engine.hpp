#pragma once
// The tick loop.
//
// A tick is the list of named phases that the model registered, run in order.
// Each phase may update agents in parallel (slots it owns) and propose
// structural changes; after each phase the engine applies the proposals
// serially in a fixed order (changes.hpp). After the last phase every observer
// sees the world. All parallel work runs in one TBB arena sized by `threads`.
#include <tbb/task_arena.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/changes.hpp"
#include "sim/observer.hpp"
#include "sim/random.hpp"
#include "sim/world.hpp"

namespace clustersim::sim {

/// What a phase sees of the current tick.
struct TickContext {
  std::uint32_t tick;  ///< the tick being computed (0-based)
  std::uint64_t seed;
  double tick_length;  ///< years per tick
  World& world;
  StructuralChanges& changes;

  /// The random stream of one agent (its stream key, agents.stream_keys()) or
  /// region (see random.hpp) for this tick.
  RandomStream stream(std::uint64_t key, Purpose purpose) const {
    return RandomStream(seed, tick, key, purpose);
  }
};

using PhaseFn = std::function<void(TickContext&)>;

struct EngineOptions {
  std::uint64_t seed = 1;
  unsigned threads = 0;       ///< 0: all available cores
  double tick_length = 0.25;  ///< years per tick
};

class Engine {
 public:
  Engine(World& world, EngineOptions options);

  /// Appends a phase; phases run in the order they were added.
  void add_phase(std::string name, PhaseFn phase);
  /// The observer must outlive the engine's run() calls.
  void add_observer(Observer& observer);
  std::vector<std::string> phase_names() const;

  /// Runs `ticks` ticks, or fewer if stop_requested() turns true (checked
  /// between ticks). Observers see run start (first call only), every tick and
  /// run end. Exceptions from phases or observers propagate after observers
  /// were told the run failed.
  RunOutcome run(std::uint32_t ticks, const std::function<bool()>& stop_requested = {});

  std::uint32_t ticks_done() const { return tick_; }
  unsigned threads() const { return threads_; }

 private:
  Snapshot snapshot() const;
  void run_tick();

  struct Phase {
    std::string name;
    PhaseFn fn;
  };
  World& world_;
  EngineOptions options_;
  unsigned threads_;
  std::unique_ptr<tbb::task_arena> arena_;
  std::vector<Phase> phases_;
  std::vector<Observer*> observers_;
  StructuralChanges changes_;
  std::uint32_t tick_ = 0;
  bool started_ = false;
};

}  // namespace clustersim::sim
