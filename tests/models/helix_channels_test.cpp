// The helix governance modes as channels that act (docs/MODEL.md 7.8): each
// test changes what a channel works on and checks that its outcome moves the
// way the mechanism says, and does not move where the mode closes it.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <functional>
#include <vector>

#include "model_namespaces.hpp"
#include "models/cluster_model/cluster_model.hpp"
#include "models/institutions/governance.hpp"
#include "models/mechanisms/phases.hpp"
#include "run_model.hpp"
#include "sim/random.hpp"
#include "two_regions.hpp"

namespace clustersim::model_tests {
namespace {

using sim::AgentKind;
using sim::EdgeKind;

// ---- civil society ----------------------------------------------------------

/// Mean participation over `ticks` ticks with the same draws every call.
double mean_participation(const ModelParams& p, int organisations, int ticks) {
  GovernanceState g;
  g.reset(1, p);
  sim::RandomStream rng(1, 0, 0, sim::Purpose::CivilSociety);
  double sum = 0;
  for (int t = 0; t < ticks; ++t) {
    const double z = rng.normal();
    const double u = rng.uniform();
    update_civil_society(g, 0, p, 0.25, z, u, organisations);
    sum += g.civil_participation[0];
  }
  return sum / ticks;
}

TEST(HelixChannels, MoreOrganisationsParticipateMore) {
  const ModelParams p = ModelParams::defaults();
  const double one = mean_participation(p, 1, 400);
  const double three = mean_participation(p, 3, 400);
  const double ten = mean_participation(p, 10, 400);
  EXPECT_GT(one, 0.0);
  EXPECT_GT(three, 1.2 * one);
  EXPECT_GT(ten, 1.2 * three);
  EXPECT_EQ(mean_participation(p, 0, 400), 0.0);
}

/// Episodes of pressure started in `ticks` ticks at interest held fixed.
int episodes_at(double interest, int ticks) {
  ModelParams p = ModelParams::defaults();
  p.civil_interest_reversion = 0.0;  // interest stays where it is put
  p.civil_interest_volatility = 0.0;
  p.political_pressure_years = 0.25;  // one tick, so an episode can start every other tick
  GovernanceState g;
  g.reset(1, p);
  g.civil_interest[0] = interest;
  sim::RandomStream rng(2, 0, 0, sim::Purpose::CivilSociety);
  int started = 0;
  for (int t = 0; t < ticks; ++t) {
    const bool before = g.pressure_years_left[0] > 0.0;
    update_civil_society(g, 0, p, 0.25, 0.0, rng.uniform(), 3);
    started += !before && g.pressure_years_left[0] > 0.0 ? 1 : 0;
  }
  return started;
}

TEST(HelixChannels, PressureComesMoreOftenWhenInterestWanes) {
  const int low = episodes_at(0.05, 4000);
  const int middle = episodes_at(0.3, 4000);
  const int high = episodes_at(0.6, 4000);  // above the mean of 0.5
  EXPECT_GT(low, middle * 3 / 2);
  EXPECT_GT(middle, 50);
  EXPECT_EQ(high, 0);
}

/// Every tie of a run's end, by kind of each end and kind of tie.
struct TieCensus {
  int civil_ties = 0, civil_ties_of_other_kind = 0, civil_kind_without_cso = 0;
  int university_ties = 0, government_ties = 0;
};

TieCensus census(const sim::World& world) {
  TieCensus c;
  const sim::AgentStore& agents = world.agents;
  for (std::uint32_t v = 0; v < agents.size(); ++v) {
    const auto partners = world.network.neighbours(v);
    const auto ties = world.network.attributes(v);
    for (std::size_t i = 0; i < partners.size(); ++i) {
      const AgentKind a = agents.kinds()[v], b = agents.kinds()[partners[i]];
      const bool cso = a == AgentKind::CivilSociety || b == AgentKind::CivilSociety;
      c.civil_ties += cso ? 1 : 0;
      c.civil_ties_of_other_kind += cso && ties[i].kind != EdgeKind::CivilSociety ? 1 : 0;
      c.civil_kind_without_cso += !cso && ties[i].kind == EdgeKind::CivilSociety ? 1 : 0;
      c.university_ties += a == AgentKind::University || b == AgentKind::University ? 1 : 0;
      c.government_ties += a == AgentKind::Government || b == AgentKind::Government ? 1 : 0;
    }
  }
  return c;
}

Scenario helix(GovernanceMode mode, int organisations = 3) {
  Scenario s = two_region_scenario("helix", 7, {5, 60, 3, 1, organisations}, {2, 30, 1, 1, 1});
  if (mode < GovernanceMode::QuadrupleHelix) {
    s.regions[0].agents.counts[4] = 0;
    s.regions[1].agents.counts[4] = 0;
  }
  s.institutions.governance = mode;
  return s;
}

struct NoObserver : sim::Observer {};

TEST(HelixChannels, CivilSocietyTiesAreTheirOwnKind) {
  Scenario s = helix(GovernanceMode::QuadrupleHelix, 4);
  s.model.link_formation_rate = 6.0;
  auto world = build_world(s);
  const TieCensus initial = census(*world);
  EXPECT_GT(initial.civil_ties, 0);
  EXPECT_EQ(initial.civil_ties_of_other_kind, 0);
  EXPECT_EQ(initial.civil_kind_without_cso, 0);
  sim::Engine engine(*world, sim::EngineOptions{s.seed, 2, s.tick_length});
  ClusterModel model(s.model, s.institutions);
  model.attach(engine, *world);
  engine.run(8);
  const TieCensus later = census(*world);
  EXPECT_GT(later.civil_ties, 0);
  EXPECT_EQ(later.civil_ties_of_other_kind, 0);
  EXPECT_EQ(later.civil_kind_without_cso, 0);
}

// ---- universities -----------------------------------------------------------

struct Totals {
  double births = 0, innovations = 0, firm_knowledge = 0;
  double participation_a = 0;  ///< civil participation of region A, summed over ticks
};

/// Births over a run and the firms' summed knowledge at its end.
Totals run_totals(const Scenario& s, std::uint32_t ticks) {
  struct Births : sim::Observer {
    double sum = 0, innovations = 0, participation_a = 0;
    void on_tick_end(const sim::Snapshot& snap) override {
      const sim::IndicatorTable& t = snap.world.indicators;
      for (const double v : t.row(t.index_of("births"))) sum += v;
      for (const double v : t.row(t.index_of("innovations"))) innovations += v;
      participation_a += t.row(t.index_of("civil_participation"))[0];
    }
  } births;
  const auto world = run_model(s, 2, ticks, births);
  Totals out;
  out.births = births.sum;
  out.innovations = births.innovations;
  out.participation_a = births.participation_a;
  for (std::uint32_t v = 0; v < world->agents.size(); ++v) {
    if (!sim::is_firm(world->agents.kinds()[v])) continue;
    for (const float k : world->agents.knowledge(v)) out.firm_knowledge += k;
  }
  return out;
}

// The measured problem: 3 or 10 organisations in a region gave the same
// participation. Same seed, same interest path; more organisations reach more.
TEST(HelixChannels, InARunMoreOrganisationsParticipateMore) {
  const double three = run_totals(helix(GovernanceMode::QuadrupleHelix, 3), 16).participation_a;
  const double ten = run_totals(helix(GovernanceMode::QuadrupleHelix, 10), 16).participation_a;
  EXPECT_GT(three, 0.0);
  EXPECT_GT(ten, 1.3 * three);
}

// Demand for innovation from civil society draws innovation; without civil
// society (triple helix) the same parameter does nothing.
TEST(HelixChannels, CivilSocietyDemandRaisesInnovation) {
  Scenario s = helix(GovernanceMode::QuadrupleHelix, 4);
  s.model.civil_demand_effect = 0.0;
  const double without = run_totals(s, 16).innovations;
  s.model.civil_demand_effect = 2.0;
  EXPECT_GT(run_totals(s, 16).innovations, 1.1 * without);
  Scenario triple = helix(GovernanceMode::TripleHelix);
  triple.model.civil_demand_effect = 0.0;
  const Totals a = run_totals(triple, 16);
  triple.model.civil_demand_effect = 2.0;
  EXPECT_EQ(run_totals(triple, 16).innovations, a.innovations);
}

TEST(HelixChannels, SpinOffsFollowResearchOutputAndNeedAnActiveUniversity) {
  Scenario s = helix(GovernanceMode::TripleHelix);
  s.model.startup_rate = 0.0;  // every birth is a spin-off
  s.model.spinoff_research_yield = 0.25;
  const Totals base = run_totals(s, 12);
  s.model.university_research_rate = 4.0;  // the same universities, four times the research
  const Totals more = run_totals(s, 12);
  EXPECT_GT(base.births, 5.0);
  EXPECT_GT(more.births, 2.5 * base.births);
  Scenario cluster = helix(GovernanceMode::Cluster);
  cluster.model = s.model;
  EXPECT_EQ(run_totals(cluster, 12).births, 0.0);
}

TEST(HelixChannels, InAClusterUniversitiesReachFirmsOnlyThroughGraduates) {
  Scenario s = helix(GovernanceMode::Cluster);
  s.model.graduate_knowledge_share = 0.0;  // graduates carry nothing here
  auto world = build_world(s);
  EXPECT_EQ(census(*world).university_ties, 0) << "no initial tie with a university";
  EXPECT_EQ(census(*world).government_ties, 0) << "no initial tie with a government";
  const Totals base = run_totals(s, 12);
  s.model.university_research_rate = 5.0;
  const Totals more = run_totals(s, 12);
  EXPECT_EQ(base.firm_knowledge, more.firm_knowledge) << "university research reached firms";
  // The same change reaches firms in a triple helix (ties, spin-offs) and, in
  // a cluster, through graduates once they carry knowledge.
  Scenario triple = helix(GovernanceMode::TripleHelix);
  triple.model = s.model;
  triple.model.university_research_rate = 1.0;
  const double triple_base = run_totals(triple, 12).firm_knowledge;
  triple.model.university_research_rate = 5.0;
  EXPECT_GT(run_totals(triple, 12).firm_knowledge, triple_base);
  s.model.graduate_knowledge_share = 0.3;
  s.model.university_research_rate = 1.0;
  const double graduates_base = run_totals(s, 12).firm_knowledge;
  s.model.university_research_rate = 5.0;
  EXPECT_GT(run_totals(s, 12).firm_knowledge, graduates_base);
}

// ---- government -------------------------------------------------------------

sim::NewAgent firm(sim::RegionIndex region) {
  sim::NewAgent a;
  a.kind = AgentKind::Sme;
  a.firm_type = sim::FirmType::Content;
  a.region = region;
  a.knowledge = {1, 1};
  a.employees = 10;
  a.capital = 100;
  return a;
}

/// Firms 0, 1 and 3 are alike; 0 is tied (by `tie`) to a `partner_kind`
/// agent of its own region (slot 2), 3 to one of the other region (slot 4), 1
/// to nobody.
sim::World twin_firms_with_partners(AgentKind partner_kind, EdgeKind tie) {
  sim::World world(2, sim::RegionTable({{"R", 0, 0}, {"Q", 0, 1}}));
  sim::NewAgent partner;
  partner.kind = partner_kind;
  partner.knowledge = {1, 1};
  sim::NewAgent other_partner = partner;
  other_partner.region = 1;
  for (const auto& a : {firm(0), firm(0), partner, firm(0), other_partner}) world.agents.add(a);
  world.network.add_vertices(5);
  world.network.add_edge(0, 2, {1.0f, 0, tie});
  world.network.add_edge(3, 4, {1.0f, 0, tie});
  world.network.commit();
  return world;
}

/// Value added of firms 0, 1 and 3 after one production with region 0's
/// conditions set by `set` (and every firm marked as having innovated when
/// `innovated`), without shocks or tie costs.
std::array<double, 3> twin_value_added(sim::World& world, const ModelParams& p,
                                       const std::function<void(RegionConditions&)>& set,
                                       bool innovated = false) {
  ModelState state;
  ensure_region_state(world, p, state);
  state.conditions.assign(2, RegionConditions{});
  set(state.conditions[0]);
  if (innovated) state.innovated.assign(world.agents.size(), kExplored);
  sim::StructuralChanges changes;
  sim::TickContext tick{0, 1, 0.25, world, changes};
  world.agents.capital()[0] = world.agents.capital()[1] = world.agents.capital()[3] = 100;
  produce(tick, p, state);
  return {world.agents.value_added()[0], world.agents.value_added()[1],
          world.agents.value_added()[3]};
}

ModelParams without_shocks_or_tie_costs() {
  ModelParams p = ModelParams::defaults();
  p.productivity_shock_sd = 0.0;
  p.link_cost = 0.0;
  return p;
}

TEST(HelixChannels, AFirmTiedToItsGovernmentGetsMoreOfTheProgramme) {
  sim::World world = twin_firms_with_partners(AgentKind::Government, EdgeKind::GovernmentProgramme);
  EXPECT_TRUE(in_programme(world.agents, world.network, 0));
  EXPECT_FALSE(in_programme(world.agents, world.network, 1));
  EXPECT_FALSE(in_programme(world.agents, world.network, 3));
  const ModelParams p = without_shocks_or_tie_costs();
  // No programme: the tie brings nothing.
  const auto none = twin_value_added(world, p, [](RegionConditions&) {});
  EXPECT_DOUBLE_EQ(none[0], none[1]);
  // A programme: every firm of the region gains, the tied one more.
  const auto programme =
      twin_value_added(world, p, [](RegionConditions& c) { c.hard_factor_bonus = 0.5; });
  EXPECT_GT(programme[1], none[1]);
  EXPECT_DOUBLE_EQ(programme[1], programme[2]) << "a tie to another region's government";
  const double gain_tied = programme[0] - none[0];
  const double gain_untied = programme[1] - none[1];
  EXPECT_NEAR(gain_tied, (1.0 + p.government_tie_reach) * gain_untied, 1e-9 * programme[0]);
  // R&D cost relief, the same way.
  RegionConditions c;
  c.rd_cost_factor = 0.8;
  EXPECT_DOUBLE_EQ(with_programme_reach(c, p).rd_cost_factor,
                   1.0 - 0.2 * (1.0 + p.government_tie_reach));
}

TEST(HelixChannels, AFirmTiedToACivilSocietyOrganisationMeetsMoreDemand) {
  sim::World world = twin_firms_with_partners(AgentKind::CivilSociety, EdgeKind::CivilSociety);
  const ModelParams p = without_shocks_or_tie_costs();
  const auto none = twin_value_added(
      world, p, [](RegionConditions&) {}, true);
  EXPECT_DOUBLE_EQ(none[0], none[1]) << "without demand the tie brings no value added";
  const auto demand = twin_value_added(
      world, p, [](RegionConditions& c) { c.demand_pull = 0.4; }, true);
  EXPECT_DOUBLE_EQ(demand[1], demand[2]) << "a tie to another region's organisation";
  EXPECT_NEAR(demand[0] - none[0], (1.0 + p.civil_tie_reach) * (demand[1] - none[1]),
              1e-9 * demand[0]);
}

TEST(HelixChannels, CivilSocietyTiesRaiseInnovationThroughTheDemandTheyCarry) {
  Scenario s = helix(GovernanceMode::QuadrupleHelix, 4);
  s.model.link_formation_rate = 6.0;  // more civil-society ties
  s.model.civil_tie_reach = 0.0;
  const double without = run_totals(s, 16).innovations;
  s.model.civil_tie_reach = 4.0;
  EXPECT_GT(run_totals(s, 16).innovations, without);
  // No demand (civil_demand_effect 0): the ties carry none.
  s.model.civil_demand_effect = 0.0;
  const double a = run_totals(s, 16).innovations;
  s.model.civil_tie_reach = 0.0;
  EXPECT_EQ(run_totals(s, 16).innovations, a);
}

// ---- environment ------------------------------------------------------------

/// Sign changes of the first difference of national value added.
int sign_changes(const std::vector<double>& series) {
  int changes = 0;
  double last = 0;
  for (std::size_t t = 1; t < series.size(); ++t) {
    const double d = series[t] - series[t - 1];
    if (d != 0 && last != 0 && (d > 0) != (last > 0)) ++changes;
    if (d != 0) last = d;
  }
  return changes;
}

/// National value added and the mean environmental limit over regions, per tick.
struct EnvironmentTrace {
  std::vector<double> value_added, limit;
};

EnvironmentTrace trace_environment(const Scenario& s) {
  struct Trace : sim::Observer {
    EnvironmentTrace out;
    void on_tick_end(const sim::Snapshot& snap) override {
      const sim::IndicatorTable& t = snap.world.indicators;
      double va = 0, limit = 0;
      for (const double v : t.row(t.index_of("value_added"))) va += v;
      const auto limits = t.row(t.index_of("environmental_limit"));
      for (const double v : limits) limit += v / static_cast<double>(limits.size());
      out.value_added.push_back(va);
      out.limit.push_back(limit);
    }
  } trace;
  auto world = build_world(s);
  sim::Engine engine(*world, sim::EngineOptions{s.seed, 2, s.tick_length});
  ClusterModel model(s.model, s.institutions);
  model.attach(engine, *world);
  engine.add_observer(trace);
  engine.run(s.ticks);
  return trace.out;
}

// With emissions from one tick's value added, a high output tightens the next
// tick's limit, which cuts output, which relaxes the limit: the limit and value
// added swing tick to tick. Emissions from value added averaged over a year
// take the swing out of the limit and, with it, most sign changes of value
// added. (Firms' shocks are off, so the swing is the feedback's alone; with
// them, value added on its plateau changes sign often either way.)
TEST(HelixChannels, QuintupleHelixValueAddedDoesNotSwingTickToTick) {
  Scenario s = shipped_scenario("quintuple_helix.yaml");
  s.model.productivity_shock_sd = 0.0;
  const EnvironmentTrace smooth = trace_environment(s);
  ASSERT_GE(smooth.value_added.size(), 30u);
  Scenario lagged = s;
  lagged.model.environment_memory_years = 0.0;  // emissions from this tick's value added
  const EnvironmentTrace swinging = trace_environment(lagged);
  const int ticks = static_cast<int>(smooth.value_added.size());
  EXPECT_LE(sign_changes(smooth.limit), ticks / 5);
  EXPECT_GT(sign_changes(swinging.limit), ticks / 2);
  EXPECT_LT(sign_changes(smooth.value_added) * 3, sign_changes(swinging.value_added) * 2);
  EXPECT_LT(smooth.limit.back(), 1.0) << "the limit binds in this scenario";
}

// With firms' shocks on, over five seeds: the averaged emissions halve the
// sign changes of national value added.
TEST(HelixChannels, QuintupleHelixSwingsLessOverSeedsWithShocks) {
  double smooth = 0, swinging = 0;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    Scenario s = shipped_scenario("quintuple_helix.yaml");
    s.seed = seed;
    smooth += sign_changes(trace_environment(s).value_added);
    s.model.environment_memory_years = 0.0;
    swinging += sign_changes(trace_environment(s).value_added);
  }
  EXPECT_LT(1.5 * smooth, swinging) << smooth / 5 << " against " << swinging / 5;
}

TEST(HelixChannels, GreenItRelievesTheLimitAndRaisesFirmsKnowledge) {
  Scenario s = shipped_scenario("quintuple_helix.yaml");
  s.ticks = 24;
  s.model.productivity_shock_sd = 0.0;
  s.model.green_adoption_rate = 0.0;
  const Totals brown = run_totals(s, 24);
  const double brown_limit = trace_environment(s).limit.back();
  s.model.green_adoption_rate = 0.5;
  const Totals green = run_totals(s, 24);
  EXPECT_GT(trace_environment(s).limit.back(), brown_limit);
  EXPECT_GT(green.firm_knowledge, brown.firm_knowledge);
  // The knowledge channel on its own: the same adoption without it.
  s.model.green_knowledge_effect = 0.0;
  EXPECT_GT(green.firm_knowledge, run_totals(s, 24).firm_knowledge);
}

}  // namespace
}  // namespace clustersim::model_tests
