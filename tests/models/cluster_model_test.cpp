#include "models/cluster_model/cluster_model.hpp"
#include "model_namespaces.hpp"
#include "models/cluster_model/world_size.hpp"
#include "run_model.hpp"
#include "run_phase.hpp"
#include "two_regions.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

namespace clustersim::model_tests {
namespace {

Scenario scenario(int smes_per_region) {
  return two_region_scenario("test", 12345, {5, smes_per_region, 3, 1, 2},
                             {2, smes_per_region / 2, 1, 1, 0});
}

/// Keeps every tick's indicator values and, at the end, the full agent state.
struct Trace : sim::Observer {
  std::vector<double> values;
  std::vector<double> final_state;
  void on_run_start(const sim::Snapshot& s) override { add(s); }
  void on_tick_end(const sim::Snapshot& s) override { add(s); }
  void on_run_end(const sim::Snapshot& s, sim::RunOutcome) override {
    const sim::AgentStore& a = s.world.agents;
    for (std::size_t i = 0; i < a.size(); ++i) {
      final_state.push_back(a.ids()[i]);
      final_state.push_back(a.capital()[i]);
      final_state.push_back(a.employees()[i]);
      final_state.push_back(a.regions()[i]);
      for (float k : a.knowledge(i)) final_state.push_back(k);
      for (auto n : s.world.network.neighbours(static_cast<std::uint32_t>(i)))
        final_state.push_back(n);
      for (auto e : s.world.network.attributes(static_cast<std::uint32_t>(i)))
        final_state.push_back(e.strength);
    }
  }
  void add(const sim::Snapshot& s) {
    const auto v = s.world.indicators.values();
    values.insert(values.end(), v.begin(), v.end());
  }
};

Trace run(const Scenario& s, unsigned threads, std::uint32_t ticks) {
  Trace trace;
  run_model(s, threads, ticks, trace);
  return trace;
}

double series_total(const Trace& t, const sim::IndicatorTable& layout, const std::string& name,
                    std::size_t regions) {
  // values are [tick][series][region]
  const std::size_t per_tick = layout.series_count() * regions;
  const std::size_t series = layout.index_of(name);
  double total = 0;
  for (std::size_t at = 0; at < t.values.size(); at += per_tick) {
    for (std::size_t r = 0; r < regions; ++r) total += t.values[at + series * regions + r];
  }
  return total;
}

// The conformance test of the model: the same scenario and seed give identical
// trajectories and identical final states at 1, 2 and 4 threads. Enough agents
// that every phase splits into many parallel tasks.
TEST(ClusterModel, BitIdenticalForAnyThreadCount) {
  const Scenario s = scenario(6000);
  const Trace one = run(s, 1, 12);
  ASSERT_FALSE(one.values.empty());
  for (unsigned threads : {2u, 4u}) {
    const Trace other = run(s, threads, 12);
    EXPECT_TRUE(one.values == other.values) << threads << " threads";
    EXPECT_TRUE(one.final_state == other.final_state) << threads << " threads";
  }
}

TEST(ClusterModel, DifferentSeedsGiveDifferentRuns) {
  Scenario s = scenario(200);
  const Trace a = run(s, 2, 8);
  s.seed = 54321;
  const Trace b = run(s, 2, 8);
  EXPECT_FALSE(a.values == b.values);
}

TEST(ClusterModel, RegistersItsPhasesInTheDocumentedOrder) {
  const Scenario s = scenario(10);
  auto world = build_world(s);
  sim::Engine engine(*world, sim::EngineOptions{s.seed, 1, s.tick_length});
  ClusterModel model(s.model);
  model.attach(engine, *world);
  EXPECT_EQ(engine.phase_names(), ClusterModel::phase_order());
}

TEST(ClusterModel, InitialWorldMatchesTheScenario) {
  const Scenario s = scenario(100);
  auto world = build_world(s);
  const sim::IndicatorTable series(indicator_series(), 2);
  EXPECT_EQ(world->agents.size(), (5 + 100 + 3 + 1 + 2) + (2 + 50 + 1 + 1 + 0));
  EXPECT_GT(world->network.edge_count(), world->agents.size());  // about 2 per agent
  // Initial ties stay inside regions.
  for (std::size_t v = 0; v < world->agents.size(); ++v) {
    for (auto n : world->network.neighbours(static_cast<std::uint32_t>(v))) {
      EXPECT_EQ(world->agents.regions()[v], world->agents.regions()[n]);
    }
  }
  EXPECT_THROW(build_world(Scenario{}), std::invalid_argument);
}

TEST(ClusterModel, TheWorldSizeEstimateCoversTheBuiltWorld) {
  Scenario s = two_region_scenario("size", 3, {20, 6000, 10, 1, 0}, {10, 3000, 5, 1, 0});
  const WorldSize size = estimate_world_size(s);
  auto world = build_world(s);
  EXPECT_EQ(size.agents, static_cast<double>(world->agents.size()));
  // What the agent store and the network hold once built: the estimate, which
  // adds the mechanisms' buffers, is above it and of the same order.
  const auto built =
      static_cast<double>(world->agents.memory_bytes() + world->network.memory_bytes());
  EXPECT_GT(size.bytes, built);
  EXPECT_LT(size.bytes, 3.0 * built);
}

TEST(ClusterModel, FirmsEnterAndKnowledgeAccumulates) {
  const Scenario s = scenario(300);
  const Trace t = run(s, 2, 40);
  const sim::IndicatorTable layout(indicator_series(), 2);
  EXPECT_GT(series_total(t, layout, "births", 2), 10.0);
  const std::size_t per_tick = layout.series_count() * 2;
  const std::size_t k = layout.index_of("mean_knowledge");
  const double first = t.values[k * 2];
  const double last = t.values[t.values.size() - per_tick + k * 2];
  EXPECT_GT(last, first);
}

TEST(ClusterModel, FirmsExitWhenWagesEatTheirCapital) {
  Scenario s = scenario(200);
  s.model.wage = 50.0;  // far above what a worker produces
  // Every firm has productivity 1: with dispersion, the initial firms would be
  // drawn among those that break even at this wage (docs/MODEL.md section 5).
  s.model.productivity_dispersion = 0.0;
  const Trace t = run(s, 2, 8);
  const sim::IndicatorTable layout(indicator_series(), 2);
  EXPECT_GT(series_total(t, layout, "exits", 2), 100.0);
}

// The two channels of the network-density hypothesis are parameters an
// experiment can switch: without homogenisation firms innovate more, without
// coordination costs they keep more capital.
TEST(ClusterModel, DensityChannelsCanBeSwitchedOff) {
  Scenario s = scenario(300);
  const sim::IndicatorTable layout(indicator_series(), 2);
  const auto totals = [&](double homogenisation, double coordination) {
    s.model.homogenisation_strength = homogenisation;
    s.model.coordination_cost_strength = coordination;
    const Trace t = run(s, 2, 20);
    return std::pair{series_total(t, layout, "innovations", 2),
                     series_total(t, layout, "capital", 2)};
  };
  const auto [innovations_on, capital_on] = totals(1.0, 10.0);
  const auto [innovations_off, capital_off] = totals(0.0, 0.0);
  EXPECT_GT(innovations_off, innovations_on);
  EXPECT_GT(capital_off, capital_on);
}

TEST(ClusterModel, TiesDissolveWithoutNewSearches) {
  Scenario s = scenario(200);
  s.model.link_formation_rate = 0.0;
  s.model.spinoff_research_yield = 0.0;
  s.model.link_decay = 4.0;          // strength falls below 0.1 within a few ticks
  s.model.link_reinforcement = 0.0;  // use does not renew ties either
  auto world = build_world(s);
  sim::Engine engine(*world, sim::EngineOptions{s.seed, 2, s.tick_length});
  ClusterModel model(s.model);
  model.attach(engine, *world);
  ASSERT_GT(world->network.edge_count(), 0u);
  engine.run(12);
  EXPECT_EQ(world->network.edge_count(), 0u);
}

// Direct test of the factor hypothesis: in a region with only hard factors a
// product firm out-produces an otherwise identical content firm; with only soft
// factors, the content firm does.
TEST(ClusterModel, ProductFirmsLeanOnHardFactorsContentFirmsOnSoft) {
  for (const bool hard : {true, false}) {
    sim::World world(8, sim::RegionTable({{"R", 0, 0, 1e6, hard ? 1.0 : 0.0, hard ? 0.0 : 1.0}}));
    for (const sim::FirmType type : {sim::FirmType::Product, sim::FirmType::Content}) {
      sim::NewAgent firm;
      firm.kind = sim::AgentKind::Sme;
      firm.firm_type = type;
      firm.employees = 20;
      firm.capital = 100;
      world.agents.add(firm);
    }
    world.network.add_vertices(2);
    world.network.commit();
    ModelParams p = ModelParams::defaults();
    p.productivity_shock_sd = 0.0;
    run_phase(world, p, produce);
    const double product = world.agents.value_added()[0];
    const double content = world.agents.value_added()[1];
    if (hard) {
      EXPECT_GT(product, content);
    } else {
      EXPECT_LT(product, content);
    }
  }
}

TEST(ClusterModel, ExchangeOnlyMovesTowardWhatThePartnerKnowsBetter) {
  sim::World world(2, sim::RegionTable({{"R", 0, 0}}));
  sim::NewAgent a;
  a.knowledge = {1.0f, 4.0f};
  world.agents.add(a);
  a.knowledge = {3.0f, 2.0f};
  world.agents.add(a);
  world.network.add_vertices(2);
  world.network.add_edge(0, 1, {});
  world.network.commit();
  ModelParams p = ModelParams::defaults();
  p.absorption_rate = 2.0;
  run_phase(world, p, exchange_knowledge);
  // Both know 2.5 per field on average and have no R&D staff; their profiles
  // are 1 - 11/sqrt(17*13) apart.
  const double capacity = 1.0 - std::exp(-2.5 / p.absorptive_knowledge_scale);
  const double d = 1.0 - 11.0 / std::sqrt(17.0 * 13.0);
  const double x = d / p.cognitive_distance_limit;
  const auto rate = static_cast<float>(2.0 * 0.25 * capacity * 4.0 * x * (1.0 - x));
  EXPECT_FLOAT_EQ(world.agents.knowledge(0)[0], 1.0f + rate * 2.0f);  // learned part of the gap
  EXPECT_FLOAT_EQ(world.agents.knowledge(0)[1], 4.0f);                // knew more already
  EXPECT_FLOAT_EQ(world.agents.knowledge(1)[0], 3.0f);
  EXPECT_FLOAT_EQ(world.agents.knowledge(1)[1], 2.0f + rate * 2.0f);
}

}  // namespace
}  // namespace clustersim::model_tests
