// Stylised facts measured in a long run of the shipped demo scenario: startup
// survival at 2 and 4 years, the tail of the firm-size distribution, and
// spillover received against distance. Each is printed and checked against a
// band, so a model change that loses the pattern fails here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "model_namespaces.hpp"
#include "models/cluster_model/cluster_model.hpp"
#include "models/mechanisms/phases.hpp"
#include "models/scenario/reader.hpp"
#include "run_model.hpp"
#include "run_phase.hpp"

namespace clustersim::model_tests {
namespace {

constexpr std::uint32_t kTicks = 160;  // 40 years of quarters

/// Remembers, for every firm, the tick it was first and last seen alive.
struct Demography : sim::Observer {
  std::vector<std::int64_t> born, last_seen;
  sim::AgentId initial_ids = 0;
  std::vector<double> spillover;  // per region, summed over the run
  std::vector<float> final_staff;
  void on_run_start(const sim::Snapshot& s) override { initial_ids = s.world.agents.next_id(); }
  void on_tick_end(const sim::Snapshot& s) override {
    const sim::AgentStore& a = s.world.agents;
    born.resize(a.next_id(), -1);
    last_seen.resize(a.next_id(), -1);
    for (std::size_t i = 0; i < a.size(); ++i) {
      const sim::AgentId id = a.ids()[i];
      if (!sim::is_firm(a.kinds()[i])) continue;
      if (born[id] < 0) born[id] = id >= initial_ids ? s.tick : 0;
      last_seen[id] = s.tick;
    }
    const auto row = s.world.indicators.row(s.world.indicators.index_of("spillover_received"));
    spillover.resize(row.size(), 0.0);
    for (std::size_t r = 0; r < row.size(); ++r) spillover[r] += row[r];
  }
  void on_run_end(const sim::Snapshot& s, sim::RunOutcome) override {
    const sim::AgentStore& a = s.world.agents;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (sim::is_firm(a.kinds()[i])) final_staff.push_back(a.employees()[i]);
    }
  }
  /// Share of firms born during the first `ticks` ticks, with `years` of
  /// those ticks left after birth, that were still alive `years` later.
  double survival(double years, double tick_length, std::uint32_t ticks,
                  std::size_t* cohort) const {
    const auto horizon = static_cast<std::int64_t>(std::lround(years / tick_length));
    std::size_t n = 0, alive = 0;
    for (std::size_t id = initial_ids; id < born.size(); ++id) {
      if (born[id] < 0 || born[id] + horizon > ticks) continue;
      ++n;
      if (last_seen[id] >= born[id] + horizon) ++alive;
    }
    *cohort = n;
    return n > 0 ? static_cast<double>(alive) / static_cast<double>(n) : 0.0;
  }
};

/// Hill estimator of the Pareto tail exponent from the k largest values.
double hill_exponent(std::vector<float> x, std::size_t k) {
  std::sort(x.begin(), x.end(), std::greater<>());
  double sum = 0;
  for (std::size_t i = 0; i < k; ++i) sum += std::log(x[i] / x[k]);
  return static_cast<double>(k) / sum;
}

TEST(StylisedFacts, DemoSurvivalFirmSizesAndSpillovers) {
  const Scenario scenario = shipped_scenario("demo.yaml");
  Demography facts;
  run_model(scenario, 2, kTicks, facts);
  const auto world = build_world(scenario);  // the region table, for the report

  // Survival of the cohorts born in the first 15 years: later ones meet wages
  // several times the initial wage (the labour market tightens as the
  // clusters grow) and survive less (docs/EXPERIMENTS.md).
  constexpr std::uint32_t kCohortTicks = 60;
  std::size_t cohort2 = 0, cohort4 = 0;
  const double s2 = facts.survival(2, scenario.tick_length, kCohortTicks, &cohort2);
  const double s4 = facts.survival(4, scenario.tick_length, kCohortTicks, &cohort4);
  const std::size_t k = std::max<std::size_t>(10, facts.final_staff.size() / 10);
  const double alpha = hill_exponent(facts.final_staff, k);
  std::printf(
      "demo, cohorts of the first %u ticks: startup survival %.3f after 2 years (%zu firms), "
      "%.3f after 4 (%zu)\n",
      kCohortTicks, s2, cohort2, s4, cohort4);
  std::printf("firm sizes: %zu firms, Hill tail exponent %.2f from the largest %zu\n",
              facts.final_staff.size(), alpha, k);
  std::printf(
      "spillover received from other regions over the run, per region and distance to\n"
      "the nearest other region:\n");
  for (std::size_t r = 0; r < world->regions.size(); ++r) {
    double nearest = 1e9;
    for (std::size_t q = 0; q < world->regions.size(); ++q) {
      if (q != r) nearest = std::min(nearest, world->regions.distance_km(r, q));
    }
    std::printf("  %-20s %8.1f km  %10.2f knowledge units\n", world->regions[r].name.c_str(),
                nearest, facts.spillover[r]);
  }
  // Empirical pattern (Eurostat, OECD business demography): about two thirds
  // alive after 2 years, 40-45% after 4. Exit follows from losses and capital
  // (docs/MODEL.md 7.5), the exogenous hazard alone would leave 94% and 89%.
  // The model is not calibrated yet (the calibration issue): the 2-year rate
  // comes out near 0.6, so the band is ±0.1 around the data; the 4-year rate
  // is above the data (a firm's fate is mostly settled by its productivity and
  // the wages it meets in its first two years), so the check is that it lies
  // between the data and the 2-year rate.
  ASSERT_GT(cohort4, 200u);
  EXPECT_NEAR(s2, 0.67, 0.1);
  EXPECT_GT(s4, 0.40);
  EXPECT_LT(s4, s2);
  // A heavy (Pareto-like) upper tail: firm-size studies find exponents near 1
  // (Axtell 2001, Science 293:1818); decreasing returns to staff keep it finite.
  EXPECT_GT(alpha, 0.5);
  EXPECT_LT(alpha, 4.0);
}

}  // namespace
}  // namespace clustersim::model_tests
