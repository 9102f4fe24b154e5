// Shared state of the phases: region index, regional labour markets, local
// clustering of the network.
#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <limits>
#include <numeric>

#include "models/mechanisms/phases.hpp"
#include "sim/parallel.hpp"

namespace clustersim::mechanisms {

using parameters::ModelParams;

namespace {
constexpr std::uint32_t kNoMark = std::numeric_limits<std::uint32_t>::max();
}  // namespace

const RegionConditions& conditions_of(const ModelState& state, std::size_t r) {
  static const RegionConditions kNeutral{};  // immutable: safe to share between threads
  return r < state.conditions.size() ? state.conditions[r] : kNeutral;
}

namespace {

/// Each pool starts knowing what the region's firms know on average (its job
/// seekers worked in firms like these); a region without firms starts at the
/// mean of the initial stock, initial_knowledge / 2 per field.
void start_pool_knowledge(const sim::World& world, const ModelParams& p, ModelState& state) {
  const sim::AgentStore& agents = world.agents;
  const std::size_t regions = world.regions.size();
  const std::size_t fields = agents.fields();
  const std::size_t width = fields + 1;  // field sums, firms
  const std::vector<double> sums = sim::deterministic_accumulate(
      agents.size(), regions * width, [&](std::size_t s, double* table) {
        if (!sim::is_firm(agents.kinds()[s])) return;
        double* row = table + agents.regions()[s] * width;
        const std::span<const float> k = agents.knowledge(s);
        for (std::size_t f = 0; f < fields; ++f) row[f] += k[f];
        row[fields] += 1.0;
      });
  state.pool_knowledge.assign(regions * fields, 0.5 * p.initial_knowledge);
  for (std::size_t r = 0; r < regions; ++r) {
    const double firms = sums[r * width + fields];
    if (firms <= 0) continue;
    for (std::size_t f = 0; f < fields; ++f) {
      state.pool_knowledge[r * fields + f] = sums[r * width + f] / firms;
    }
  }
  state.layoffs.assign(regions, 0.0);
  state.layoff_knowledge.assign(regions * fields, 0.0);
}

}  // namespace

void ensure_region_state(const sim::World& world, const ModelParams& p, ModelState& state) {
  const std::size_t regions = world.regions.size();
  if (state.pool_knowledge.size() != regions * world.agents.fields()) {
    start_pool_knowledge(world, p, state);
  }
  if (state.wage.size() == regions) return;
  state.wage.assign(regions, p.wage);
  state.labour_pool.resize(regions);
  for (std::size_t r = 0; r < regions; ++r) {
    state.labour_pool[r] = p.labour_pool_per_million * world.regions[r].population / 1e6;
  }
  state.labour_demand.assign(regions, 0.0);
  state.labour_supply.assign(regions, 0.0);
}

double mean_of(std::span<const float> knowledge) {
  if (knowledge.empty()) return 0.0;
  return std::accumulate(knowledge.begin(), knowledge.end(), 0.0) /
         static_cast<double>(knowledge.size());
}

void index_regions(const sim::World& world, ModelState& state) {
  // Counting sort by region; slot order is kept inside each region.
  const sim::AgentStore& agents = world.agents;
  const std::size_t regions = world.regions.size();
  state.region_start.assign(regions + 1, 0);
  for (std::size_t s = 0; s < agents.size(); ++s) ++state.region_start[agents.regions()[s] + 1u];
  for (std::size_t r = 0; r < regions; ++r) state.region_start[r + 1] += state.region_start[r];
  state.region_members.resize(agents.size());
  std::vector<std::uint32_t> fill(state.region_start.begin(), state.region_start.end() - 1);
  for (std::size_t s = 0; s < agents.size(); ++s) {
    state.region_members[fill[agents.regions()[s]]++] = static_cast<std::uint32_t>(s);
  }
}

void compute_clustering(const sim::World& world, ModelState& state) {
  const sim::Network& network = world.network;
  const std::size_t n = world.agents.size();
  state.clustering.assign(n, 0.0f);
  // Each thread marks an agent's partners in its own array and counts, for
  // every partner, how many of that partner's partners carry the mark: every
  // triangle through the agent is seen from both of its other corners. The
  // counts are integers, so the result does not depend on the threads; marks
  // are slot numbers, so the arrays need clearing only once per call.
  tbb::enumerable_thread_specific<std::vector<std::uint32_t>> marks(
      [n] { return std::vector<std::uint32_t>(n, kNoMark); });
  sim::for_slot_ranges(n, [&](std::size_t begin, std::size_t end) {
    std::vector<std::uint32_t>& mark = marks.local();
    for (std::size_t s = begin; s < end; ++s) {
      const auto v = static_cast<std::uint32_t>(s);
      const auto mine = network.neighbours(v);
      const std::size_t k = mine.size();
      if (k < 2) continue;
      for (const std::uint32_t j : mine) mark[j] = v;
      std::size_t links = 0;
      for (const std::uint32_t j : mine) {
        for (const std::uint32_t x : network.neighbours(j)) links += mark[x] == v ? 1u : 0u;
      }
      state.clustering[s] =
          static_cast<float>(static_cast<double>(links) / static_cast<double>(k * (k - 1)));
    }
  });
  state.clustering_fresh = true;
}

}  // namespace clustersim::mechanisms
