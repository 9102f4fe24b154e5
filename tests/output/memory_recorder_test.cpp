#include "output/memory_recorder.hpp"

#include <gtest/gtest.h>

#include "sim/world.hpp"

namespace clustersim::output {
namespace {

TEST(MemoryRecorder, KeepsEveryTicksTable) {
  sim::World world(
      4, sim::RegionTable({{"north", 50, 70, 1e6, 0.5, 0.5}, {"south", 43, 77, 2e6, 0.7, 0.3}}));
  world.indicators = sim::IndicatorTable({{"a", "1", "x"}, {"b", "agents", "y"}}, 2);
  MemoryRecorder recorder;
  world.indicators.fill(1.0);
  recorder.on_run_start(sim::Snapshot{0, 0.0, world});
  for (std::uint32_t t = 1; t <= 3; ++t) {
    world.indicators.at(0, 1) = 10.0 * t;
    world.indicators.at(1, 0) = -1.0 * t;
    recorder.on_tick_end(sim::Snapshot{t, 0.25 * t, world});
  }
  EXPECT_FALSE(recorder.outcome().has_value());
  recorder.on_run_end(sim::Snapshot{3, 0.75, world}, sim::RunOutcome::Completed);

  EXPECT_EQ(recorder.outcome(), sim::RunOutcome::Completed);
  EXPECT_EQ(recorder.series_names(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(recorder.series()[1].unit, "agents");
  EXPECT_EQ(recorder.region_count(), 2u);
  ASSERT_EQ(recorder.frames().size(), 4u);
  EXPECT_EQ(recorder.frames()[2].tick, 2u);
  EXPECT_DOUBLE_EQ(recorder.frames()[2].time, 0.5);
  EXPECT_EQ(recorder.value(0, "a", 1), 1.0);
  EXPECT_EQ(recorder.value(3, "b", 0), -3.0);
  EXPECT_EQ(recorder.trajectory("a", 1), (std::vector<double>{1.0, 10.0, 20.0, 30.0}));
  EXPECT_THROW(recorder.trajectory("nope", 0), std::out_of_range);
}

TEST(MemoryRecorder, RefusesATableThatChangesShape) {
  sim::World world(4, sim::RegionTable({{"north", 50, 70, 1e6, 0.5, 0.5}}));
  world.indicators = sim::IndicatorTable({{"a", "1", "x"}}, 1);
  MemoryRecorder recorder;
  recorder.on_run_start(sim::Snapshot{0, 0.0, world});
  world.indicators = sim::IndicatorTable({{"a", "1", "x"}, {"b", "1", "y"}}, 1);
  EXPECT_THROW(recorder.on_tick_end(sim::Snapshot{1, 0.25, world}), std::logic_error);
}

TEST(MemoryRecorder, FindsValuesByName) {
  sim::World world(4, sim::RegionTable({{"north", 50, 70, 1e6, 0.5, 0.5}}));
  world.indicators = sim::IndicatorTable({{"a", "1", "x"}, {"b", "1", "y"}}, 1);
  MemoryRecorder recorder;
  recorder.on_run_start(sim::Snapshot{0, 0.0, world});
  world.indicators = sim::IndicatorTable({{"b", "1", "y"}, {"a", "1", "x"}}, 1);
  world.indicators.at(world.indicators.index_of("a"), 0) = 5.0;
  recorder.on_tick_end(sim::Snapshot{1, 0.25, world});
  EXPECT_EQ(recorder.value(1, "a", 0), 5.0);
  EXPECT_EQ(recorder.value(1, "b", 0), 0.0);
  world.indicators = sim::IndicatorTable({{"a", "1", "x"}, {"c", "1", "z"}}, 1);
  EXPECT_THROW(recorder.on_tick_end(sim::Snapshot{2, 0.5, world}), std::out_of_range);
}

}  // namespace
}  // namespace clustersim::output
