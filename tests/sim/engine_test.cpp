#include "sim/engine.hpp"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace clustersim::sim {
namespace {

World make_world() {
  World world(1, RegionTable({{"A", 0, 0}}));
  world.agents.add(NewAgent{});
  world.network.add_vertices(1);
  return world;
}

// Events are built with append(), not `"literal" + std::string`: GCC 12 gives a
// false -Wrestrict warning for the latter, and CI treats warnings as errors.
std::string event(const char* what, std::uint32_t tick) {
  return std::string(what).append("@").append(std::to_string(tick));
}

struct Log : Observer {
  std::vector<std::string> events;
  void on_run_start(const Snapshot& s) override { events.push_back(event("start", s.tick)); }
  void on_tick_end(const Snapshot& s) override { events.push_back(event("tick", s.tick)); }
  void on_run_end(const Snapshot& s, RunOutcome o) override {
    events.push_back(event(o == RunOutcome::Completed     ? "completed"
                           : o == RunOutcome::Interrupted ? "interrupted"
                                                          : "failed",
                           s.tick));
  }
};

TEST(Engine, RunsPhasesInOrderEveryTick) {
  World world = make_world();
  Engine engine(world, {});
  std::vector<std::string> order;
  engine.add_phase("a", [&](TickContext& t) {
    order.push_back(std::string("a").append(std::to_string(t.tick)));
  });
  engine.add_phase("b", [&](TickContext& t) {
    order.push_back(std::string("b").append(std::to_string(t.tick)));
  });
  EXPECT_EQ(engine.phase_names(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(engine.run(2), RunOutcome::Completed);
  EXPECT_EQ(order, (std::vector<std::string>{"a0", "b0", "a1", "b1"}));
  EXPECT_EQ(engine.ticks_done(), 2u);
  EXPECT_THROW(engine.add_phase("late", [](TickContext&) {}), std::logic_error);
}

TEST(Engine, ObserversSeeStartEveryTickAndEnd) {
  World world = make_world();
  Engine engine(world, {});
  engine.add_phase("noop", [](TickContext&) {});
  Log log;
  engine.add_observer(log);
  engine.run(3);
  EXPECT_EQ(log.events,
            (std::vector<std::string>{"start@0", "tick@1", "tick@2", "tick@3", "completed@3"}));
}

TEST(Engine, StopRequestEndsTheRunBetweenTicks) {
  World world = make_world();
  Engine engine(world, {});
  int ticks = 0;
  engine.add_phase("count", [&](TickContext&) { ++ticks; });
  Log log;
  engine.add_observer(log);
  EXPECT_EQ(engine.run(100, [&] { return ticks == 2; }), RunOutcome::Interrupted);
  EXPECT_EQ(ticks, 2);
  EXPECT_EQ(log.events.back(), "interrupted@2");
}

TEST(Engine, FailureInAPhaseIsReportedAndRethrown) {
  World world = make_world();
  Engine engine(world, {});
  engine.add_phase("boom", [](TickContext& t) {
    if (t.tick == 1) throw std::runtime_error("boom");
  });
  Log log;
  engine.add_observer(log);
  EXPECT_THROW(engine.run(5), std::runtime_error);
  EXPECT_EQ(log.events.back(), "failed@1");
}

TEST(Engine, ChangesProposedInOnePhaseAreVisibleInTheNext) {
  World world = make_world();
  Engine engine(world, {});
  std::size_t seen = 0;
  engine.add_phase("birth", [](TickContext& t) {
    BirthProposal b;
    b.order_key = t.tick;
    t.changes.propose_birth(b);
  });
  engine.add_phase("count", [&](TickContext& t) { seen = t.world.agents.size(); });
  engine.run(1);
  EXPECT_EQ(seen, 2u);
  EXPECT_EQ(world.network.vertex_count(), 2u);
}

TEST(Engine, PhasesRunInAnArenaOfTheRequestedSize) {
  for (unsigned threads : {1u, 2u}) {
    World world = make_world();
    Engine engine(world, EngineOptions{1, threads, 0.25});
    int concurrency = 0;
    engine.add_phase("probe",
                     [&](TickContext&) { concurrency = tbb::this_task_arena::max_concurrency(); });
    engine.run(1);
    EXPECT_EQ(concurrency, static_cast<int>(threads));
    EXPECT_EQ(engine.threads(), threads);
  }
}

TEST(Engine, StreamsAreKeyedByTickAndSeed) {
  World world = make_world();
  Engine engine(world, EngineOptions{99, 1, 0.25});
  std::vector<std::uint32_t> draws;
  engine.add_phase("draw",
                   [&](TickContext& t) { draws.push_back(t.stream(0, Purpose::Test).next_u32()); });
  engine.run(2);
  ASSERT_EQ(draws.size(), 2u);
  EXPECT_EQ(draws[0], RandomStream(99, 0, 0, Purpose::Test).next_u32());
  EXPECT_EQ(draws[1], RandomStream(99, 1, 0, Purpose::Test).next_u32());
}

}  // namespace
}  // namespace clustersim::sim
