// The initial-network generators: well-formed edge lists, and each family's
// signature property (lattice clustering falling with rewiring, binomial
// degrees, a heavy-tailed degree distribution).
#include "sim/graph_generators.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <stdexcept>
#include <vector>

namespace clustersim::sim {
namespace {

RandomStream stream(std::uint64_t seed = 7) {
  return RandomStream(seed, 0, 1, Purpose::Test);
}

std::vector<std::vector<std::uint32_t>> adjacency(std::uint32_t n, const LocalEdges& edges) {
  std::vector<std::vector<std::uint32_t>> adj(n);
  for (const auto& [a, b] : edges) {
    adj[a].push_back(b);
    adj[b].push_back(a);
  }
  for (auto& row : adj) std::sort(row.begin(), row.end());
  return adj;
}

/// Mean local clustering coefficient (vertices with fewer than two ties count 0).
double mean_clustering(std::uint32_t n, const LocalEdges& edges) {
  const auto adj = adjacency(n, edges);
  double total = 0;
  for (std::uint32_t v = 0; v < n; ++v) {
    const auto& row = adj[v];
    if (row.size() < 2) continue;
    std::size_t closed = 0;
    for (std::size_t i = 0; i < row.size(); ++i) {
      for (std::size_t j = i + 1; j < row.size(); ++j) {
        closed += std::binary_search(adj[row[i]].begin(), adj[row[i]].end(), row[j]);
      }
    }
    const auto k = static_cast<double>(row.size());
    total += 2.0 * static_cast<double>(closed) / (k * (k - 1.0));
  }
  return total / n;
}

std::vector<std::size_t> degrees(std::uint32_t n, const LocalEdges& edges) {
  std::vector<std::size_t> d(n, 0);
  for (const auto& [a, b] : edges) {
    ++d[a];
    ++d[b];
  }
  return d;
}

void expect_simple_graph(std::uint32_t n, const LocalEdges& edges) {
  std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
  for (const auto& e : edges) {
    EXPECT_LT(e.first, e.second);
    EXPECT_LT(e.second, n);
    EXPECT_TRUE(seen.insert(e).second) << e.first << "-" << e.second << " twice";
  }
  EXPECT_TRUE(std::is_sorted(edges.begin(), edges.end()));
}

TEST(GraphGenerators, EveryFamilyGivesASimpleGraphAndRepeatsItsStream) {
  for (const double rewiring : {0.0, 0.3, 1.0}) {
    auto a = stream(), b = stream();
    const LocalEdges edges = watts_strogatz_edges(300, 6, rewiring, a);
    expect_simple_graph(300, edges);
    EXPECT_EQ(edges.size(), 900u);  // rewiring moves ties, it never adds or drops them
    EXPECT_EQ(edges, watts_strogatz_edges(300, 6, rewiring, b));
  }
  auto a = stream(), b = stream();
  const LocalEdges er = erdos_renyi_edges(300, 6, a);
  expect_simple_graph(300, er);
  EXPECT_EQ(er, erdos_renyi_edges(300, 6, b));
  auto c = stream(), d = stream();
  const LocalEdges ba = preferential_attachment_edges(300, 6, c);
  expect_simple_graph(300, ba);
  EXPECT_EQ(ba, preferential_attachment_edges(300, 6, d));
  auto other = stream(8);
  EXPECT_NE(er, erdos_renyi_edges(300, 6, other));
}

TEST(GraphGenerators, SmallGroupsBecomeCompleteAndBadArgumentsAreRefused) {
  auto rng = stream();
  EXPECT_EQ(watts_strogatz_edges(4, 6, 0.5, rng).size(), 6u);
  EXPECT_EQ(erdos_renyi_edges(5, 100, rng).size(), 10u);
  EXPECT_EQ(preferential_attachment_edges(3, 6, rng).size(), 3u);
  EXPECT_TRUE(watts_strogatz_edges(1, 4, 0.5, rng).empty());
  EXPECT_TRUE(erdos_renyi_edges(100, 0, rng).empty());
  EXPECT_THROW(watts_strogatz_edges(100, 5, 0.1, rng), std::invalid_argument);
  EXPECT_THROW(watts_strogatz_edges(100, 4, 1.5, rng), std::invalid_argument);
  EXPECT_THROW(erdos_renyi_edges(100, -1, rng), std::invalid_argument);
}

TEST(GraphGenerators, WattsStrogatzClusteringFallsWithRewiring) {
  const std::uint32_t n = 1000;
  const unsigned k = 10;
  auto rng = stream();
  const LocalEdges lattice = watts_strogatz_edges(n, k, 0.0, rng);
  for (const std::size_t d : degrees(n, lattice)) EXPECT_EQ(d, k);
  // A ring lattice's clustering is 3(k − 2) / (4(k − 1)) (Watts & Strogatz 1998).
  EXPECT_NEAR(mean_clustering(n, lattice), 3.0 * (k - 2) / (4.0 * (k - 1)), 1e-12);
  double previous = 1.0;
  for (const double rewiring : {0.01, 0.1, 0.5, 1.0}) {
    const double c = mean_clustering(n, watts_strogatz_edges(n, k, rewiring, rng));
    EXPECT_LT(c, previous) << "rewiring " << rewiring;
    previous = c;
  }
  // Fully rewired, clustering is that of a random graph, about k / n.
  EXPECT_LT(previous, 0.05);
}

TEST(GraphGenerators, ErdosRenyiDegreesAreBinomialAroundTheMean) {
  const std::uint32_t n = 4000;
  const double k = 8;
  auto rng = stream();
  const std::vector<std::size_t> d = degrees(n, erdos_renyi_edges(n, k, rng));
  const double mean = std::accumulate(d.begin(), d.end(), 0.0) / n;
  double var = 0;
  for (const std::size_t x : d)
    var += (static_cast<double>(x) - mean) * (static_cast<double>(x) - mean);
  var /= n - 1;
  // 16,000 edges: the mean's standard error is about 0.06.
  EXPECT_NEAR(mean, k, 0.25);
  EXPECT_NEAR(var, k * (1 - k / (n - 1)), 1.5);
}

TEST(GraphGenerators, PreferentialAttachmentHasHubsThatRandomGraphsLack) {
  const std::uint32_t n = 5000;
  auto rng = stream();
  const std::vector<std::size_t> ba = degrees(n, preferential_attachment_edges(n, 6, rng));
  const std::vector<std::size_t> er = degrees(n, erdos_renyi_edges(n, 6, rng));
  const double mean = std::accumulate(ba.begin(), ba.end(), 0.0) / n;
  EXPECT_NEAR(mean, 6.0, 0.1);
  EXPECT_GE(*std::min_element(ba.begin(), ba.end()), 3u);  // every newcomer brings m = 3 ties
  const std::size_t ba_max = *std::max_element(ba.begin(), ba.end());
  const std::size_t er_max = *std::max_element(er.begin(), er.end());
  EXPECT_GT(ba_max, 10 * 6u);
  EXPECT_LT(er_max, 4 * 6u);
  // The hubs are the oldest vertices: the core outranks the late half.
  const double core = std::accumulate(ba.begin(), ba.begin() + 50, 0.0) / 50;
  const double late = std::accumulate(ba.begin() + n / 2, ba.end(), 0.0) / (n / 2);
  EXPECT_GT(core, 5 * late);
}

}  // namespace
}  // namespace clustersim::sim
