#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include "tools/sweep/plan.hpp"
#include "tools/sweep/runner.hpp"

namespace clustersim::sweep {
namespace {

SweepSpec spec(const std::string& text) {
  return parse_sweep("base: demo.yaml\n" + text, "sweep.yaml");
}

std::vector<double> column(const std::vector<std::vector<std::string>>& points, std::size_t d) {
  std::vector<double> out;
  for (const auto& p : points) out.push_back(std::stod(p[d]));
  return out;
}

TEST(Seeds, AreTheDocumentedSplitMix64Hash) {
  // f(x) = SplitMix64 output of x + golden gamma; seed = f(f(f(base) ^ point) ^ replicate) >> 1.
  const auto f = [](std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
  };
  for (std::uint64_t p : {0u, 1u, 17u}) {
    for (std::uint64_t r : {0u, 3u}) EXPECT_EQ(derive_seed(7, p, r), f(f(f(7) ^ p) ^ r) >> 1);
  }
  EXPECT_EQ(derive_seed(7, 0, 0), 11241344834629033336ull >> 1);  // pinned: manifests stay valid
  // Below 2^63 for every run, so R and pandas read them exactly.
  for (std::uint64_t p = 0; p < 1000; ++p) EXPECT_LT(derive_seed(7, p, 0), std::uint64_t{1} << 63);
}

TEST(Seeds, DoNotOverlapWithinOrBetweenSweeps) {
  std::set<std::uint64_t> seen;
  for (std::uint64_t base : {1u, 2u}) {
    for (std::uint64_t p = 0; p < 200; ++p) {
      for (std::uint64_t r = 0; r < 20; ++r)
        EXPECT_TRUE(seen.insert(derive_seed(base, p, r)).second);
    }
  }
}

TEST(Design, GridVariesTheFirstParameterSlowest) {
  const auto points = design_points(
      spec("parameters:\n  a: [1, 2]\n  b: {min: 0.01, max: 1, log: true, steps: 3}\n"));
  ASSERT_EQ(points.size(), 6u);
  EXPECT_EQ(points[0], (std::vector<std::string>{"1", "0.01"}));
  EXPECT_EQ(points[2], (std::vector<std::string>{"1", "1"}));
  EXPECT_EQ(points[3][0], "2");
  EXPECT_NEAR(std::stod(points[1][1]), 0.1, 1e-12);
}

TEST(Design, ZipPairsTheIthValues) {
  const auto points =
      design_points(spec("design: zip\nparameters:\n  a: [1, 2, 3]\n  b: {min: 0, max: 10, steps: "
                         "3, integer: true}\n"));
  ASSERT_EQ(points.size(), 3u);
  EXPECT_EQ(points[1], (std::vector<std::string>{"2", "5"}));
  EXPECT_EQ(points[2], (std::vector<std::string>{"3", "10"}));
}

TEST(Design, LatinHypercubePutsOnePointInEveryStratum) {
  const SweepSpec s = spec(
      "design: lhs\npoints: 50\nseed: 3\nparameters:\n  a: {min: 0, max: 1}\n  b: {min: 5, max: "
      "54, integer: true}\n");
  const auto points = design_points(s);
  ASSERT_EQ(points.size(), 50u);
  std::vector<double> strata = column(points, 0);
  for (double& v : strata) v = std::floor(v * 50);
  std::sort(strata.begin(), strata.end());
  for (std::size_t i = 0; i < 50; ++i) EXPECT_EQ(strata[i], static_cast<double>(i));
  std::vector<double> integers = column(points, 1);
  std::sort(integers.begin(), integers.end());
  for (std::size_t i = 0; i < 50; ++i) EXPECT_EQ(integers[i], 5.0 + static_cast<double>(i));
  EXPECT_EQ(design_points(s), points);  // deterministic
  const SweepSpec other = spec(
      "design: lhs\npoints: 50\nseed: 4\nparameters:\n  a: {min: 0, max: 1}\n  b: {min: 5, max: "
      "54, integer: true}\n");
  EXPECT_NE(design_points(other), points);
}

TEST(Design, SobolFollowsTheSequenceAfterItsOrigin) {
  const auto points = design_points(spec(
      "design: sobol\npoints: 64\nparameters:\n  a: {min: 0, max: 1}\n  b: {min: 10, max: 20}\n"));
  ASSERT_EQ(points.size(), 64u);
  EXPECT_EQ(points[0], (std::vector<std::string>{"0.5", "15"}));
  for (const double v : column(points, 1)) {
    EXPECT_GE(v, 10.0);
    EXPECT_LT(v, 20.0);
  }
  // Low discrepancy: every eighth of [0, 1) holds 8 of the first 64 points (63 after the origin, +
  // the next).
  std::vector<int> counts(8);
  for (const double v : column(points, 0)) ++counts[static_cast<std::size_t>(v * 8)];
  for (const int c : counts) EXPECT_NEAR(c, 8, 1);
}

TEST(Plan, ManifestIsDeterministicAndPointMajor) {
  const SweepSpec s =
      spec("parameters:\n  model.link_cost: [0.1, 0.2, 0.3]\nreplicates: 4\nseed: 11\n");
  const Plan a = make_plan(s), b = make_plan(s);
  EXPECT_EQ(a.manifest_text(), b.manifest_text());
  ASSERT_EQ(a.runs.size(), 12u);
  EXPECT_EQ(a.runs[5].id, "0005");
  EXPECT_EQ(a.runs[5].point, 1u);
  EXPECT_EQ(a.runs[5].replicate, 1u);
  EXPECT_EQ(a.runs[5].seed, derive_seed(11, 1, 1));
  EXPECT_EQ(a.manifest_text().substr(0, a.manifest_text().find('\n')),
            "run_id,point,replicate,seed,model.link_cost");
  const std::vector<scenario::Override> o = a.overrides(a.runs[5]);
  ASSERT_EQ(o.size(), 1u);
  EXPECT_EQ(o[0].path + "=" + o[0].value, "model.link_cost=0.2");
}

TEST(Tasks, ShareTheRunsContiguouslyAndEvenly) {
  for (std::size_t runs : {0u, 1u, 7u, 100u}) {
    for (std::size_t tasks : {1u, 3u, 8u}) {
      std::size_t expected_first = 0;
      for (std::size_t t = 0; t < tasks; ++t) {
        const auto [first, last] = task_share(runs, t, tasks);
        EXPECT_EQ(first, expected_first);
        EXPECT_LE(last - first, runs / tasks + 1);
        EXPECT_GE(last - first, runs / tasks);
        expected_first = last;
      }
      EXPECT_EQ(expected_first, runs);
    }
  }
}

}  // namespace
}  // namespace clustersim::sweep
