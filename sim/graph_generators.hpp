#pragma once
// Random graph generators for a group of n vertices (the agents of one region
// at the start of a run): the classic families a network experiment varies.
// They return edges between local indices 0..n−1; the caller maps them to
// agents. Each generator draws only from the stream it is given, so a run's
// initial network is reproducible from its seed.
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/random.hpp"

namespace clustersim::sim {

/// Undirected edges (a, b) with a < b, each pair once, no self-ties, sorted.
using LocalEdges = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

/// Watts & Strogatz (1998): a ring on which each vertex is tied to its `degree`
/// nearest neighbours (degree/2 on each side), after which every lattice tie,
/// round by round, moves its far end with probability `rewiring` to a vertex
/// drawn uniformly among those not yet tied to it. rewiring 0 keeps the lattice
/// (high clustering, long paths), 1 gives a random graph of the same density.
/// degree must be even; where degree ≥ n the group is complete.
LocalEdges watts_strogatz_edges(std::uint32_t n, unsigned degree, double rewiring,
                                RandomStream& rng);

/// Erdős & Rényi G(n, p) with p = mean_degree / (n − 1), clipped to [0, 1]:
/// every pair independently, so degrees are binomial (Poisson for large n).
/// Skips between accepted pairs geometrically (Batagelj & Brandes 2005), so the
/// cost grows with the edges, not with n².
LocalEdges erdos_renyi_edges(std::uint32_t n, double mean_degree, RandomStream& rng);

/// Barabási & Albert (1999) preferential attachment: a complete core of
/// m + 1 vertices, m = ⌈degree/2⌉, then each further vertex ties to m distinct
/// earlier vertices drawn with probability proportional to their degree. The
/// mean degree approaches 2m and the degree distribution has a power-law tail
/// (exponent about 3).
LocalEdges preferential_attachment_edges(std::uint32_t n, unsigned degree, RandomStream& rng);

}  // namespace clustersim::sim
