// Policy rules: stage-fit and waste, co-financing (70/30, 50/50, firms without
// money), crowding out by unconditional subsidies, targeting, timing, and the
// stage-aware versus stage-skipping experiment from the shipped scenarios.
#include "models/institutions/policy.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "model_namespaces.hpp"
#include "models/cluster_model/cluster_model.hpp"
#include "models/mechanisms/phases.hpp"
#include "models/scenario/reader.hpp"

namespace clustersim::model_tests {
namespace {

constexpr double kDt = 0.25;

/// Stage 1 is reached by any region with a firm; stage 2 never.
ModelParams params() {
  ModelParams p = ModelParams::defaults();
  p.stage1_min_knowledge = 0;
  p.stage1_min_firms = 1;
  p.stage2_min_smes = 1e9;
  // Every instrument works fully wherever it is spent, so the rules below
  // (co-financing, crowding out, targeting) are seen on their own; the tests
  // of absorption turn it back on.
  p.absorption_strength = 0;
  return p;
}

/// Regions with the given firm capitals (SMEs), one government agent each.
struct Bench {
  std::unique_ptr<sim::World> world;
  ModelState state;
  InstitutionState institutions;
  sim::StructuralChanges changes;

  explicit Bench(const std::vector<std::vector<double>>& capitals) {
    std::vector<sim::Region> regions;
    for (std::size_t r = 0; r < capitals.size(); ++r) {
      regions.push_back(
          {"R" + std::to_string(r), 40.0 + static_cast<double>(r), 70.0, 1e6, 0.5, 0.5});
    }
    world = std::make_unique<sim::World>(2, sim::RegionTable(regions));
    for (std::size_t r = 0; r < capitals.size(); ++r) {
      for (const double c : capitals[r]) {
        sim::NewAgent firm;
        firm.kind = sim::AgentKind::Sme;
        firm.region = static_cast<sim::RegionIndex>(r);
        firm.employees = 10;
        firm.capital = c;
        world->agents.add(firm);
      }
      sim::NewAgent government;
      government.kind = sim::AgentKind::Government;
      government.region = static_cast<sim::RegionIndex>(r);
      world->agents.add(government);
    }
    world->network.add_vertices(world->agents.size());
    world->network.commit();
  }
  void start(const InstitutionSpec& spec, const ModelParams& p) {
    institutions.spec = spec;
    start_institutions(*world, p, institutions, state);
  }
  void tick(std::uint32_t t, const ModelParams& p) {
    sim::TickContext context{t, 7, kDt, *world, changes};
    run_policy(context, p, institutions, state);
  }
  double spending(Instrument i, std::size_t r) {
    PolicyState& ps = institutions.policy;
    return ps.at(ps.spending, i, r);
  }
  double waste(Instrument i, std::size_t r) {
    PolicyState& ps = institutions.policy;
    return ps.at(ps.waste, i, r);
  }
  double effect(Instrument i, std::size_t r) {
    PolicyState& ps = institutions.policy;
    return ps.at(ps.effect, i, r);
  }
};

/// One region with one firm of the given capital.
std::vector<std::vector<double>> one_firm(double capital) {
  return {std::vector<double>{capital}};
}

/// A national budget of 400 a year (100 a tick) on one instrument.
InstitutionSpec only(Instrument instrument, Initiator initiator = Initiator::State) {
  InstitutionSpec spec;
  spec.policy.national_budget = 400;
  spec.policy.instruments[static_cast<std::size_t>(instrument)].share = 1.0;
  spec.policy.instruments[static_cast<std::size_t>(instrument)].initiator = initiator;
  return spec;
}

TEST(Policy, InstrumentsWorkOnlyInTheirStages) {
  const auto specs = PolicySpec::default_instruments();
  const auto fits = [&](Instrument i, int stage, bool pole = false) {
    return instrument_fits(i, specs[static_cast<std::size_t>(i)], stage, pole);
  };
  EXPECT_FALSE(fits(Instrument::BusinessReceptivity, 0));
  EXPECT_TRUE(fits(Instrument::BusinessReceptivity, 1));
  EXPECT_TRUE(fits(Instrument::BusinessReceptivity, 2));
  EXPECT_FALSE(fits(Instrument::BusinessReceptivity, 3));
  EXPECT_FALSE(fits(Instrument::ClusterManagement, 2));
  EXPECT_TRUE(fits(Instrument::ClusterManagement, 4));
  // Leader-region targeting also needs a growth pole.
  EXPECT_FALSE(fits(Instrument::LeaderRegions, 3, false));
  EXPECT_TRUE(fits(Instrument::LeaderRegions, 3, true));
}

TEST(Policy, CofinancingSplitsStateStartedProjects70To30) {
  const ModelParams p = params();
  Bench s({{100, 100, 100}});
  s.start(only(Instrument::BusinessReceptivity), p);
  s.tick(0, p);
  const PolicyState& ps = s.institutions.policy;
  EXPECT_DOUBLE_EQ(s.spending(Instrument::BusinessReceptivity, 0), 100.0);
  EXPECT_DOUBLE_EQ(ps.firm_money[0], 100.0 * 0.3 / 0.7);
  EXPECT_EQ(ps.joined_firms[0], 3.0);
  const double share = 100.0 * 0.3 / 0.7 / 3.0;
  for (std::size_t slot = 0; slot < 3; ++slot) {
    EXPECT_DOUBLE_EQ(s.world->agents.capital()[slot], 100.0 - share);
  }
  EXPECT_DOUBLE_EQ(ps.firm_money[0] / (ps.firm_money[0] + 100.0), 0.3);
}

TEST(Policy, CofinancingSplitsBusinessStartedProjects50To50) {
  const ModelParams p = params();
  Bench s({{100, 100, 100}});
  s.start(only(Instrument::BusinessReceptivity, Initiator::Business), p);
  s.tick(0, p);
  EXPECT_DOUBLE_EQ(s.spending(Instrument::BusinessReceptivity, 0), 100.0);
  EXPECT_DOUBLE_EQ(s.institutions.policy.firm_money[0], 100.0);
  EXPECT_DOUBLE_EQ(s.world->agents.capital()[0], 100.0 - 100.0 / 3.0);
  // The project's effect counts both parts: state 100 and firms 100.
  EXPECT_DOUBLE_EQ(s.effect(Instrument::BusinessReceptivity, 0), 200.0);
}

TEST(Policy, FirmsWithoutTheMoneyDoNotJoin) {
  std::vector<double> capital = {5, 100, 1, 20};
  const std::vector<std::uint32_t> firms = {0, 1, 2, 3};
  // 30 to raise: two firms can pay 15 each; three could not pay 10 each.
  const Cofinancing paid = cofinance(30.0, firms, capital);
  EXPECT_EQ(paid.joined, 2u);
  EXPECT_DOUBLE_EQ(paid.firm_money, 30.0);
  EXPECT_EQ(capital, (std::vector<double>{5, 85, 1, 5}));
  // Nobody can pay: nothing is taken.
  std::vector<double> poor = {1, 2};
  EXPECT_EQ(cofinance(30.0, std::vector<std::uint32_t>{0, 1}, poor).joined, 0u);
  EXPECT_EQ(poor, (std::vector<double>{1, 2}));
}

TEST(Policy, AProjectNoFirmCanCofinanceIsNotStarted) {
  const ModelParams p = params();
  Bench s({{1, 2}});
  s.start(only(Instrument::BusinessReceptivity), p);
  s.tick(0, p);
  EXPECT_EQ(s.spending(Instrument::BusinessReceptivity, 0), 0.0);
  EXPECT_DOUBLE_EQ(s.institutions.policy.unspent[0], 100.0);
  EXPECT_EQ(s.world->agents.capital()[0], 1.0);
}

TEST(Policy, MoneyWorksWhereTheInstrumentsPreconditionsExistNotWhereItsStageIs) {
  ModelParams p = params();
  p.absorption_strength = 1;
  InstitutionSpec spec = only(Instrument::InnovationCentre);
  spec.policy.cofinancing = false;
  // Incubators need SMEs as mentors and customers: one SME absorbs little of
  // the money, sixty absorb most, whatever stage the label says.
  Bench few(one_firm(1000));
  Bench many({std::vector<double>(60, 1000.0)});
  few.start(spec, p);
  many.start(spec, p);
  few.tick(0, p);
  many.tick(0, p);
  ASSERT_EQ(few.institutions.stages.stage(0), 1);
  ASSERT_EQ(many.institutions.stages.stage(0), 1);
  const auto share_wasted = [](Bench& b) {
    return b.waste(Instrument::InnovationCentre, 0) / b.spending(Instrument::InnovationCentre, 0);
  };
  EXPECT_GT(share_wasted(few), 0.9);
  EXPECT_LT(share_wasted(many), 0.5);
  EXPECT_GT(many.effect(Instrument::InnovationCentre, 0),
            5 * few.effect(Instrument::InnovationCentre, 0));
  EXPECT_GT(many.state.conditions[0].incubator_startups_per_year,
            5 * few.state.conditions[0].incubator_startups_per_year);
  // Branding needs an anchor core of large firms: SMEs alone absorb nothing.
  InstitutionSpec branding = only(Instrument::ClusterManagement);
  branding.policy.cofinancing = false;
  Bench smes({std::vector<double>(60, 1000.0)});
  smes.start(branding, p);
  smes.tick(0, p);
  EXPECT_DOUBLE_EQ(smes.waste(Instrument::ClusterManagement, 0),
                   smes.spending(Instrument::ClusterManagement, 0));
  EXPECT_EQ(smes.state.conditions[0].branding, 0.0);
  // Where absorption does not matter (strength 0) nothing is wasted.
  p.absorption_strength = 0;
  Bench all(one_firm(1000));
  all.start(spec, p);
  all.tick(0, p);
  EXPECT_EQ(all.waste(Instrument::InnovationCentre, 0), 0.0);
  EXPECT_DOUBLE_EQ(all.effect(Instrument::InnovationCentre, 0), 100.0);
}

TEST(Policy, BuiltInfrastructureCostsItsUpkeepFromLaterBudgets) {
  ModelParams p = params();
  p.policy_effect_decay = 0;
  InstitutionSpec spec = only(Instrument::InnovationCentre);
  spec.policy.cofinancing = false;
  Bench b(one_firm(1000));
  b.start(spec, p);
  b.tick(0, p);
  EXPECT_EQ(b.institutions.policy.running_costs[0], 0.0);  // nothing built yet
  const double built = b.effect(Instrument::InnovationCentre, 0);
  ASSERT_GT(built, 0.0);
  b.tick(1, p);
  const double upkeep = p.infrastructure_running_cost * built * kDt;
  EXPECT_DOUBLE_EQ(b.institutions.policy.running_costs[0], upkeep);
  // The upkeep comes out of the budget: less new money reaches the stock.
  EXPECT_NEAR(b.effect(Instrument::InnovationCentre, 0), built + (100.0 - upkeep), 1e-9);
  // Non-infrastructure instruments cost nothing to keep.
  Bench links(one_firm(1000));
  links.start(only(Instrument::BusinessReceptivity), p);
  links.tick(0, p);
  links.tick(1, p);
  EXPECT_EQ(links.institutions.policy.running_costs[0], 0.0);
}

TEST(Policy, UnconditionalSubsidiesLowerOwnRdEffortConditionalOnesDoNot) {
  const ModelParams p = params();
  InstitutionSpec spec = only(Instrument::BusinessReceptivity);
  spec.policy.cofinancing = false;
  Bench unconditional(one_firm(1000));
  unconditional.start(spec, p);
  unconditional.tick(0, p);
  spec.policy.instruments[static_cast<std::size_t>(Instrument::BusinessReceptivity)].conditional =
      true;
  Bench conditional(one_firm(1000));
  conditional.start(spec, p);
  conditional.tick(0, p);
  const double x = 100.0 / (100.0 + p.policy_half_saturation);
  EXPECT_DOUBLE_EQ(unconditional.state.conditions[0].own_rd_effort, 1.0 - p.crowding_out * x);
  EXPECT_EQ(conditional.state.conditions[0].own_rd_effort, 1.0);
  // The instrument's own effect is the same either way.
  const double cost = 1.0 - instrument_info(Instrument::BusinessReceptivity).default_strength * x;
  EXPECT_DOUBLE_EQ(unconditional.state.conditions[0].rd_cost_factor, cost);
  EXPECT_DOUBLE_EQ(conditional.state.conditions[0].rd_cost_factor, cost);
  // Non-subsidy instruments never crowd out.
  Bench links(one_firm(1000));
  InstitutionSpec link_spec = only(Instrument::SoftFactors);
  link_spec.policy.instruments[static_cast<std::size_t>(Instrument::SoftFactors)].stages =
      stage_bit(1);
  links.start(link_spec, p);
  links.tick(0, p);
  EXPECT_EQ(links.state.conditions[0].own_rd_effort, 1.0);
  EXPECT_GT(links.state.conditions[0].soft_factor_bonus, 0.0);
}

TEST(Policy, TargetingRulesSplitTheNationalBudget) {
  const ModelParams p = params();
  const std::vector<std::vector<double>> firms = {{1000}, {1000, 1000}, {}};
  InstitutionSpec spec = only(Instrument::BusinessReceptivity);
  spec.policy.cofinancing = false;

  Bench uniform(firms);
  uniform.start(spec, p);
  uniform.tick(0, p);
  for (std::size_t r = 0; r < 2; ++r) {
    EXPECT_DOUBLE_EQ(uniform.spending(Instrument::BusinessReceptivity, r), 100.0 / 3) << r;
  }
  // Region 2 has no firms: its third is spent all the same (uniform targeting
  // does not look), and with no firm doing R&D it is all wasted once
  // absorption counts.
  EXPECT_DOUBLE_EQ(uniform.spending(Instrument::BusinessReceptivity, 2), 100.0 / 3);
  ModelParams absorbing = p;
  absorbing.absorption_strength = 1;
  Bench counted(firms);
  counted.start(spec, absorbing);
  counted.tick(0, absorbing);
  EXPECT_DOUBLE_EQ(counted.waste(Instrument::BusinessReceptivity, 2), 100.0 / 3);

  spec.policy.targeting = Targeting::GrowthPoles;
  Bench poles(firms);
  poles.start(spec, p);
  // Slots: region 0 firm 0, government 1; region 1 firms 2 and 3, government 4.
  poles.world->agents.value_added()[0] = 10;
  poles.world->agents.value_added()[2] = 50;  // region 1 leads in value added
  poles.world->agents.value_added()[3] = 50;
  poles.tick(0, p);
  EXPECT_EQ(poles.institutions.policy.pole, (std::vector<std::uint8_t>{0, 1, 0}));
  EXPECT_DOUBLE_EQ(poles.spending(Instrument::BusinessReceptivity, 1), 100.0);
  EXPECT_EQ(poles.spending(Instrument::BusinessReceptivity, 0), 0.0);

  // Stage-aware: a mix of a fitting and a misfitting instrument spends the
  // whole budget on the fitting one; a region where nothing fits spends nothing.
  spec.policy.targeting = Targeting::StageAware;
  spec.policy.instruments[static_cast<std::size_t>(Instrument::BusinessReceptivity)].share = 0.25;
  spec.policy.instruments[static_cast<std::size_t>(Instrument::ClusterManagement)].share = 0.75;
  Bench aware(firms);
  aware.start(spec, p);
  aware.tick(0, p);
  EXPECT_DOUBLE_EQ(aware.spending(Instrument::BusinessReceptivity, 0), 100.0 / 3);
  EXPECT_EQ(aware.spending(Instrument::ClusterManagement, 0), 0.0);
  EXPECT_EQ(aware.spending(Instrument::BusinessReceptivity, 2), 0.0);
  EXPECT_DOUBLE_EQ(aware.institutions.policy.unspent[2], 100.0 / 3);
  for (std::size_t r = 0; r < 3; ++r) {
    for (std::size_t i = 0; i < kInstrumentCount; ++i) {
      EXPECT_EQ(aware.waste(static_cast<Instrument>(i), r), 0.0);
    }
  }
}

TEST(Policy, ARegionalProgrammeSpendsTheNationalBudgetOnlyInItsRegions) {
  const ModelParams p = params();
  InstitutionSpec spec = only(Instrument::BusinessReceptivity);
  spec.policy.cofinancing = false;
  spec.policy.regions = {0, 2};
  Bench s({{1000}, {1000}, {1000}});
  s.start(spec, p);
  s.tick(0, p);
  EXPECT_DOUBLE_EQ(s.spending(Instrument::BusinessReceptivity, 0), 50.0);
  EXPECT_EQ(s.spending(Instrument::BusinessReceptivity, 1), 0.0);
  EXPECT_DOUBLE_EQ(s.spending(Instrument::BusinessReceptivity, 2), 50.0);
}

TEST(Policy, RegionalBudgetsStayInTheirRegion) {
  const ModelParams p = params();
  InstitutionSpec spec = only(Instrument::BusinessReceptivity);
  spec.policy.national_budget = 0;
  spec.policy.regional_budget = 40;
  spec.policy.cofinancing = false;
  Bench s({{1000}, {1000}});
  s.start(spec, p);
  s.tick(0, p);
  EXPECT_DOUBLE_EQ(s.spending(Instrument::BusinessReceptivity, 0), 10.0);
  EXPECT_DOUBLE_EQ(s.spending(Instrument::BusinessReceptivity, 1), 10.0);
}

TEST(Policy, TimingRuleDecidesWhenMoneyFlows) {
  const ModelParams p = params();
  InstitutionSpec spec = only(Instrument::BusinessReceptivity);
  spec.policy.cofinancing = false;
  spec.policy.start_year = 1.0;
  spec.policy.end_year = 2.5;
  spec.policy.every_years = 0.5;
  Bench s(one_firm(1000));
  s.start(spec, p);
  std::vector<double> spent;
  for (std::uint32_t t = 0; t < 12; ++t) {
    s.tick(t, p);
    spent.push_back(s.spending(Instrument::BusinessReceptivity, 0));
  }
  // Twice a year from year 1 until year 2.5, half a year's budget each time.
  EXPECT_EQ(spent, (std::vector<double>{0, 0, 0, 0, 200, 0, 200, 0, 200, 0, 0, 0}));
}

TEST(Policy, EffectsFadeWhenSpendingStops) {
  const ModelParams p = params();
  InstitutionSpec spec = only(Instrument::BusinessReceptivity);
  spec.policy.cofinancing = false;
  spec.policy.end_year = kDt;  // one tick of money
  Bench s(one_firm(1000));
  s.start(spec, p);
  s.tick(0, p);
  s.tick(1, p);
  EXPECT_DOUBLE_EQ(s.effect(Instrument::BusinessReceptivity, 0),
                   100.0 * (1.0 - p.policy_effect_decay * kDt));
}

// docs/MODEL.md carries the instrument table between two markers, like the
// parameter table (tests/models/model_doc_test.cpp).
TEST(Policy, InstrumentTableInTheModelDocumentMatchesTheCode) {
  const char* root = std::getenv("CLUSTERSIM_SOURCE_DIR");
  ASSERT_NE(root, nullptr);
  std::ifstream in(std::string(root) + "/docs/MODEL.md");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string doc = buffer.str();
  const std::string begin =
      "<!-- instruments:begin (generated from models/institutions/policy.cpp) -->\n";
  const std::string end = "<!-- instruments:end -->";
  const auto from = doc.find(begin);
  const auto to = doc.find(end);
  ASSERT_NE(from, std::string::npos);
  ASSERT_NE(to, std::string::npos);
  EXPECT_EQ(doc.substr(from + begin.size(), to - from - begin.size()), instrument_table_markdown())
      << "update the instrument table in docs/MODEL.md from instrument_table_markdown()";
}

// ---- the experiment a policy modeler runs (shipped scenarios) ----

struct Totals {
  double spending = 0, waste = 0;
  double value_added = 0;  ///< national, last tick
};

Totals run_totals(const std::string& file, std::uint32_t ticks, std::uint64_t seed = 0) {
  const char* root = std::getenv("CLUSTERSIM_SOURCE_DIR");
  EXPECT_NE(root, nullptr);
  Scenario s = read_scenario(std::string(root) + "/scenarios/" + file);
  if (seed != 0) s.seed = seed;
  auto world = build_world(s);
  sim::Engine engine(*world, sim::EngineOptions{s.seed, 2, s.tick_length});
  ClusterModel model(s.model, s.institutions);
  model.attach(engine, *world);
  struct Sum : sim::Observer {
    Totals t;
    void on_tick_end(const sim::Snapshot& snap) override {
      const sim::IndicatorTable& table = snap.world.indicators;
      for (const double v : table.row(table.index_of("policy_spending"))) t.spending += v;
      for (const double v : table.row(table.index_of("policy_waste"))) t.waste += v;
      t.value_added = 0;
      for (const double v : table.row(table.index_of("value_added"))) t.value_added += v;
    }
  } sum;
  engine.add_observer(sum);
  engine.run(ticks);
  return sum.t;
}

TEST(PolicyExperiment, StageAwareSpendingBuysMoreThanTheSameBudgetSpentSkippingStages) {
  const char* root = std::getenv("CLUSTERSIM_SOURCE_DIR");
  ASSERT_NE(root, nullptr);
  const Scenario aware = read_scenario(std::string(root) + "/scenarios/stage_aware.yaml");
  const Scenario skipping = read_scenario(std::string(root) + "/scenarios/stage_skipping.yaml");
  ASSERT_EQ(aware.institutions.policy.national_budget,
            skipping.institutions.policy.national_budget);
  ASSERT_EQ(aware.institutions.policy.regional_budget,
            skipping.institutions.policy.regional_budget);
  // Paired seeds, six years: the outcome, not the label. Waste is measured
  // from absorption, so the stage-aware mix wastes money too, but less.
  // Ahead on every seed, and by more than 3% on average (over 10 seeds the
  // gap is 6.6% [5.8, 7.5] at 24 ticks; single seeds range about 5-8%).
  double ratio = 0;
  const std::vector<std::uint64_t> seeds = {1, 2, 3};
  for (const std::uint64_t seed : seeds) {
    const Totals a = run_totals("stage_aware.yaml", 24, seed);
    const Totals k = run_totals("stage_skipping.yaml", 24, seed);
    ASSERT_GT(a.spending, 0.0);
    ASSERT_GT(k.spending, 0.0);
    EXPECT_GT(a.value_added, k.value_added) << "seed " << seed;
    ratio += a.value_added / k.value_added / static_cast<double>(seeds.size());
    EXPECT_GT(a.waste, 0.0) << "seed " << seed;
    EXPECT_GT(k.waste / k.spending, a.waste / a.spending + 0.05) << "seed " << seed;
  }
  EXPECT_GT(ratio, 1.03);
}

}  // namespace
}  // namespace clustersim::model_tests
