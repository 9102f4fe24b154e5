// One test per behavioural rule: a constructed situation of two or three
// agents and the exact result the rule in docs/MODEL.md section 7 gives.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "model_namespaces.hpp"
#include "models/cluster_model/cluster_model.hpp"
#include "models/mechanisms/phases.hpp"
#include "models/mechanisms/rules.hpp"

namespace clustersim::model_tests {
namespace {

using sim::AgentKind;

sim::NewAgent agent(AgentKind kind, std::vector<float> knowledge, sim::RegionIndex region = 0) {
  sim::NewAgent a;
  a.kind = kind;
  a.firm_type = sim::is_firm(kind) ? sim::FirmType::Content : sim::FirmType::None;
  a.region = region;
  a.knowledge = std::move(knowledge);
  if (sim::is_firm(kind)) {
    a.employees = 10;
    a.capital = 100;
  }
  return a;
}

/// A world of the given agents (one region unless given) and undirected edges.
std::unique_ptr<sim::World> world_of(
    const std::vector<sim::NewAgent>& agents,
    const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges,
    std::vector<sim::Region> regions = {{"R", 0, 0}}) {
  auto world = std::make_unique<sim::World>(agents.front().knowledge.size(),
                                            sim::RegionTable(std::move(regions)));
  for (const auto& a : agents) world->agents.add(a);
  world->network.add_vertices(agents.size());
  for (const auto& [u, v] : edges) world->network.add_edge(u, v, {});
  world->network.commit();
  return world;
}

struct Tick {
  sim::StructuralChanges changes;
  sim::TickContext context;
  Tick(sim::World& world, std::uint32_t t = 0) : context{t, 7, 0.25, world, changes} {}
};

// ---- knowledge ----------------------------------------------------------------

TEST(Rules, AbsorptiveCapacityGrowsWithKnowledgeAndRdStaff) {
  EXPECT_DOUBLE_EQ(rules::absorptive_capacity(0, 0, 2, 5), 0.0);
  EXPECT_DOUBLE_EQ(rules::absorptive_capacity(2, 0, 2, 5), 1.0 - std::exp(-1.0));
  EXPECT_DOUBLE_EQ(rules::absorptive_capacity(2, 5, 2, 5), 1.0 - std::exp(-2.0));
}

TEST(Rules, CognitiveDistanceEffectIsAnInvertedUWithACutOff) {
  EXPECT_DOUBLE_EQ(rules::distance_effect(0.0, 0.6), 0.0);  // identical: nothing to learn
  EXPECT_DOUBLE_EQ(rules::distance_effect(0.3, 0.6), 1.0);  // the peak
  EXPECT_DOUBLE_EQ(rules::distance_effect(0.15, 0.6), 0.75);
  EXPECT_DOUBLE_EQ(rules::distance_effect(0.6, 0.6), 0.0);  // at the limit
  EXPECT_DOUBLE_EQ(rules::distance_effect(0.9, 0.6), 0.0);  // beyond it
  const std::vector<float> a = {1, 0}, b = {0, 1}, c = {2, 0};
  EXPECT_DOUBLE_EQ(rules::cognitive_distance(a, b), 1.0);
  EXPECT_DOUBLE_EQ(rules::cognitive_distance(a, c), 0.0);
}

TEST(Knowledge, NoTransferBeyondTheCognitiveDistanceLimit) {
  // Orthogonal profiles (distance 1 > 0.6): the partner's lead in field 1 is
  // out of reach.
  auto world = world_of({agent(AgentKind::Sme, {4, 0}), agent(AgentKind::Sme, {0, 4})}, {{0, 1}});
  Tick tick(*world);
  ModelState state;
  exchange_knowledge(tick.context, ModelParams::defaults(), state);
  EXPECT_EQ(world->agents.knowledge(0)[1], 0.0f);
  EXPECT_EQ(world->agents.knowledge(1)[0], 0.0f);
}

TEST(Knowledge, NoTransferBetweenIdenticalProfiles) {
  // Proportional profiles (distance 0): the partner knows more of the same.
  auto world = world_of({agent(AgentKind::Sme, {1, 1}), agent(AgentKind::Sme, {3, 3})}, {{0, 1}});
  Tick tick(*world);
  ModelState state;
  exchange_knowledge(tick.context, ModelParams::defaults(), state);
  EXPECT_EQ(world->agents.knowledge(0)[0], 1.0f);
}

TEST(Knowledge, AUniversityPartnerDoublesTheFlowAtDefaultBoost) {
  const auto gain = [](AgentKind partner_kind) {
    auto world = world_of({agent(AgentKind::Sme, {1, 4}), agent(partner_kind, {3, 2})}, {{0, 1}});
    Tick tick(*world);
    ModelState state;
    exchange_knowledge(tick.context, ModelParams::defaults(), state);
    return static_cast<double>(world->agents.knowledge(0)[0]) - 1.0;
  };
  const double firm = gain(AgentKind::Sme);
  ASSERT_GT(firm, 0.0);
  EXPECT_NEAR(gain(AgentKind::University) / firm, 2.0, 1e-5);
}

TEST(Knowledge, OnlyTiesCarryKnowledgeAcrossRegions) {
  // Two regions 100 km apart: firm 0 (A) learns from firm 1 (B) only when
  // they are partners, and then what it learns counts as a spillover.
  const auto spillover = [](bool tied) {
    auto world = world_of({agent(AgentKind::Sme, {1, 4}), agent(AgentKind::Sme, {3, 2}, 1)},
                          tied ? std::vector<std::pair<std::uint32_t, std::uint32_t>>{{0, 1}}
                               : std::vector<std::pair<std::uint32_t, std::uint32_t>>{},
                          {{"A", 0, 0}, {"B", 0.9, 0}});
    Tick tick(*world);
    ModelState state;
    exchange_knowledge(tick.context, ModelParams::defaults(), state);
    EXPECT_NEAR(state.spillover_gain[0], world->agents.knowledge(0)[0] - 1.0f, 1e-6);
    return state.spillover_gain[0];
  };
  EXPECT_EQ(spillover(false), 0.0f);
  EXPECT_GT(spillover(true), 0.0f);
}

TEST(Knowledge, MorePartnersWithALeadTeachMoreButNeverPastTheBest) {
  // Firm 0 knows {1, 4}; each partner knows {3, 2}. More partners, more
  // learned in field 0 this tick, but never more than the partners' 3.
  const auto learned = [](std::uint32_t partners, double rate) {
    std::vector<sim::NewAgent> agents = {agent(AgentKind::Sme, {1, 4})};
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
    for (std::uint32_t i = 1; i <= partners; ++i) {
      agents.push_back(agent(AgentKind::Sme, {3, 2}));
      edges.emplace_back(0, i);
    }
    auto world = world_of(agents, edges);
    ModelParams p = ModelParams::defaults();
    p.absorption_rate = rate;
    Tick tick(*world);
    ModelState state;
    exchange_knowledge(tick.context, p, state);
    return world->agents.knowledge(0)[0];
  };
  EXPECT_GT(learned(4, 0.5), learned(1, 0.5));
  EXPECT_GT(learned(1, 0.5), 1.0f);
  EXPECT_LE(learned(8, 4.0), 3.0f + 1e-6f);
}

// ---- innovation ---------------------------------------------------------------

TEST(Rules, ExplorationNeedsMiddleDistanceExploitationCloseness) {
  // With homogenisation a near-copy brings nothing new to exploration and a
  // stranger nothing at all; the best partner sits at half the limit.
  EXPECT_DOUBLE_EQ(rules::exploration_value(0.0, 0.6, 1.0), 0.0);
  EXPECT_GT(rules::exploration_value(0.3, 0.6, 1.0), rules::exploration_value(0.1, 0.6, 1.0));
  EXPECT_GT(rules::exploration_value(0.3, 0.6, 1.0), rules::exploration_value(0.5, 0.6, 1.0));
  EXPECT_DOUBLE_EQ(rules::exploration_value(0.6, 0.6, 1.0), 0.0);
  // Without it closeness costs nothing, and homogenisation only ever lowers the value.
  EXPECT_DOUBLE_EQ(rules::exploration_value(0.0, 0.6, 0.0), 1.0);
  for (const double d : {0.0, 0.1, 0.2, 0.3, 0.45}) {
    EXPECT_GE(rules::exploration_value(d, 0.6, 0.0), rules::exploration_value(d, 0.6, 0.5));
    EXPECT_GE(rules::exploration_value(d, 0.6, 0.5), rules::exploration_value(d, 0.6, 1.0));
  }
  // Exploitation draws most on the closest partners.
  EXPECT_GT(rules::absorbability(0.0, 0.6), rules::absorbability(0.3, 0.6));
  EXPECT_DOUBLE_EQ(rules::absorbability(0.7, 0.6), 0.0);
}

/// Innovation events of firm 0 (knowledge {2, 1}) over many ticks with the
/// given partners' profiles, each kind counted apart.
std::pair<int, int> innovations_of_firm_with(const std::vector<std::vector<float>>& partners,
                                             double homogenisation = 1.0) {
  std::vector<sim::NewAgent> agents = {agent(AgentKind::Sme, {2, 1})};
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  for (std::uint32_t i = 0; i < partners.size(); ++i) {
    agents.push_back(agent(AgentKind::Sme, partners[i]));
    edges.emplace_back(0, i + 1);
  }
  ModelParams p = ModelParams::defaults();
  p.homogenisation_strength = homogenisation;
  int explored = 0, exploited = 0;
  for (std::uint32_t t = 0; t < 4000; ++t) {
    auto world = world_of(agents, edges);
    world->agents.rd_intensity()[0] = 0.05f;
    Tick tick(*world, t);
    ModelState state;
    innovate(tick.context, p, state);
    explored += (state.innovated[0] & kExplored) ? 1 : 0;
    exploited += (state.innovated[0] & kExploited) ? 1 : 0;
  }
  return {explored, exploited};
}

TEST(Innovation, PartnersAtAMiddleDistanceRaiseExplorationCopiesDoNot) {
  const auto alone = innovations_of_firm_with({});
  const auto copies = innovations_of_firm_with({{2, 1}, {4, 2}, {2, 1}});  // distance 0
  const auto varied = innovations_of_firm_with({{1, 1}, {1, 1.2f}, {1.2f, 1}});
  EXPECT_GT(alone.first, 0);  // own recombination
  EXPECT_GT(varied.first, alone.first * 3 / 2);
  EXPECT_NEAR(copies.first, alone.first, alone.first / 4);
  // Without homogenisation copies are worth as much as anyone for exploration.
  EXPECT_GT(innovations_of_firm_with({{2, 1}, {4, 2}, {2, 1}}, 0.0).first, alone.first * 2);
  // Exploitation: close partners help most.
  EXPECT_GT(copies.second, varied.second);
  EXPECT_GT(varied.second, alone.second);
}

TEST(Innovation, ExplorationAddsWhereThePartnerIsStrongExploitationDeepensTheOwnField) {
  // Firm 0 ({2, 1}) with a partner strong in field 1 ({1, 1.2}).
  ModelParams p = ModelParams::defaults();
  p.exploration_rate = 1e4;  // fires within the tick
  p.exploitation_rate = 0.0;
  auto world =
      world_of({agent(AgentKind::Sme, {2, 1}), agent(AgentKind::Sme, {1, 1.2f})}, {{0, 1}});
  world->agents.rd_intensity()[0] = 0.05f;
  Tick tick(*world);
  ModelState state;
  innovate(tick.context, p, state);
  ASSERT_EQ(state.innovated[0] & kExplored, kExplored);
  EXPECT_FLOAT_EQ(world->agents.knowledge(0)[0], 2.0f);
  EXPECT_FLOAT_EQ(world->agents.knowledge(0)[1], 1.0f + 0.5f * 2.5f);  // step x (1 + mean)
}

TEST(Production, CoordinationCostGrowsWithLocalClustering) {
  // Three firms in a triangle: local clustering 1, two ties each.
  const auto capital_after = [](double strength) {
    auto world = world_of({agent(AgentKind::Sme, {1, 1}), agent(AgentKind::Sme, {1, 2}),
                           agent(AgentKind::Sme, {2, 1})},
                          {{0, 1}, {1, 2}, {0, 2}});
    ModelParams p = ModelParams::defaults();
    p.coordination_cost_strength = strength;
    Tick tick(*world);
    ModelState state;
    produce(tick.context, p, state);
    EXPECT_FLOAT_EQ(state.clustering[0], 1.0f);
    return world->agents.capital()[0];
  };
  // Extra cost: 2 ties x link_cost 0.5 x strength 1 x clustering 1 x 0.25 years.
  EXPECT_NEAR(capital_after(0.0) - capital_after(1.0), 2 * 0.5 * 0.25, 1e-9);
}

TEST(Network, LocalClusteringOfATriangleAndAStar) {
  auto world = world_of({agent(AgentKind::Sme, {1}), agent(AgentKind::Sme, {1}),
                         agent(AgentKind::Sme, {1}), agent(AgentKind::Sme, {1})},
                        {{0, 1}, {0, 2}, {1, 2}, {0, 3}});
  ModelState state;
  compute_clustering(*world, state);
  EXPECT_FLOAT_EQ(state.clustering[0], 1.0f / 3.0f);  // one of three pairs linked
  EXPECT_FLOAT_EQ(state.clustering[1], 1.0f);
  EXPECT_FLOAT_EQ(state.clustering[3], 0.0f);  // one partner
}

// ---- production and labour ----------------------------------------------------

TEST(Labour, HiresAreRationedByTheRegionalPool) {
  auto world = world_of({agent(AgentKind::Sme, {1, 1}), agent(AgentKind::Sme, {1, 1})}, {},
                        {{"R", 0, 0, 1e6}});
  ModelParams p = ModelParams::defaults();
  p.labour_pool_per_million = 1.0;  // one worker for the whole region
  p.productivity_shock_sd = 0.0;
  Tick tick(*world);
  ModelState state;
  produce(tick.context, p, state);
  // Both firms are profitable and want the same number of hires; the one
  // worker is shared equally.
  ASSERT_GT(state.labour_demand[0], 1.0);
  EXPECT_NEAR(world->agents.employees()[0], 10.5, 1e-5);
  EXPECT_NEAR(world->agents.employees()[1], 10.5, 1e-5);
  EXPECT_NEAR(state.labour_pool[0], 0.0, 1e-9);
}

TEST(Labour, WagesFollowTensionAndMigrantsFollowWages) {
  EXPECT_DOUBLE_EQ(rules::next_wage(3.0, 30, 10, 0.2, 0.25), 3.0 * (1 + 0.05 * 0.5));
  EXPECT_DOUBLE_EQ(rules::next_wage(3.0, 0, 0, 0.2, 0.25), 3.0);
  auto world = world_of({agent(AgentKind::Sme, {1})}, {}, {{"A", 0, 0}, {"B", 1, 0}});
  ModelParams p = ModelParams::defaults();
  p.labour_attrition = 0.0;
  ModelState state;
  ensure_region_state(*world, p, state);
  state.labour_pool = {1000.0, 1000.0};
  state.wage = {3.0, 4.5};  // B pays half as much again
  Tick tick(*world);
  update_labour_markets(tick.context, p, state);
  // No demand or supply recorded: wages stay; A sends 0.5 * 0.25 * 1000 * 0.5.
  EXPECT_DOUBLE_EQ(state.labour_pool[0], 1000.0 - 62.5);
  EXPECT_DOUBLE_EQ(state.labour_pool[1], 1000.0 + 62.5);
}

TEST(Production, ProfitFundsRdALosingFirmPausesIt) {
  auto world = world_of({agent(AgentKind::Sme, {1, 1}), agent(AgentKind::Sme, {1, 1})}, {});
  world->agents.rd_intensity()[0] = 0.05f;
  world->agents.rd_intensity()[1] = 0.05f;
  ModelParams p = ModelParams::defaults();
  p.productivity_shock_sd = 0.0;
  ModelState state;
  ensure_region_state(*world, p, state);
  state.wage = {100.0};  // wages far above output
  Tick tick(*world);
  produce(tick.context, p, state);
  EXPECT_EQ(world->agents.rd_intensity()[0], 0.0f);
  state.wage = {1.0};
  produce(tick.context, p, state);
  EXPECT_FLOAT_EQ(world->agents.rd_intensity()[0], 0.05f);
}

// ---- network ------------------------------------------------------------------

TEST(Network, ATieWithNothingToLearnDissolvesAfterTheDecayPeriod) {
  // Proportional profiles (distance 0): nothing renews the tie, and at no
  // cost it is kept until its strength 0.95^n falls below 0.1, first at n = 45
  // (quarterly ticks, decay 0.2 / year).
  auto world = world_of({agent(AgentKind::Sme, {1, 1}), agent(AgentKind::Sme, {2, 2})}, {{0, 1}});
  ModelParams p = ModelParams::defaults();
  p.link_formation_rate = 0.0;
  p.link_cost = 0.0;
  ModelState state;
  for (std::uint32_t t = 0; t < 45; ++t) {
    ASSERT_EQ(world->network.edge_count(), 1u) << "tick " << t;
    Tick tick(*world, t);
    update_network(tick.context, p, state);
    tick.changes.apply(*world);
  }
  EXPECT_EQ(world->network.edge_count(), 0u);
  ASSERT_EQ(state.former_ties.size(), 1u);   // remembered as a prior tie
  EXPECT_EQ(state.former_ties[0].pair, 1u);  // ids 0 and 1
}

TEST(Network, LearningRenewsATie) {
  auto world = world_of({agent(AgentKind::Sme, {1, 4}), agent(AgentKind::Sme, {3, 2})}, {{0, 1}});
  ModelParams p = ModelParams::defaults();
  p.link_formation_rate = 0.0;
  p.link_cost = 0.0;
  world->network.mutable_attributes(0)[0].strength = 0.5f;
  world->network.mutable_attributes(1)[0].strength = 0.5f;
  // The distance that counts is the one at exchange, before either learned.
  const double d =
      rules::cognitive_distance(world->agents.knowledge(0), world->agents.knowledge(1));
  ModelState state;
  Tick tick(*world);
  exchange_knowledge(tick.context, p, state);
  update_network(tick.context, p, state);
  const auto expected = static_cast<float>(
      0.5f * 0.95f + static_cast<float>(2.0 * 0.25 * rules::distance_effect(d, 0.6)));
  EXPECT_GT(expected, 0.5f * 0.95f);
  EXPECT_FLOAT_EQ(world->network.attributes(0)[0].strength, expected);
  EXPECT_FLOAT_EQ(world->network.attributes(1)[0].strength, expected);
}

/// Whether the tie between two firms survives one network update when each
/// makes `value_added` a year and a tie costs `link_cost`; the partner is
/// `km` away.
bool tie_kept(double value_added, double link_cost, double km = 0) {
  const double lat = km / sim::kEarthRadiusKm * 180.0 / 3.14159265358979323846;
  auto world = world_of({agent(AgentKind::Sme, {1, 4}), agent(AgentKind::Sme, {3, 2}, 1)}, {{0, 1}},
                        {{"A", 0, 0}, {"B", lat, 0}});
  world->agents.value_added()[0] = value_added;
  world->agents.value_added()[1] = value_added;
  world->agents.rd_intensity()[0] = world->agents.rd_intensity()[1] = 0.05f;
  ModelParams p = ModelParams::defaults();
  p.link_formation_rate = 0.0;
  p.link_cost = link_cost;
  ModelState state;
  Tick tick(*world);
  update_network(tick.context, p, state);
  tick.changes.apply(*world);
  return world->network.edge_count() == 1;
}

TEST(Network, AFirmDropsATieThatCostsMoreThanItBrings) {
  EXPECT_TRUE(tie_kept(100.0, 0.5));
  EXPECT_FALSE(tie_kept(100.0, 1e3));  // the same tie at a prohibitive cost
  EXPECT_FALSE(tie_kept(0.01, 0.5));   // a firm too small to profit from what it learns
  // Distance raises the cost: a tie worth keeping next door is not across the country.
  double value_added = 1.0;
  while (!tie_kept(value_added, 0.5)) value_added *= 1.25;
  EXPECT_FALSE(tie_kept(value_added, 0.5, 2000.0));
  EXPECT_TRUE(tie_kept(value_added * 4, 0.5, 2000.0));
}

TEST(Network, MoreSearchesFormMoreTiesWithNoCapOnTheRate) {
  // Ten firms with varied profiles; search rates beyond one per tick still
  // form more ties (the rate is a Poisson mean, not a capped probability).
  const auto ties_after_one_tick = [](double rate) {
    std::vector<sim::NewAgent> agents;
    for (int i = 0; i < 40; ++i) {
      agents.push_back(agent(AgentKind::Sme, {1.0f + 0.05f * static_cast<float>(i % 7),
                                              1.0f + 0.07f * static_cast<float>(i % 5), 1.0f}));
    }
    auto world = world_of(agents, {});
    for (std::size_t s = 0; s < agents.size(); ++s) {
      world->agents.value_added()[s] = 100.0;
      world->agents.rd_intensity()[s] = 0.05f;
    }
    ModelParams p = ModelParams::defaults();
    p.link_formation_rate = rate;
    ModelState state;
    Tick tick(*world);
    update_network(tick.context, p, state);
    tick.changes.apply(*world);
    return world->network.edge_count();
  };
  EXPECT_GT(ties_after_one_tick(8.0), ties_after_one_tick(4.0));
  EXPECT_GT(ties_after_one_tick(32.0), ties_after_one_tick(8.0));
}

TEST(Network, SupplierTiesNeedBothSidesOrAnAnchorCustomer) {
  EXPECT_DOUBLE_EQ(rules::with_anchor(0.3, 0.0), 0.3);
  EXPECT_DOUBLE_EQ(rules::with_anchor(0.3, 0.5), 0.65);
  EXPECT_DOUBLE_EQ(rules::with_anchor(0.3, 1.0), 1.0);
  const auto ties_formed = [](double anchor) {
    std::size_t formed = 0;
    for (std::uint32_t t = 0; t < 40; ++t) {
      auto world =
          world_of({agent(AgentKind::LargeFirm, {2, 1}), agent(AgentKind::Sme, {1, 2})}, {});
      world->agents.value_added()[0] = world->agents.value_added()[1] = 100.0;
      ModelParams p = ModelParams::defaults();
      p.link_formation_rate = 4.0;  // one search per agent and tick on average
      p.supplier_acceptance_large = 0.0;
      p.supplier_acceptance_sme = 0.0;
      ModelState state;
      state.conditions.assign(1, RegionConditions{});
      state.conditions[0].anchor_customer = anchor;
      Tick tick(*world, t);
      update_network(tick.context, p, state);
      tick.changes.apply(*world);
      formed += world->network.edge_count();
    }
    return formed;
  };
  EXPECT_EQ(ties_formed(0.0), 0u);
  EXPECT_GT(ties_formed(1.0), 0u);
}

// ---- demography ---------------------------------------------------------------

TEST(Demography, AFirmWithNegativeCapitalExits) {
  auto world = world_of({agent(AgentKind::Sme, {1}), agent(AgentKind::Sme, {1})}, {});
  world->agents.capital()[0] = -0.01;
  ModelParams p = ModelParams::defaults();
  p.exit_hazard = 0.0;
  p.startup_rate = 0.0;
  Tick tick(*world);
  ModelState state;
  update_demography(tick.context, p, state);
  EXPECT_EQ(state.exits_by_region[0], 1.0);
  tick.changes.apply(*world);
  ASSERT_EQ(world->agents.size(), 1u);
  EXPECT_EQ(world->agents.ids()[0], 1u);
}

TEST(Demography, FirmsRelocateTowardTheMoreAttractiveRegion) {
  auto world = world_of({agent(AgentKind::Sme, {1})}, {},
                        {{"Poor", 0, 0, 1e6, 0.0, 0.0}, {"Pole", 1, 0, 1e6, 1.0, 1.0}});
  ModelParams p = ModelParams::defaults();
  p.exit_hazard = 0.0;
  p.startup_rate = 0.0;
  p.relocation_rate = 4.0;  // every firm compares regions every quarter
  Tick tick(*world);
  ModelState state;
  update_demography(tick.context, p, state);
  EXPECT_EQ(state.relocations_in[1], 1.0);
  tick.changes.apply(*world);
  EXPECT_EQ(world->agents.regions()[0], 1u);
  // At the pole (M = 1 + 0.1 + 0.4 = 1.5 for a content firm, against 1 in the
  // other region) the firm has no reason to move back.
  state.conditions.assign(2, RegionConditions{});
  state.conditions[1].branding = 0.5;  // the firm is now in region 1
  Tick again(*world, 1);
  update_demography(again.context, p, state);
  EXPECT_EQ(state.relocations_in[0], 0.0);
}

TEST(Demography, IncubatorsAndGrantsAddFundedStartups) {
  auto world = world_of({agent(AgentKind::Sme, {1})}, {}, {{"R", 0, 0, 0.0}});
  ModelParams p = ModelParams::defaults();
  p.exit_hazard = 0.0;
  p.relocation_rate = 0.0;
  ModelState state;
  state.conditions.assign(1, RegionConditions{});
  double births = 0;
  for (std::uint32_t t = 0; t < 20; ++t) {
    Tick tick(*world, t);
    update_demography(tick.context, p, state);  // no population: no startups
    births += state.births_by_region[0];
  }
  EXPECT_EQ(births, 0.0);
  state.conditions[0].incubator_startups_per_year = 40.0;
  state.conditions[0].startup_grant = 2.0;
  Tick tick(*world, 99);
  update_demography(tick.context, p, state);
  ASSERT_GT(state.births_by_region[0], 0.0);
  tick.changes.apply(*world);
  EXPECT_EQ(world->agents.capital()[1], p.startup_capital + 2.0);
}

}  // namespace
}  // namespace clustersim::model_tests
