// Zombie firms: unconditional subsidy money that finds no productive use is
// partly taken by firms that lose money. Seen in behaviour: it keeps firms
// alive that would have exited, with their staff, and they go once the
// support stops; support paid against results keeps no one alive.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

#include "model_namespaces.hpp"
#include "models/institutions/policy.hpp"
#include "run_model.hpp"
#include "sim/engine.hpp"

namespace clustersim::model_tests {
namespace {

using institutions::Instrument;

/// stage_skipping's regions with the budget on the two subsidies only (R&D
/// tax relief and start-up support), spent in every region whatever its stage.
Scenario subsidies_everywhere() {
  Scenario s = shipped_scenario("stage_skipping.yaml");
  for (auto& is : s.institutions.policy.instruments) is.share = 0;
  s.institutions.policy.instruments[static_cast<std::size_t>(Instrument::BusinessReceptivity)]
      .share = 0.5;
  s.institutions.policy.instruments[static_cast<std::size_t>(Instrument::HardFactors)].share = 0.5;
  return s;
}

struct ZombieRun {
  double exits = 0;             ///< over the run
  double loss_maker_staff = 0;  ///< staff of firms losing money, summed over ticks
  std::vector<double> zombies;  ///< per tick
  /// Ids of the zombies at tick `mark`, and which of them are alive at the end.
  std::set<sim::AgentId> marked, survivors;
};

ZombieRun run_recorded(const Scenario& s, std::uint32_t ticks, std::uint32_t mark = 0) {
  struct Record : sim::Observer {
    ZombieRun r;
    std::uint32_t mark, ticks;
    void on_tick_end(const sim::Snapshot& snap) override {
      const sim::IndicatorTable& table = snap.world.indicators;
      const sim::AgentStore& agents = snap.world.agents;
      for (const double v : table.row(table.index_of("exits"))) r.exits += v;
      double zombies = 0;
      for (const double v : table.row(table.index_of("zombie_firms"))) zombies += v;
      r.zombies.push_back(zombies);
      for (std::size_t s = 0; s < agents.size(); ++s) {
        if (!sim::is_firm(agents.kinds()[s])) continue;
        const bool losing = agents.operating_profit()[s] < 0;
        if (losing) r.loss_maker_staff += agents.employees()[s];
        if (snap.tick == mark && losing && agents.capital()[s] < agents.support()[s]) {
          r.marked.insert(agents.ids()[s]);
        }
        if (snap.tick == ticks && r.marked.count(agents.ids()[s]) != 0) {
          r.survivors.insert(agents.ids()[s]);
        }
      }
    }
  } record;
  record.mark = mark;
  record.ticks = ticks;
  run_model(s, 2, ticks, record);
  return record.r;
}

TEST(ZombieFirms, CapturedSubsidiesKeepLossMakingFirmsAndTheirStaff) {
  Scenario s = subsidies_everywhere();
  double exits_with = 0, exits_without = 0, staff_with = 0, staff_without = 0, zombies = 0;
  for (const std::uint64_t seed : {1u, 2u, 3u}) {
    s.seed = seed;
    s.model.zombie_capture = 0.5;
    const ZombieRun with = run_recorded(s, 24);
    s.model.zombie_capture = 0;
    const ZombieRun without = run_recorded(s, 24);
    exits_with += with.exits;
    exits_without += without.exits;
    staff_with += with.loss_maker_staff;
    staff_without += without.loss_maker_staff;
    for (const double z : with.zombies) zombies += z;
  }
  EXPECT_GT(zombies, 0);
  EXPECT_LT(exits_with, exits_without);
  EXPECT_GT(staff_with, staff_without);
}

TEST(ZombieFirms, MostZombiesExitWithinTwoYearsOnceTheSupportStops) {
  Scenario s = subsidies_everywhere();
  s.institutions.policy.end_year = 5;  // the last allocation at tick 19
  std::size_t marked = 0, survivors = 0;
  for (const std::uint64_t seed : {1u, 2u, 3u}) {
    s.seed = seed;
    const ZombieRun r = run_recorded(s, 28, 20);
    marked += r.marked.size();
    survivors += r.survivors.size();
  }
  ASSERT_GT(marked, 3u) << "too few zombies at the end of the policy to test";
  EXPECT_LT(static_cast<double>(survivors), 0.5 * static_cast<double>(marked))
      << survivors << " of " << marked << " zombies still alive two years later";
}

TEST(ZombieFirms, SupportPaidAgainstResultsIsNotCaptured) {
  Scenario s = subsidies_everywhere();
  for (auto& is : s.institutions.policy.instruments) is.conditional = true;
  const ZombieRun r = run_recorded(s, 24);
  for (const double z : r.zombies) EXPECT_EQ(z, 0);
}

TEST(ZombieFirms, CaptureGoesToLossMakersInProportionToTheirLossesAndNoFurther) {
  std::vector<double> operating = {-4, 10, -1, 0};
  std::vector<double> capital = {1, 1, 1, 1}, support(4, 0.0);
  const std::vector<std::uint32_t> firms = {0, 1, 2, 3};
  // Losses over half a year: 2 and 0.5.
  EXPECT_DOUBLE_EQ(
      institutions::capture_by_loss_makers(1.0, firms, operating, 0.5, capital, support), 1.0);
  EXPECT_DOUBLE_EQ(support[0], 0.8);
  EXPECT_DOUBLE_EQ(support[2], 0.2);
  EXPECT_EQ(support[1], 0);
  EXPECT_EQ(support[3], 0);
  EXPECT_DOUBLE_EQ(capital[0], 1.8);
  // More money than the losses: only the losses are taken.
  EXPECT_DOUBLE_EQ(
      institutions::capture_by_loss_makers(10.0, firms, operating, 0.5, capital, support), 2.5);
}

}  // namespace
}  // namespace clustersim::model_tests
