// Labour mobility as a channel of knowledge and of distance: workers carry
// what they know into a region's pool, firms learn from the workers they hire,
// and migrants go more to near regions than to far ones (docs/MODEL.md 7.3).
// Each test builds a small country and compares two situations that differ in
// one respect, so a mechanism that ignored that respect would fail it.
#include <gtest/gtest.h>

#include <memory>
#include <numeric>
#include <vector>

#include "model_namespaces.hpp"
#include "models/cluster_model/cluster_model.hpp"
#include "models/mechanisms/phases.hpp"
#include "two_regions.hpp"

namespace clustersim::model_tests {
namespace {

using sim::AgentKind;

sim::NewAgent firm(float knowledge, sim::RegionIndex region) {
  sim::NewAgent a;
  a.kind = AgentKind::Sme;
  a.firm_type = sim::FirmType::Content;
  a.region = region;
  a.knowledge = {knowledge, knowledge};
  a.employees = 10;
  a.capital = 100;
  return a;
}

/// One SME per entry, in region i with knowledge[i] in both fields, then the
/// other agents given.
std::unique_ptr<sim::World> country(const std::vector<float>& knowledge,
                                    std::vector<sim::Region> regions,
                                    const std::vector<sim::NewAgent>& others = {}) {
  auto world = std::make_unique<sim::World>(2, sim::RegionTable(std::move(regions)));
  for (std::size_t r = 0; r < knowledge.size(); ++r) {
    world->agents.add(firm(knowledge[r], static_cast<sim::RegionIndex>(r)));
  }
  for (const sim::NewAgent& a : others) world->agents.add(a);
  world->network.add_vertices(knowledge.size() + others.size());
  world->network.commit();
  return world;
}

struct Tick {
  sim::StructuralChanges changes;
  sim::TickContext context;
  explicit Tick(sim::World& world) : context{0, 7, 0.25, world, changes} {}
};

ModelParams quiet_params() {
  ModelParams p = ModelParams::defaults();
  p.productivity_shock_sd = 0.0;
  p.labour_attrition = 0.0;
  return p;
}

double knowledge_sum(const sim::World& world, std::size_t slot) {
  const std::span<const float> k = world.agents.knowledge(slot);
  return std::accumulate(k.begin(), k.end(), 0.0);
}

/// Region A pays more than region B; B's firm knows `b_knowledge`, A's knows
/// 1. Workers migrate from B to A, then A's firm hires. Returns the knowledge
/// A's firm gained.
double gain_of_firm_hiring_in_a(float b_knowledge) {
  auto world = country({1.0f, b_knowledge}, {{"A", 43.2, 76.9, 1e6}, {"B", 51.2, 71.4, 1e6}});
  const ModelParams p = quiet_params();
  ModelState state;
  ensure_region_state(*world, p, state);
  state.wage = {3.0, 2.0};
  Tick tick(*world);
  update_labour_markets(tick.context, p, state);
  EXPECT_GT(state.migrants_in[0], 0.0);
  const double before = knowledge_sum(*world, 0);
  produce(tick.context, p, state);
  EXPECT_GT(world->agents.employees()[0], 10.0f) << "A's firm should have hired";
  EXPECT_NEAR(state.knowledge_from_hires[0], knowledge_sum(*world, 0) - before, 1e-5);
  return knowledge_sum(*world, 0) - before;
}

TEST(LabourMobility, HiresFromAPoolFedByAMoreKnowledgeableRegionBringKnowledge) {
  const double from_knowledgeable = gain_of_firm_hiring_in_a(5.0f);
  const double from_equal = gain_of_firm_hiring_in_a(1.0f);
  EXPECT_GT(from_knowledgeable, 1e-4);
  EXPECT_NEAR(from_equal, 0.0, 1e-6);
}

TEST(LabourMobility, HiresCarryNothingWhenTheTransferIsOff) {
  auto world = country({1.0f, 5.0f}, {{"A", 43.2, 76.9, 1e6}, {"B", 51.2, 71.4, 1e6}});
  ModelParams p = quiet_params();
  p.hire_knowledge_transfer = 0.0;
  ModelState state;
  ensure_region_state(*world, p, state);
  state.wage = {3.0, 2.0};
  Tick tick(*world);
  update_labour_markets(tick.context, p, state);
  ASSERT_GT(state.pool_knowledge[0], 1.0);  // the migrants did bring knowledge
  produce(tick.context, p, state);
  ASSERT_GT(world->agents.employees()[0], 10.0f);
  EXPECT_DOUBLE_EQ(knowledge_sum(*world, 0), 2.0);
}

/// A low-wage source S, a near region N (about 330 km) and a far one F (about
/// 2,200 km) that pay the same. Firms know 5 in S and 1 in N and F.
struct ThreeRegions {
  std::unique_ptr<sim::World> world =
      country({5.0f, 1.0f, 1.0f}, {{"S", 0, 0, 1e6}, {"N", 0, 3, 1e6}, {"F", 0, 20, 1e6}});
  ModelState state;
  explicit ThreeRegions(const ModelParams& p) {
    ensure_region_state(*world, p, state);
    state.wage = {2.0, 3.0, 3.0};
  }
};

TEST(LabourMobility, MigrantsGoMoreToTheNearRegionThanToTheFarOne) {
  const ModelParams p = quiet_params();
  ThreeRegions c(p);
  Tick tick(*c.world);
  update_labour_markets(tick.context, p, c.state);
  EXPECT_GT(c.state.migrants_in[2], 0.0);
  EXPECT_GT(c.state.migrants_in[1], 2.0 * c.state.migrants_in[2]);
  EXPECT_DOUBLE_EQ(c.state.migrants_in[0], 0.0);  // nobody moves to the low-wage region
}

TEST(LabourMobility, WithAVeryLongDistanceScaleNearAndFarAreAlike) {
  ModelParams p = quiet_params();
  p.migration_distance_scale_km = 1e6;
  ThreeRegions c(p);
  Tick tick(*c.world);
  update_labour_markets(tick.context, p, c.state);
  EXPECT_GT(c.state.migrants_in[2], 0.0);
  EXPECT_NEAR(c.state.migrants_in[1], c.state.migrants_in[2], 0.01 * c.state.migrants_in[2]);
}

TEST(LabourMobility, KnowledgeReachesTheNearRegionsFirmsMoreThanTheFarOnes) {
  const ModelParams p = quiet_params();
  ThreeRegions c(p);
  Tick tick(*c.world);
  double near = 0, far = 0;
  for (int t = 0; t < 4; ++t) {  // a year of migration and hiring
    c.state.wage = {2.0, 3.0, 3.0};
    update_labour_markets(tick.context, p, c.state);
    produce(tick.context, p, c.state);
    near += c.state.knowledge_from_hires[1];
    far += c.state.knowledge_from_hires[2];
  }
  EXPECT_GT(far, 0.0);
  EXPECT_GT(near, 1.5 * far);
  EXPECT_GT(knowledge_sum(*c.world, 1), knowledge_sum(*c.world, 2));
}

TEST(LabourMobility, GraduatesBringTheirUniversitysKnowledgeIntoThePool) {
  sim::NewAgent university;
  university.kind = AgentKind::University;
  university.firm_type = sim::FirmType::None;
  university.knowledge = {20.0f, 20.0f};
  auto world = country({1.0f}, {{"A", 0, 0, 1e6}}, {university});
  ModelParams p = quiet_params();
  ModelState state;
  ensure_region_state(*world, p, state);
  ASSERT_DOUBLE_EQ(state.pool_knowledge[0], 1.0);  // the pool starts where the firms are
  Tick tick(*world);
  update_labour_markets(tick.context, p, state);
  const double with_graduates = state.pool_knowledge[0];
  EXPECT_GT(with_graduates, 1.0);
  // Graduates who carry nothing dilute the pool instead.
  p.graduate_knowledge_share = 0.0;
  ModelState plain;
  ensure_region_state(*world, p, plain);
  update_labour_markets(tick.context, p, plain);
  EXPECT_LT(plain.pool_knowledge[0], 1.0);
}

TEST(LabourMobility, LaidOffWorkersCarryTheirFirmsKnowledgeIntoThePool) {
  // Two regions' pools start equal; in A a knowledgeable firm loses money and
  // lays workers off, so A's pool comes to know more than B's.
  auto world = country({1.0f, 1.0f}, {{"A", 0, 0, 1e6}, {"B", 0, 1, 1e6}});
  const ModelParams p = quiet_params();
  ModelState state;
  ensure_region_state(*world, p, state);
  for (float& k : world->agents.knowledge(0)) k = 8.0f;
  state.wage = {100.0, 100.0};  // wages far above output: both firms lay off
  Tick tick(*world);
  produce(tick.context, p, state);
  ASSERT_LT(world->agents.employees()[0], 10.0f);
  state.wage = {3.0, 3.0};  // no migration between them
  update_labour_markets(tick.context, p, state);
  EXPECT_GT(state.pool_knowledge[0], 1.0);
  EXPECT_NEAR(state.pool_knowledge[2], 1.0, 1e-9);  // B's laid-off workers knew what its pool knew
}

// The whole model: with hires carrying knowledge the observable reports it,
// and a run in which they carry none reports nothing and ends with less
// knowledge in the firms that hire.
TEST(LabourMobility, TheWholeModelReportsKnowledgeFromHires) {
  auto run = [](double transfer) {
    Scenario s = two_region_scenario("mobility", 11, {3, 40, 2, 1, 1}, {1, 20, 1, 1, 0});
    s.model.hire_knowledge_transfer = transfer;
    auto world = build_world(s);
    sim::Engine engine{*world, sim::EngineOptions{s.seed, 1, s.tick_length}};
    ClusterModel model{s.model};
    model.attach(engine, *world);
    double total = 0;
    for (int t = 0; t < 12; ++t) {
      engine.run(1);
      const sim::IndicatorTable& table = world->indicators;
      for (std::size_t i = 0; i < table.series_count(); ++i) {
        if (table.series()[i].name != "knowledge_from_hires") continue;
        for (const double v : table.row(i)) total += v;
      }
    }
    return total;
  };
  EXPECT_GT(run(0.5), 0.0);
  EXPECT_EQ(run(0.0), 0.0);
}

}  // namespace
}  // namespace clustersim::model_tests
