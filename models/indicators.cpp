// Per-region indicators, computed every tick with sums whose order does not
// depend on the number of threads.
#include <numeric>

#include "models/cluster_model.hpp"
#include "models/phases.hpp"
#include "sim/parallel.hpp"

namespace clustersim::models {

namespace {
// Columns of the per-region accumulation, in the order of indicator_series().
enum Column : std::size_t {
  kLargeFirms,
  kSmes,
  kUniversities,
  kGovernments,
  kCivilSociety,
  kEmployees,
  kValueAdded,
  kCapital,
  kFirmKnowledge,
  kInternalHalfEdges,
  kExternalHalfEdges,
  kColumns
};
}  // namespace

std::vector<sim::SeriesInfo> indicator_series() {
  return {
      {"large_firms", "firms", "large IT firms (staff at or above large_firm_threshold)"},
      {"smes", "firms", "small and medium IT firms, startups included"},
      {"universities", "agents", "universities"},
      {"governments", "agents", "government agents (national and regional)"},
      {"civil_society", "agents", "civil-society organisations"},
      {"employees", "persons", "staff of all IT firms"},
      {"value_added", "million tenge / year", "IT value added, annual rate"},
      {"capital", "million tenge", "capital held by IT firms"},
      {"mean_knowledge", "knowledge units", "mean over IT firms of their mean knowledge per field"},
      {"edges", "links", "cooperation links with both ends in the region"},
      {"external_edges", "links", "cooperation links from the region to other regions"},
      {"density", "1", "links inside the region over possible pairs of its agents"},
      {"births", "firms / tick", "startups and spin-offs that entered this tick"},
      {"exits", "firms / tick", "firms that left this tick (capital exhausted)"},
  };
}

void compute_indicators(sim::World& world, const ModelState& state) {
  const sim::AgentStore& agents = world.agents;
  const sim::Network& network = world.network;
  const std::size_t regions = world.regions.size();
  if (world.indicators.series_count() == 0) {
    world.indicators = sim::IndicatorTable(indicator_series(), regions);
  }
  const std::vector<double> sums = sim::deterministic_accumulate(
      agents.size(), regions * kColumns, [&](std::size_t s, double* table) {
        const std::size_t r = agents.regions()[s];
        double* row = table + r * kColumns;
        const sim::AgentKind kind = agents.kinds()[s];
        row[static_cast<std::size_t>(kind)] += 1.0;  // kinds map onto the first columns
        if (sim::is_firm(kind)) {
          const std::span<const float> k = agents.knowledge(s);
          row[kEmployees] += agents.employees()[s];
          row[kValueAdded] += agents.value_added()[s];
          row[kCapital] += agents.capital()[s];
          row[kFirmKnowledge] +=
              std::accumulate(k.begin(), k.end(), 0.0) / static_cast<double>(k.size());
        }
        for (const std::uint32_t partner : network.neighbours(static_cast<std::uint32_t>(s))) {
          row[agents.regions()[partner] == r ? kInternalHalfEdges : kExternalHalfEdges] += 1.0;
        }
      });
  sim::IndicatorTable& out = world.indicators;
  for (std::size_t r = 0; r < regions; ++r) {
    const double* row = sums.data() + r * kColumns;
    const double firms = row[kLargeFirms] + row[kSmes];
    const double agents_here =
        row[kLargeFirms] + row[kSmes] + row[kUniversities] + row[kGovernments] + row[kCivilSociety];
    const double edges =
        row[kInternalHalfEdges] / 2.0;  // each internal edge counted from both ends
    std::size_t i = 0;
    for (std::size_t c = kLargeFirms; c <= kCivilSociety; ++c) out.at(i++, r) = row[c];
    out.at(i++, r) = row[kEmployees];
    out.at(i++, r) = row[kValueAdded];
    out.at(i++, r) = row[kCapital];
    out.at(i++, r) = firms > 0 ? row[kFirmKnowledge] / firms : 0.0;
    out.at(i++, r) = edges;
    out.at(i++, r) = row[kExternalHalfEdges];
    out.at(i++, r) = agents_here > 1 ? edges / (agents_here * (agents_here - 1) / 2.0) : 0.0;
    out.at(i++, r) = state.births_by_region.empty() ? 0.0 : state.births_by_region[r];
    out.at(i++, r) = state.exits_by_region.empty() ? 0.0 : state.exits_by_region[r];
  }
}

}  // namespace clustersim::models
