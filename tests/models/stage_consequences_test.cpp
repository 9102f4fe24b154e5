// What a cluster's stage, relocation and the anchor customer do, seen in
// behaviour: thresholds change outcomes with no policy at all; an ecosystem
// gives startups a mentor; relocating firms weigh distance and wages; state
// procurement from SMEs reaches their supplier ties.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "model_namespaces.hpp"
#include "models/cluster_model/cluster_model.hpp"
#include "models/institutions/policy.hpp"
#include "models/mechanisms/phases.hpp"
#include "run_model.hpp"
#include "sim/changes.hpp"
#include "sim/engine.hpp"

namespace clustersim::model_tests {
namespace {

using institutions::InstitutionSpec;
using institutions::InstitutionState;
using institutions::Instrument;

/// National employees and the highest stage of any region, per tick, of a
/// scenario run with its institutions.
struct Trajectory {
  std::vector<double> employees;
  std::vector<double> top_stage;
};

Trajectory run_with_institutions(const Scenario& s, std::uint32_t ticks) {
  struct Record : sim::Observer {
    Trajectory t;
    void on_tick_end(const sim::Snapshot& snap) override {
      const sim::IndicatorTable& table = snap.world.indicators;
      double staff = 0, top = 0;
      for (const double v : table.row(table.index_of("employees"))) staff += v;
      for (const double v : table.row(table.index_of("stage"))) top = std::max(top, v);
      t.employees.push_back(staff);
      t.top_stage.push_back(top);
    }
  } record;
  run_model(s, 2, ticks, record);
  return record.t;
}

TEST(StageConsequences, ThresholdsChangeOutcomesWithNoPolicyOnceARegionWouldReachTheStage) {
  Scenario s = shipped_scenario("cluster_baseline.yaml");
  ASSERT_EQ(s.institutions.policy.national_budget, 0.0);
  ASSERT_EQ(s.institutions.policy.regional_budget, 0.0);
  const Trajectory reached = run_with_institutions(s, 24);
  s.model.stage3_min_growth = 100;  // breakthrough out of reach
  const Trajectory barred = run_with_institutions(s, 24);
  // The default run reaches breakthrough somewhere; the barred one never does.
  std::size_t first = reached.top_stage.size();
  for (std::size_t t = 0; t < reached.top_stage.size() && first == reached.top_stage.size(); ++t) {
    if (reached.top_stage[t] >= 3) first = t;
  }
  ASSERT_LT(first + 4, reached.top_stage.size()) << "no region reached stage 3 in time";
  for (const double top : barred.top_stage) ASSERT_LT(top, 3);
  // Until then the two runs are the same; after it, what a stage-3 region's
  // firms can do (scale-up finance) changes employment.
  for (std::size_t t = 0; t <= first; ++t) {
    EXPECT_EQ(reached.employees[t], barred.employees[t]) << "tick " << t;
  }
  EXPECT_NE(reached.employees.back(), barred.employees.back());
}

// ---- demography ----

sim::NewAgent firm(sim::AgentKind kind, sim::RegionIndex region) {
  sim::NewAgent a;
  a.kind = kind;
  a.firm_type = sim::FirmType::Content;
  a.region = region;
  a.knowledge = {1.0f, 1.0f};
  a.employees = kind == sim::AgentKind::LargeFirm ? 300.0f : 10.0f;
  a.capital = 100;
  return a;
}

std::unique_ptr<sim::World> world_of(const std::vector<sim::NewAgent>& agents,
                                     std::vector<sim::Region> regions) {
  auto world = std::make_unique<sim::World>(2, sim::RegionTable(std::move(regions)));
  for (const auto& a : agents) world->agents.add(a);
  world->network.add_vertices(agents.size());
  world->network.commit();
  return world;
}

/// Runs demography once with the given region conditions and applies its changes.
ModelState demography_once(sim::World& world, const ModelParams& p,
                           const std::vector<RegionConditions>& conditions,
                           const std::vector<double>& wages = {}) {
  sim::StructuralChanges changes;
  sim::TickContext tick{0, 11, 0.25, world, changes};
  ModelState state;
  state.conditions = conditions;
  state.wage = wages;
  update_demography(tick, p, state);
  changes.apply(world);
  return state;
}

TEST(StageConsequences, AnEcosystemGivesItsStartupsATieToAnEstablishedFirm) {
  ModelParams p = ModelParams::defaults();
  p.exit_hazard = 0;
  p.relocation_rate = 0;
  p.startup_rate = 200;  // about 40 startups a quarter in a region of a million
  const auto new_firms_with_a_tie = [&](double mentoring) {
    std::vector<sim::NewAgent> agents(10, firm(sim::AgentKind::Sme, 0));
    agents.push_back(firm(sim::AgentKind::LargeFirm, 0));
    auto world = world_of(agents, {{"R", 0, 0, 1e6, 0.5, 0.5}});
    RegionConditions c;
    c.mentoring_share = mentoring;
    demography_once(*world, p, {c});
    int born = 0, tied = 0;
    for (std::size_t s = agents.size(); s < world->agents.size(); ++s) {
      ++born;
      tied += world->network.degree(static_cast<sim::Network::Vertex>(s)) > 0 ? 1 : 0;
    }
    EXPECT_GT(born, 10);
    return static_cast<double>(tied) / std::max(1, born);
  };
  EXPECT_EQ(new_firms_with_a_tie(0.0), 0.0);  // no ecosystem yet: startups are alone
  EXPECT_EQ(new_firms_with_a_tie(1.0), 1.0);
  const double half = new_firms_with_a_tie(0.5);
  EXPECT_GT(half, 0.2);
  EXPECT_LT(half, 0.8);
}

TEST(StageConsequences, RelocatingFirmsPreferNearRegionsAndDoNotAllGoToOne) {
  ModelParams p = ModelParams::defaults();
  p.exit_hazard = 0;
  p.startup_rate = 0;
  p.relocation_rate = 4;  // every firm compares regions every quarter
  // Home, an attractive region about 500 km away and an equally attractive
  // one about 1,500 km away.
  std::vector<sim::NewAgent> agents(400, firm(sim::AgentKind::Sme, 0));
  auto world = world_of(
      agents, {{"Home", 0, 0, 0, 0, 0}, {"Near", 4.5, 0, 0, 0, 0}, {"Far", 13.5, 0, 0, 0, 0}});
  std::vector<RegionConditions> c(3);
  c[1].branding = c[2].branding = 3;
  const ModelState state = demography_once(*world, p, c);
  EXPECT_GT(state.relocations_in[1], 1.5 * state.relocations_in[2]);
  EXPECT_GT(state.relocations_in[2], 0.0);
  EXPECT_EQ(state.relocations_in[1] + state.relocations_in[2], 400.0);
  // Moving far costs too much once distance weighs more.
  p.relocation_half_distance_km = 300;
  auto again = world_of(
      agents, {{"Home", 0, 0, 0, 0, 0}, {"Near", 4.5, 0, 0, 0, 0}, {"Far", 13.5, 0, 0, 0, 0}});
  EXPECT_EQ(demography_once(*again, p, c).relocations_in[2], 0.0);
}

TEST(StageConsequences, HighWagesPushFirmsToCheaperRegions) {
  ModelParams p = ModelParams::defaults();
  p.exit_hazard = 0;
  p.startup_rate = 0;
  p.relocation_rate = 4;
  std::vector<sim::NewAgent> agents(100, firm(sim::AgentKind::Sme, 0));
  const std::vector<sim::Region> regions = {{"Pole", 0, 0, 0, 0.5, 0.5},
                                            {"Cheap", 1, 0, 0, 0.5, 0.5}};
  auto world = world_of(agents, regions);
  const std::vector<RegionConditions> c(2);
  EXPECT_EQ(demography_once(*world, p, c, {6.0, 2.0}).relocations_in[1], 100.0);
  p.relocation_wage_weight = 0;  // wages ignored: the regions are alike, nobody moves
  auto same = world_of(agents, regions);
  EXPECT_EQ(demography_once(*same, p, c, {6.0, 2.0}).relocations_in[1], 0.0);
}

// ---- the anchor customer ----

TEST(StageConsequences, StateProcurementFromSmesIsAnInstrumentAScenarioCanFund) {
  const auto names = institutions::instrument_names();
  ASSERT_NE(std::find(names.begin(), names.end(), "anchor_customer"), names.end());
  ModelParams p = ModelParams::defaults();
  p.absorption_strength = 0;
  auto world = world_of({firm(sim::AgentKind::Sme, 0), firm(sim::AgentKind::Sme, 0)},
                        {{"R", 0, 0, 1e6, 0.5, 0.5}});
  sim::NewAgent government;
  government.kind = sim::AgentKind::Government;
  world->agents.add(government);
  world->network.add_vertices(1);
  world->network.commit();
  InstitutionState in;
  in.spec.policy.national_budget = 400;
  in.spec.policy.cofinancing = false;
  in.spec.policy.instruments[static_cast<std::size_t>(Instrument::AnchorCustomer)].share = 1;
  ModelState state;
  start_institutions(*world, p, in, state);
  EXPECT_EQ(state.conditions[0].anchor_customer, 0.0);
  sim::StructuralChanges changes;
  sim::TickContext tick{0, 3, 0.25, *world, changes};
  run_policy(tick, p, in, state);
  // The lever the supplier-tie acceptance reads (network dynamics) is set.
  EXPECT_GT(state.conditions[0].anchor_customer, 0.0);
  EXPECT_LE(state.conditions[0].anchor_customer, 1.0);
}

}  // namespace
}  // namespace clustersim::model_tests
