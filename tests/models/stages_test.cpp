// The stage rules: entry conditions, one stage at a time after N ticks,
// fall back after M ticks, every change recorded, and the growth and birth
// measures they are judged on.
#include "models/institutions/stages.hpp"
#include "model_namespaces.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace clustersim::model_tests {
namespace {

ModelParams params() {
  ModelParams p = ModelParams::defaults();
  p.stage_advance_ticks = 3;
  p.stage_fallback_ticks = 2;
  return p;
}

/// Measures that meet the conditions of stages 1..`stage` and no later one.
RegionMeasures meeting(int stage, const ModelParams& p) {
  RegionMeasures m;
  if (stage >= 1) {
    m.mean_knowledge = p.stage1_min_knowledge;
    m.firms = p.stage1_min_firms;
  }
  if (stage >= 2) {
    m.smes = p.stage2_min_smes;
    m.firms = std::max(m.firms, m.smes);
    m.stable_tie_share = p.stage2_min_stable_ties;
    m.infrastructure = p.stage2_min_infrastructure;
  }
  if (stage >= 3) {
    m.value_added_growth = p.stage3_min_growth;
    m.birth_rate = p.stage3_min_birth_rate;
  }
  if (stage >= 4) {
    m.large_firms = p.stage4_min_large_firms;
    m.external_ties = p.stage4_min_external_ties_per_firm * m.firms;
    m.infrastructure = std::max(m.infrastructure, p.stage4_min_infrastructure);
  }
  return m;
}

TEST(Stages, ConditionsHoldExactlyAtTheirThresholds) {
  const ModelParams p = params();
  for (int s = 1; s <= kMaxStage; ++s) {
    EXPECT_TRUE(stage_conditions_hold(s, meeting(s, p), p)) << s;
    EXPECT_FALSE(stage_conditions_hold(s, meeting(s - 1, p), p)) << s;
  }
  RegionMeasures below = meeting(1, p);
  below.mean_knowledge = p.stage1_min_knowledge * 0.999;
  EXPECT_FALSE(stage_conditions_hold(1, below, p));
  EXPECT_TRUE(stage_conditions_hold(0, RegionMeasures{}, p));
}

TEST(Stages, AdvanceOneStageAtATimeAfterTheirConditionsHoldNTicks) {
  const ModelParams p = params();
  StageTracker t;
  t.reset(1);
  const RegionMeasures all = meeting(4, p);
  std::vector<int> seen;
  for (std::uint32_t tick = 1; tick <= 14; ++tick) {
    t.update(tick, 0, all, p);
    seen.push_back(t.stage(0));
  }
  // Everything holds from the start, yet each stage waits its three ticks.
  EXPECT_EQ(seen, (std::vector<int>{0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4}));
  ASSERT_EQ(t.transitions().size(), 4u);
  for (int k = 0; k < 4; ++k) {
    EXPECT_EQ(t.transitions()[k].tick, 3u * (k + 1));
    EXPECT_EQ(t.transitions()[k].from, k);
    EXPECT_EQ(t.transitions()[k].to, k + 1);
  }
}

TEST(Stages, NoStageIsSkipped) {
  const ModelParams p = params();
  StageTracker t;
  t.reset(1);
  // Stages 2-4 look reached but stage 1 is not: nothing moves.
  RegionMeasures m = meeting(4, p);
  m.mean_knowledge = 0.0;
  for (std::uint32_t tick = 1; tick <= 20; ++tick) EXPECT_EQ(t.update(tick, 0, m, p), 0);
  EXPECT_EQ(t.stage(0), 0);
  EXPECT_TRUE(t.transitions().empty());
}

TEST(Stages, AnInterruptionRestartsTheCount) {
  const ModelParams p = params();
  StageTracker t;
  t.reset(1);
  t.update(1, 0, meeting(1, p), p);
  t.update(2, 0, meeting(1, p), p);
  t.update(3, 0, meeting(0, p), p);  // one bad tick
  t.update(4, 0, meeting(1, p), p);
  t.update(5, 0, meeting(1, p), p);
  EXPECT_EQ(t.stage(0), 0);
  EXPECT_EQ(t.update(6, 0, meeting(1, p), p), 1);
  EXPECT_EQ(t.stage(0), 1);
}

TEST(Stages, FallBackOneStageAfterConditionsFailMTicks) {
  const ModelParams p = params();
  StageTracker t;
  t.reset(1);
  std::uint32_t tick = 0;
  while (t.stage(0) < 4) t.update(++tick, 0, meeting(4, p), p);
  ASSERT_EQ(tick, 12u);
  // The anchor core goes: one tick is not enough, two are.
  EXPECT_EQ(t.update(++tick, 0, meeting(3, p), p), 0);
  EXPECT_EQ(t.update(++tick, 0, meeting(3, p), p), -1);
  EXPECT_EQ(t.stage(0), 3);
  EXPECT_EQ(t.last_change(0), -1);
  // Stage 3 holds again: the region stays there.
  for (int i = 0; i < 5; ++i) EXPECT_EQ(t.update(++tick, 0, meeting(3, p), p), 0);
  // Everything fails: one stage every two ticks, never two at once.
  std::vector<int> seen;
  for (int i = 0; i < 8; ++i) {
    t.update(++tick, 0, meeting(0, p), p);
    seen.push_back(t.stage(0));
  }
  EXPECT_EQ(seen, (std::vector<int>{3, 2, 2, 1, 1, 0, 0, 0}));
  const auto& log = t.transitions();
  ASSERT_EQ(log.size(), 8u);
  EXPECT_EQ(log[4].tick, 14u);
  EXPECT_EQ(log[4].from, 4);
  EXPECT_EQ(log[4].to, 3);
  EXPECT_EQ(log.back().from, 1);
  EXPECT_EQ(log.back().to, 0);
}

TEST(Stages, RegionsAreTrackedSeparately) {
  const ModelParams p = params();
  StageTracker t;
  t.reset(2);
  for (std::uint32_t tick = 1; tick <= 3; ++tick) {
    t.update(tick, 0, meeting(4, p), p);
    t.update(tick, 1, meeting(0, p), p);
  }
  EXPECT_EQ(t.stage(0), 1);
  EXPECT_EQ(t.stage(1), 0);
  ASSERT_EQ(t.transitions().size(), 1u);
  EXPECT_EQ(t.transitions()[0].region, 0u);
}

TEST(Stages, TheStartingStageIsDiagnosedFromTheInitialIndicators) {
  const ModelParams p = params();
  StageTracker t;
  t.reset(3);
  t.diagnose(0, meeting(2, p), p);
  RegionMeasures gap = meeting(4, p);
  gap.smes = 0;  // stage 2 fails, so 3 and 4 cannot count
  t.diagnose(1, gap, p);
  t.diagnose(2, meeting(0, p), p);
  EXPECT_EQ(t.stage(0), 2);
  EXPECT_EQ(t.stage(1), 1);
  EXPECT_EQ(t.stage(2), 0);
  EXPECT_TRUE(t.transitions().empty());
}

TEST(Stages, GrowthAndBirthRateAreMeasuredOverTheLastYear) {
  sim::World world(2, sim::RegionTable({{"R", 0, 0, 1e6, 0.0, 0.5}}));
  sim::NewAgent firm;
  firm.kind = sim::AgentKind::Sme;
  firm.employees = 10;
  world.agents.add(firm);
  world.agents.add(firm);
  world.network.add_vertices(2);
  world.network.commit();
  const ModelParams p = params();
  MeasureHistory history;
  history.reset(1, 0.5);  // two ticks make a year
  ASSERT_EQ(history.window, 2u);
  const std::vector<double> values = {100, 105, 121};
  const std::vector<double> births = {1, 0, 3};
  std::vector<RegionMeasures> m;
  for (std::size_t t = 0; t < values.size(); ++t) {
    world.agents.value_added()[0] = values[t] / 2;
    world.agents.value_added()[1] = values[t] / 2;
    m = measure_regions(world, p, 0.5, {births[t]}, {}, {0.25}, &history);
    if (t < 2) {
      EXPECT_EQ(m[0].value_added_growth, 0.0) << "less than a year of history";
    }
  }
  EXPECT_DOUBLE_EQ(m[0].value_added, 121.0);
  EXPECT_NEAR(m[0].value_added_growth, 0.21, 1e-12);           // 121 / 100 over one year
  EXPECT_DOUBLE_EQ(m[0].birth_rate, (0.0 + 3.0) / 1.0 / 2.0);  // last year's births per firm
  EXPECT_DOUBLE_EQ(m[0].infrastructure, 0.75);
  EXPECT_EQ(m[0].firms, 2.0);
  EXPECT_EQ(m[0].smes, 2.0);
}

}  // namespace
}  // namespace clustersim::model_tests
