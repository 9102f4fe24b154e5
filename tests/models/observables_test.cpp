// The model's observables as declared: unique names, a value for every one
// of them in every tick, and no value under a name the table does not declare.
// These check the bookkeeping, not any formula.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>

#include "model_namespaces.hpp"
#include "models/cluster_model/cluster_model.hpp"
#include "two_regions.hpp"

namespace clustersim::model_tests {
namespace {

Scenario two_regions() {
  return two_region_scenario("observables", 7, {3, 40, 2, 1, 1}, {1, 20, 1, 1, 0});
}

/// The two-region world with the model attached to a one-thread engine.
struct TwoRegionRun {
  Scenario scenario = two_regions();
  std::unique_ptr<sim::World> world = build_world(scenario);
  sim::Engine engine{*world, sim::EngineOptions{scenario.seed, 1, scenario.tick_length}};
  ClusterModel model{scenario.model};
  TwoRegionRun() { model.attach(engine, *world); }
};

TEST(Observables, NoTwoShareAName) {
  std::set<std::string> names;
  for (const sim::SeriesInfo& s : indicator_series()) {
    EXPECT_TRUE(names.insert(s.name).second) << "'" << s.name << "' is declared twice";
  }
}

TEST(Observables, EveryDeclaredOneGetsAValueEveryTick) {
  TwoRegionRun run;
  sim::Engine& engine = run.engine;
  auto& world = run.world;
  ASSERT_EQ(world->indicators.series_count(), indicator_series().size());
  for (int tick = 0; tick < 3; ++tick) {
    // NaN marks every value as unwritten; the indicators phase must replace all.
    world->indicators.fill(std::nan(""));
    engine.run(1);
    const sim::IndicatorTable& t = world->indicators;
    for (std::size_t i = 0; i < t.series_count(); ++i) {
      for (const double v : t.row(i)) {
        EXPECT_FALSE(std::isnan(v))
            << "'" << t.series()[i].name << "' got no value in tick " << tick + 1;
      }
    }
  }
}

// The table the indicators phase writes into must declare exactly the model's
// observables: one it lacks is a value written to an undeclared name, one too
// many is a declared series that gets no value.
TEST(Observables, AValueUnderAnUndeclaredNameIsRefused) {
  TwoRegionRun run;
  sim::Engine& engine = run.engine;
  auto& world = run.world;
  std::vector<sim::SeriesInfo> without_wage;
  for (const sim::SeriesInfo& info : indicator_series()) {
    if (info.name != "wage") without_wage.push_back(info);
  }
  world->indicators = sim::IndicatorTable(without_wage, world->regions.size());
  EXPECT_THROW(engine.run(1), std::out_of_range);
}

TEST(Observables, ADeclaredSeriesWithoutAValueIsRefused) {
  TwoRegionRun run;
  sim::Engine& engine = run.engine;
  auto& world = run.world;
  std::vector<sim::SeriesInfo> one_more = indicator_series();
  one_more.push_back({"nobody_computes_this", "1", "declared, never written"});
  world->indicators = sim::IndicatorTable(one_more, world->regions.size());
  EXPECT_THROW(engine.run(1), std::logic_error);
}

}  // namespace
}  // namespace clustersim::model_tests
