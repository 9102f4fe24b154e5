// Governance modes: each activates exactly its agent kinds and channels, the
// agent mechanisms honour them in a run, civil society and the environment
// follow their rules, and a run with policy and a helix mode is bit-identical
// at any thread count.
#include "models/institutions/governance.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdlib>

#include "model_namespaces.hpp"
#include "models/cluster_model/cluster_model.hpp"
#include "two_regions.hpp"

namespace clustersim::model_tests {
namespace {

using sim::AgentKind;

TEST(Governance, EachModeActivatesExactlyItsKindsAndChannels) {
  struct Expected {
    GovernanceMode mode;
    std::array<bool, sim::kAgentKindCount> kinds;  // large firm, SME, university, government, CSO
    bool spinoffs, civil_society, environment;
    std::uint8_t bits;
  };
  const Expected table[] = {
      {GovernanceMode::Cluster, {true, true, false, false, false}, false, false, false, 0x03},
      {GovernanceMode::TripleHelix, {true, true, true, true, false}, true, false, false, 0x0F},
      {GovernanceMode::QuadrupleHelix, {true, true, true, true, true}, true, true, false, 0x1F},
      {GovernanceMode::QuintupleHelix, {true, true, true, true, true}, true, true, true, 0x1F},
  };
  for (const Expected& e : table) {
    const GovernanceRules rules = governance_rules(e.mode);
    EXPECT_EQ(rules.tie_kinds, e.kinds) << to_string(e.mode);
    EXPECT_EQ(rules.spinoffs, e.spinoffs) << to_string(e.mode);
    EXPECT_EQ(rules.civil_society, e.civil_society) << to_string(e.mode);
    EXPECT_EQ(rules.environment, e.environment) << to_string(e.mode);
    RegionConditions c;
    apply_channels(rules, c);
    EXPECT_EQ(c.tie_kinds, e.bits) << to_string(e.mode);
    EXPECT_EQ(c.spinoffs, e.spinoffs) << to_string(e.mode);
    for (std::size_t k = 0; k < sim::kAgentKindCount; ++k) {
      EXPECT_EQ(c.takes_part(static_cast<std::uint8_t>(k)), e.kinds[k]);
    }
  }
  EXPECT_EQ(
      governance_mode_names(),
      (std::vector<std::string>{"cluster", "triple_helix", "quadruple_helix", "quintuple_helix"}));
}

TEST(Governance, CivilInterestMovesAndPoliticalPressureCutsParticipation) {
  ModelParams p = ModelParams::defaults();  // mean 0.5, reversion 1, sd 0.3, cut 0.8
  GovernanceState g;
  g.reset(1, p);
  const double dt = 0.25;
  const double reach = 3.0 / (3.0 + p.civil_half_organisations);
  // Interest rises one standard deviation: above its mean no pressure starts,
  // whatever the draw.
  update_civil_society(g, 0, p, dt, 1.0, 0.0, 3);
  EXPECT_DOUBLE_EQ(g.civil_interest[0], 0.5 + 0.3 * 0.5);
  EXPECT_EQ(g.pressure_years_left[0], 0.0);
  EXPECT_DOUBLE_EQ(g.civil_participation[0], 0.65 * reach);
  // Interest falls below its mean: an episode starts with a low enough draw
  // and cuts participation.
  update_civil_society(g, 0, p, dt, -3.0, 0.0, 3);
  const double low = 0.65 + (0.5 - 0.65) * 0.25 - 0.3 * 0.5 * 3.0;
  EXPECT_DOUBLE_EQ(g.civil_interest[0], low);
  EXPECT_DOUBLE_EQ(g.pressure_years_left[0], p.political_pressure_years);
  EXPECT_DOUBLE_EQ(g.civil_participation[0], low * (1.0 - 0.8) * reach);
  // Pressure ends after its year; participation is interest times reach again.
  for (int i = 0; i < 4; ++i) update_civil_society(g, 0, p, dt, 0.0, 0.99, 3);
  EXPECT_EQ(g.pressure_years_left[0], 0.0);
  EXPECT_DOUBLE_EQ(g.civil_participation[0], g.civil_interest[0] * reach);
  // Interest stays in [0, 1]; without organisations nobody participates.
  update_civil_society(g, 0, p, dt, 100.0, 0.99, 0);
  EXPECT_EQ(g.civil_interest[0], 1.0);
  EXPECT_EQ(g.civil_participation[0], 0.0);
}

TEST(Governance, EmissionsBeyondCapacityLimitGrowth) {
  const ModelParams p = ModelParams::defaults();
  GovernanceState g;
  g.reset(1, p);
  const double dt = 0.25;
  const double va = 1e5;  // million tenge / year
  update_environment(g, 0, p, dt, va, 1e6, 1.0);
  const double adoption = p.green_adoption_rate * dt;
  EXPECT_DOUBLE_EQ(g.green_adoption[0], adoption);
  const double intensity = p.energy_intensity * (1.0 - p.green_energy_saving * adoption);
  EXPECT_DOUBLE_EQ(g.energy_intensity[0], intensity);
  const double emissions = intensity * va * p.grid_emission_factor / 1000.0;
  EXPECT_DOUBLE_EQ(g.emissions[0], emissions);
  const double capacity = p.environmental_capacity;  // one million inhabitants
  ASSERT_GT(emissions, capacity);
  EXPECT_DOUBLE_EQ(g.environmental_limit[0],
                   1.0 / (1.0 + p.environmental_limit_strength * (emissions / capacity - 1.0)));
  // Below capacity there is no limit; green research speeds adoption.
  GovernanceState clean;
  clean.reset(1, p);
  update_environment(clean, 0, p, dt, 10.0, 1e6, 3.0);
  EXPECT_EQ(clean.environmental_limit[0], 1.0);
  EXPECT_DOUBLE_EQ(clean.green_adoption[0], 3.0 * adoption);
}

Scenario helix_scenario(GovernanceMode mode, int smes) {
  Scenario s = two_region_scenario("helix", 99, {5, smes, 4, 1, 3}, {2, smes / 2, 2, 1, 2});
  s.institutions.governance = mode;
  return s;
}

struct RunResult {
  std::array<std::size_t, sim::kAgentKindCount> ties_of_kind{};  // ties touching each kind
  double births = 0, civil_participation = 0, emissions = 0;
  std::vector<double> values;       // every tick's indicators
  std::vector<double> final_state;  // capital and knowledge of every agent
};

RunResult run(const Scenario& s, unsigned threads, std::uint32_t ticks) {
  auto world = build_world(s);
  sim::Engine engine(*world, sim::EngineOptions{s.seed, threads, s.tick_length});
  ClusterModel model(s.model, s.institutions);
  model.attach(engine, *world);
  struct Trace : sim::Observer {
    RunResult* out;
    void on_tick_end(const sim::Snapshot& snap) override {
      const sim::IndicatorTable& t = snap.world.indicators;
      out->values.insert(out->values.end(), t.values().begin(), t.values().end());
      for (const double v : t.row(t.index_of("births"))) out->births += v;
      for (const double v : t.row(t.index_of("civil_participation"))) {
        out->civil_participation += v;
      }
      for (const double v : t.row(t.index_of("emissions"))) out->emissions += v;
    }
  } trace;
  RunResult result;
  trace.out = &result;
  engine.add_observer(trace);
  engine.run(ticks);
  const sim::AgentStore& agents = world->agents;
  for (std::size_t v = 0; v < agents.size(); ++v) {
    result.final_state.push_back(agents.capital()[v]);
    for (const float k : agents.knowledge(v)) result.final_state.push_back(k);
    for (const auto n : world->network.neighbours(static_cast<std::uint32_t>(v))) {
      ++result.ties_of_kind[static_cast<std::size_t>(agents.kinds()[v])];
      result.final_state.push_back(n);
    }
  }
  return result;
}

TEST(Governance, TheAgentMechanismsHonourTheChannels) {
  for (const GovernanceMode mode :
       {GovernanceMode::Cluster, GovernanceMode::TripleHelix, GovernanceMode::QuadrupleHelix,
        GovernanceMode::QuintupleHelix}) {
    Scenario s = helix_scenario(mode, 60);
    s.model.startup_rate = 0.0;  // every birth is a spin-off
    s.model.spinoff_research_yield = 1.0;
    s.model.link_formation_rate = 8.0;
    const RunResult r = run(s, 2, 8);
    const GovernanceRules rules = governance_rules(mode);
    for (std::size_t k = 0; k < sim::kAgentKindCount; ++k) {
      if (rules.tie_kinds[k]) {
        EXPECT_GT(r.ties_of_kind[k], 0u) << to_string(mode) << " kind " << k;
      } else {
        EXPECT_EQ(r.ties_of_kind[k], 0u) << to_string(mode) << " kind " << k;
      }
    }
    EXPECT_EQ(r.births > 0, rules.spinoffs) << to_string(mode);
    EXPECT_EQ(r.civil_participation > 0, rules.civil_society) << to_string(mode);
    EXPECT_EQ(r.emissions > 0, rules.environment) << to_string(mode);
  }
}

// The transitions record and the per-region stage series tell the same story.
TEST(Governance, StageTransitionsRecordMatchesTheStageSeries) {
  Scenario s = helix_scenario(GovernanceMode::TripleHelix, 200);
  s.model.stage_advance_ticks = 1;
  s.model.stage_fallback_ticks = 1;
  auto world = build_world(s);
  sim::Engine engine(*world, sim::EngineOptions{s.seed, 2, s.tick_length});
  ClusterModel model(s.model, s.institutions);
  model.attach(engine, *world);
  const std::size_t regions = s.regions.size();
  std::vector<int> stage(regions);
  const std::size_t row = world->indicators.index_of("stage");
  for (std::size_t r = 0; r < regions; ++r) {
    stage[r] = static_cast<int>(world->indicators.at(row, r));
  }
  std::vector<int> replayed = stage;
  struct Stages : sim::Observer {
    std::vector<std::vector<int>> by_tick;
    void on_tick_end(const sim::Snapshot& snap) override {
      const sim::IndicatorTable& t = snap.world.indicators;
      std::vector<int> now;
      for (const double v : t.row(t.index_of("stage"))) now.push_back(static_cast<int>(v));
      by_tick.push_back(now);
    }
  } observed;
  engine.add_observer(observed);
  engine.run(16);
  const auto& log = model.institutions().stages.transitions();
  ASSERT_FALSE(log.empty()) << "thresholds this loose should move some stage";
  std::size_t next = 0;
  for (std::uint32_t tick = 1; tick <= 16; ++tick) {
    for (; next < log.size() && log[next].tick == tick; ++next) {
      EXPECT_EQ(replayed[log[next].region], log[next].from);
      EXPECT_EQ(std::abs(log[next].to - log[next].from), 1);
      replayed[log[next].region] = log[next].to;
    }
    EXPECT_EQ(replayed, observed.by_tick[tick - 1]) << "tick " << tick;
  }
  EXPECT_EQ(next, log.size());
}

// The conformance test with the institutional layer switched on: a helix mode
// with civil society and the environment, and a co-financed, stage-aware policy.
TEST(Governance, BitIdenticalWithPolicyAndHelixForAnyThreadCount) {
  Scenario s = helix_scenario(GovernanceMode::QuintupleHelix, 5000);
  PolicySpec& policy = s.institutions.policy;
  policy.national_budget = 5000;
  policy.regional_budget = 500;
  policy.targeting = Targeting::StageAware;
  policy.instruments[static_cast<std::size_t>(Instrument::BusinessReceptivity)].share = 0.3;
  policy.instruments[static_cast<std::size_t>(Instrument::LinkBuilding)].share = 0.3;
  policy.instruments[static_cast<std::size_t>(Instrument::GreenIt)].share = 0.4;
  policy.instruments[static_cast<std::size_t>(Instrument::GreenIt)].stages = stage_bit(1);
  const RunResult one = run(s, 1, 10);
  for (const unsigned threads : {2u, 4u}) {
    const RunResult other = run(s, threads, 10);
    EXPECT_TRUE(one.values == other.values) << threads << " threads";
    EXPECT_TRUE(one.final_state == other.final_state) << threads << " threads";
  }
}

}  // namespace
}  // namespace clustersim::model_tests
