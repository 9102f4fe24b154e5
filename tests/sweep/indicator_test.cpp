#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "models/scenario/reader.hpp"
#include "output/run_reader.hpp"
#include "tools/run/scenario_run.hpp"
#include "tools/sweep/collector.hpp"

namespace clustersim::sweep {
namespace {

/// Two regions, rows at steps 0..3: a = 1, 2, 3, 4 and b = 10, 20, 30, 40.
output::SeriesData sample() {
  output::SeriesData s;
  s.step = {0, 1, 2, 3};
  s.time = {0, 0.25, 0.5, 0.75};
  s.value = {1, 10, 2, 20, 3, 30, 4, 40};
  s.regions = 2;
  return s;
}

IndicatorSpec indicator(Statistic stat, RegionAggregate agg = RegionAggregate::Total,
                        std::string region = "") {
  IndicatorSpec i;
  i.name = "x";
  i.series = "s";
  i.statistic = stat;
  i.aggregate = agg;
  i.region = std::move(region);
  return i;
}

TEST(Indicator, StatisticsOverWindowsAndRegions) {
  const std::vector<std::string> regions{"a", "b"};
  EXPECT_EQ(compute_indicator(indicator(Statistic::Final), sample(), regions), 44);
  EXPECT_EQ(
      compute_indicator(indicator(Statistic::Final, RegionAggregate::Mean), sample(), regions), 22);
  EXPECT_EQ(
      compute_indicator(indicator(Statistic::Final, RegionAggregate::One, "b"), sample(), regions),
      40);
  IndicatorSpec mean = indicator(Statistic::Mean, RegionAggregate::One, "a");
  mean.from_tick = 1;
  mean.to_tick = 2;
  EXPECT_EQ(compute_indicator(mean, sample(), regions), 2.5);
  EXPECT_EQ(compute_indicator(indicator(Statistic::Max), sample(), regions), 44);
  EXPECT_EQ(compute_indicator(indicator(Statistic::Min), sample(), regions), 11);
  IndicatorSpec reach = indicator(Statistic::Reach);
  reach.threshold = 30;
  EXPECT_EQ(compute_indicator(reach, sample(), regions), 2);  // 33 at step 2
  reach.threshold = 1000;
  EXPECT_TRUE(std::isnan(compute_indicator(reach, sample(), regions)));
  reach.threshold = 15;
  reach.below = true;
  EXPECT_EQ(compute_indicator(reach, sample(), regions), 0);
  IndicatorSpec empty = indicator(Statistic::Mean);
  empty.from_tick = 9;
  EXPECT_TRUE(std::isnan(compute_indicator(empty, sample(), regions)));
  EXPECT_THROW(
      compute_indicator(indicator(Statistic::Final, RegionAggregate::One, "c"), sample(), regions),
      std::runtime_error);
}

TEST(RunReader, ReadsWhatARunWrote) {
  const cluster_model::Scenario scenario = scenario::parse_scenario(R"(
name: reader
ticks: 3
regions:
  - {name: North, lat: 50, lon: 70, agents: {large_firms: 1, smes: 5, universities: 1}}
  - {name: South, lat: 43, lon: 76, agents: {smes: 3}}
)",
                                                                    "reader.yaml");
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("sweep_reader_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::filesystem::create_directories(dir);
  run::RunRequest request;
  request.scenario = scenario;
  request.output = dir / "run.h5";
  request.threads = 1;
  request.force = true;
  const run::RunResult result = run::run_scenario(request);
  ASSERT_EQ(result.outcome, sim::RunOutcome::Completed);

  const output::RunReader reader(dir / "run.h5");
  EXPECT_EQ(reader.status(), "complete");
  EXPECT_EQ(reader.regions(), (std::vector<std::string>{"North", "South"}));
  const std::vector<std::string> names = reader.series_names();
  EXPECT_NE(std::find(names.begin(), names.end(), "smes"), names.end());
  const output::SeriesData smes = reader.series("smes");
  EXPECT_EQ(smes.regions, 2u);
  EXPECT_EQ(smes.step, (std::vector<std::int64_t>{0, 1, 2, 3}));
  EXPECT_EQ(smes.time.back(), 0.75);
  const sim::IndicatorTable& t = result.world->indicators;
  EXPECT_EQ(smes.at(3, 1), t.at(t.index_of("smes"), 1));  // the final state, as recorded
  EXPECT_THROW(reader.series("no_such_series"), output::OutputError);
  EXPECT_THROW(output::RunReader(dir / "missing.h5"), output::OutputError);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace clustersim::sweep
