#include <gtest/gtest.h>

#include <string>

#include "models/scenario/reader.hpp"
#include "tools/sweep/sweep_file.hpp"

namespace clustersim::sweep {
namespace {

SweepSpec parse(const std::string& text) {
  return parse_sweep(text, "dir/sweep.yaml");
}

/// The error's full text for a sweep that must be refused.
std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const scenario::ScenarioError& e) {
    return e.what();
  }
  ADD_FAILURE() << "accepted:\n" << text;
  return "";
}

TEST(SweepFile, ReadsEveryPart) {
  const SweepSpec s = parse(R"(
base: ../demo.yaml
set: {ticks: 5}
parameters:
  model.link_cost: [0.1, 0.2]
  regions[0].agents.smes: {min: 10, max: 50, integer: true, steps: 3}
replicates: 4
seed: 99
indicators:
  - {series: value_added}
  - {name: big, series: smes, stat: reach, threshold: 100, region: Almaty, from: 2, to: 9}
)");
  EXPECT_EQ(s.base, std::filesystem::path("dir/../demo.yaml"));
  ASSERT_EQ(s.set.size(), 1u);
  EXPECT_EQ(s.set[0].first, "ticks");
  ASSERT_EQ(s.parameters.size(), 2u);
  EXPECT_EQ(s.parameters[0].values, (std::vector<std::string>{"0.1", "0.2"}));
  EXPECT_TRUE(s.parameters[1].is_range);
  EXPECT_TRUE(s.parameters[1].integer);
  EXPECT_EQ(s.parameters[1].steps, 3u);
  EXPECT_EQ(s.replicates, 4u);
  EXPECT_EQ(s.seed, 99u);
  ASSERT_EQ(s.indicators.size(), 2u);
  EXPECT_EQ(s.indicators[0].name, "value_added_final");
  EXPECT_EQ(s.indicators[1].statistic, Statistic::Reach);
  EXPECT_EQ(s.indicators[1].aggregate, RegionAggregate::One);
  EXPECT_EQ(s.indicators[1].to_tick, 9);
}

TEST(SweepFile, ResolvedTextReadsBackToTheSameSweep) {
  const SweepSpec s = parse(R"(
base: demo.yaml
design: lhs
points: 5
parameters:
  model.link_cost: {min: 0.01, max: 1, log: true}
  model.rd_efficiency: [1, 2, 3]
indicators: [{series: edges, stat: mean, region: mean, from: 3}]
)");
  const std::string text = resolved_sweep_text(s, "scenario.yaml");
  const SweepSpec again = parse_sweep(text, "plan/sweep.yaml");
  EXPECT_EQ(resolved_sweep_text(again, "scenario.yaml"), text);
  EXPECT_EQ(again.base, std::filesystem::path("plan/scenario.yaml"));
}

TEST(SweepFile, ErrorsNameFileLineColumnAndPath) {
  EXPECT_EQ(error_of("base: d.yaml\nparameters:\n  model.x: [1]\nreplicate: 3\n"),
            "dir/sweep.yaml:4:1: replicate: unknown key; did you mean 'replicates'?");
  EXPECT_EQ(error_of("base: d.yaml\nparameters:\n  model.x: {min: 2, max: 1, steps: 2}\n"),
            "dir/sweep.yaml:3:26: parameters.model.x.max: max must be greater than min");
  EXPECT_EQ(error_of("base: d.yaml\ndesign: lhd\npoints: 3\nparameters: {a: [1]}\n"),
            "dir/sweep.yaml:2:9: design: unknown design 'lhd'; expected grid, list, zip, lhs or "
            "sobol (did you mean 'lhs'?)");
  EXPECT_EQ(error_of("base: d.yaml\nparameters:\n  a: [1]\n  a: [2]\n"),
            "dir/sweep.yaml:4:3: parameters.a: duplicate key (first given at line 3)");
}

// Sweep files are read by the scenario's located-YAML reader, with its checks.
TEST(SweepFile, TextProblemsAreLocatedAsInAScenario) {
  EXPECT_EQ(error_of(std::string("base: d.yaml\nseed: 1\0\n", 22)),
            "dir/sweep.yaml:2:8: file is not UTF-8 text (a NUL or invalid byte here)");
  EXPECT_EQ(error_of("base: d.yaml\nseed: \xff\n"),
            "dir/sweep.yaml:2:7: file is not UTF-8 text (a NUL or invalid byte here)");
  EXPECT_EQ(error_of(" \n\n"), "dir/sweep.yaml:1:1: file is empty");
  EXPECT_EQ(error_of("base: d.yaml\nseed: [1\n").rfind("dir/sweep.yaml:3:1: ", 0), 0u)
      << error_of("base: d.yaml\nseed: [1\n");
  EXPECT_EQ(error_of("base: d.yaml\nparameters: {a: [1]}\nseed: [1]\n"),
            "dir/sweep.yaml:3:7: seed: expected a whole number from 0 to 18446744073709551615");
}

TEST(SweepFile, RefusesInconsistentDesigns) {
  EXPECT_NE(error_of("base: d.yaml\nparameters: {a: {min: 0, max: 1}}\n").find("needs `steps`"),
            std::string::npos);
  EXPECT_NE(
      error_of("base: d.yaml\ndesign: lhs\nparameters: {a: [1, 2]}\n").find("points: required"),
      std::string::npos);
  EXPECT_NE(error_of("base: d.yaml\ndesign: zip\nparameters: {a: [1, 2], b: [1]}\n")
                .find("same number of values"),
            std::string::npos);
  EXPECT_NE(error_of("base: d.yaml\nparameters: {seed: [1, 2]}\n").find("replicates"),
            std::string::npos);
  EXPECT_NE(error_of("base: d.yaml\nparameters: {a: {min: 0, max: 1, log: true, steps: 2}}\n")
                .find("min > 0"),
            std::string::npos);
  EXPECT_NE(error_of("base: d.yaml\nparameters: {a: [1]}\nindicators: [{series: x, stat: final, "
                     "threshold: 1}]\n")
                .find("only `reach` takes a threshold"),
            std::string::npos);
  EXPECT_NE(error_of("base: d.yaml\ndesign: list\npoints: [{a: 1}, {b: 2}]\n").find("points[1].b"),
            std::string::npos);
}

}  // namespace
}  // namespace clustersim::sweep
