#include "sim/engine.hpp"

#include <tbb/info.h>

#include <stdexcept>

namespace clustersim::sim {

Engine::Engine(World& world, EngineOptions options)
    : world_(world),
      options_(options),
      threads_(options.threads == 0 ? static_cast<unsigned>(tbb::info::default_concurrency())
                                    : options.threads),
      arena_(std::make_unique<tbb::task_arena>(static_cast<int>(threads_))) {}

void Engine::add_phase(std::string name, PhaseFn phase) {
  if (started_) throw std::logic_error("phases cannot be added once the run has started");
  phases_.push_back({std::move(name), std::move(phase)});
}

void Engine::add_observer(Observer& observer) {
  observers_.push_back(&observer);
}

std::vector<std::string> Engine::phase_names() const {
  std::vector<std::string> names;
  for (const Phase& p : phases_) names.push_back(p.name);
  return names;
}

Snapshot Engine::snapshot() const {
  return Snapshot{tick_, tick_ * options_.tick_length, world_};
}

void Engine::run_tick() {
  TickContext context{tick_, options_.seed, options_.tick_length, world_, changes_};
  for (Phase& phase : phases_) {
    arena_->execute([&] { phase.fn(context); });
    if (!changes_.empty()) changes_.apply(world_, tick_);
  }
  ++tick_;
}

RunOutcome Engine::run(std::uint32_t ticks, const std::function<bool()>& stop_requested) {
  if (!started_) {
    started_ = true;
    world_.network.commit();  // the initial network may still hold pending edges
    for (Observer* o : observers_) o->on_run_start(snapshot());
  }
  RunOutcome outcome = RunOutcome::Completed;
  try {
    for (std::uint32_t i = 0; i < ticks; ++i) {
      if (stop_requested && stop_requested()) {
        outcome = RunOutcome::Interrupted;
        break;
      }
      run_tick();
      for (Observer* o : observers_) o->on_tick_end(snapshot());
    }
  } catch (...) {
    for (Observer* o : observers_) {
      try {
        o->on_run_end(snapshot(), RunOutcome::Failed);
      } catch (...) {
        // The first failure is the one worth reporting.
      }
    }
    throw;
  }
  for (Observer* o : observers_) o->on_run_end(snapshot(), outcome);
  return outcome;
}

}  // namespace clustersim::sim
