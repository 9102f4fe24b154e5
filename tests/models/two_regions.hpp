#pragma once
// The small two-region country several model tests run: Almaty-like A and
// Astana-like B, with the agent counts each test needs.
#include <array>
#include <cstdint>
#include <string>

#include "model_namespaces.hpp"
#include "models/cluster_model/scenario.hpp"

namespace clustersim::model_tests {

/// Agent counts in AgentKind order: large firms, SMEs, universities,
/// governments, civil society.
using KindCounts = std::array<int, sim::kAgentKindCount>;

inline Scenario two_region_scenario(const std::string& name, std::uint64_t seed,
                                    const KindCounts& a_counts, const KindCounts& b_counts) {
  Scenario s;
  s.name = name;
  s.seed = seed;
  s.tick_length = 0.25;
  RegionSpec a;
  a.region = {"A", 43.24, 76.89, 1.7e6, 0.6, 0.8};
  a.agents.counts = a_counts;
  RegionSpec b;
  b.region = {"B", 51.17, 71.45, 0.9e6, 0.8, 0.4};
  b.agents.counts = b_counts;
  s.regions = {a, b};
  return s;
}

}  // namespace clustersim::model_tests
