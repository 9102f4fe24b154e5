#include "sim/graph_generators.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_set>

namespace clustersim::sim {
namespace {

std::uint64_t pair_key(std::uint32_t a, std::uint32_t b) {
  return (static_cast<std::uint64_t>(std::min(a, b)) << 32) | std::max(a, b);
}

LocalEdges sorted_edges(const std::unordered_set<std::uint64_t>& keys) {
  LocalEdges edges;
  edges.reserve(keys.size());
  for (const std::uint64_t k : keys) {
    edges.emplace_back(static_cast<std::uint32_t>(k >> 32), static_cast<std::uint32_t>(k));
  }
  std::sort(edges.begin(), edges.end());
  return edges;
}

LocalEdges complete_edges(std::uint32_t n) {
  LocalEdges edges;
  for (std::uint32_t a = 0; a < n; ++a) {
    for (std::uint32_t b = a + 1; b < n; ++b) edges.emplace_back(a, b);
  }
  return edges;
}

}  // namespace

LocalEdges watts_strogatz_edges(std::uint32_t n, unsigned degree, double rewiring,
                                RandomStream& rng) {
  if (degree % 2 != 0) throw std::invalid_argument("watts_strogatz: degree must be even");
  if (!(rewiring >= 0.0 && rewiring <= 1.0)) {
    throw std::invalid_argument("watts_strogatz: rewiring must lie in [0, 1]");
  }
  if (n < 2 || degree == 0) return {};
  if (degree >= n - 1) return complete_edges(n);
  const std::uint32_t half = degree / 2;
  std::unordered_set<std::uint64_t> edges;
  edges.reserve(static_cast<std::size_t>(n) * half * 2);
  std::vector<std::uint32_t> ties(n, degree);  // degree of every vertex, to skip full ones
  for (std::uint32_t i = 0; i < n; ++i) {
    for (std::uint32_t j = 1; j <= half; ++j) edges.insert(pair_key(i, (i + j) % n));
  }
  for (std::uint32_t j = 1; j <= half; ++j) {
    for (std::uint32_t i = 0; i < n; ++i) {
      const std::uint32_t far = (i + j) % n;
      if (!rng.bernoulli(rewiring) || ties[i] >= n - 1) continue;
      // Rejection sampling: i has at most n − 2 partners here, so a free
      // vertex exists; the bound only guards against an unlucky stream.
      for (int attempt = 0; attempt < 1000; ++attempt) {
        const std::uint32_t t = rng.below(n);
        if (t == i || edges.count(pair_key(i, t))) continue;
        edges.erase(pair_key(i, far));
        edges.insert(pair_key(i, t));
        --ties[far];
        ++ties[t];
        break;
      }
    }
  }
  return sorted_edges(edges);
}

LocalEdges erdos_renyi_edges(std::uint32_t n, double mean_degree, RandomStream& rng) {
  if (!(mean_degree >= 0.0)) throw std::invalid_argument("erdos_renyi: mean degree below 0");
  if (n < 2) return {};
  const double p = std::min(1.0, mean_degree / static_cast<double>(n - 1));
  if (p <= 0.0) return {};
  if (p >= 1.0) return complete_edges(n);
  // Pairs (w, v) with w < v in the order (1,0), (2,0), (2,1), (3,0), …; the gap
  // to the next accepted pair is geometric with parameter p.
  LocalEdges edges;
  const double log_q = std::log1p(-p);
  std::int64_t v = 1, w = -1;
  while (v < n) {
    const double u = rng.uniform();
    w += 1 + static_cast<std::int64_t>(std::floor(std::log1p(-u) / log_q));
    while (w >= v && v < n) {
      w -= v;
      ++v;
    }
    if (v < n) edges.emplace_back(static_cast<std::uint32_t>(w), static_cast<std::uint32_t>(v));
  }
  std::sort(edges.begin(), edges.end());
  return edges;
}

LocalEdges preferential_attachment_edges(std::uint32_t n, unsigned degree, RandomStream& rng) {
  const std::uint32_t m = (degree + 1) / 2;
  if (n < 2 || m == 0) return {};
  if (n <= m + 1) return complete_edges(n);
  LocalEdges edges = complete_edges(m + 1);
  // Every tie lists both its ends once, so a uniform entry of `ends` is a
  // vertex drawn in proportion to its degree.
  std::vector<std::uint32_t> ends;
  ends.reserve(2 * (edges.size() + static_cast<std::size_t>(n) * m));
  for (const auto& [a, b] : edges) {
    ends.push_back(a);
    ends.push_back(b);
  }
  std::vector<std::uint32_t> chosen;
  for (std::uint32_t v = m + 1; v < n; ++v) {
    chosen.clear();
    const auto pool = static_cast<std::uint32_t>(ends.size());
    while (chosen.size() < m) {
      const std::uint32_t t = ends[rng.below(pool)];
      if (std::find(chosen.begin(), chosen.end(), t) == chosen.end()) chosen.push_back(t);
    }
    for (const std::uint32_t t : chosen) {
      edges.emplace_back(t, v);
      ends.push_back(t);
      ends.push_back(v);
    }
  }
  std::sort(edges.begin(), edges.end());
  return edges;
}

}  // namespace clustersim::sim
