// Per-region indicators, computed every tick with sums whose order does not
// depend on the number of threads, and the regional assessment indices of
// Kireyeva, Mussabalina & Tolysbaev (2018) from the simulated quantities.
#include <algorithm>
#include <cmath>
#include <optional>

#include "models/indices/regional_indices.hpp"
#include "models/observables/observables.hpp"
#include "models/parameters/agent_kinds.hpp"
#include "sim/parallel.hpp"

namespace clustersim::observables {

using indices::assessment_index;
using indices::AssessmentIndex;
using indices::herfindahl_hirschman;
using indices::krugman_specialisation;
using indices::relative_to_leader;
using indices::shares_of_total;
using institutions::compute_institution_indicators;
using institutions::institution_series;
using institutions::InstitutionState;
using mechanisms::compute_clustering;
using mechanisms::conditions_of;
using mechanisms::mean_of;
using mechanisms::ModelState;

namespace {
// Columns of the per-region accumulation: one agent count per kind (column =
// sim::AgentKind value), then these; the knowledge of firms by field follows.
enum Column : std::size_t {
  kEmployees = sim::kAgentKindCount,
  kValueAdded,
  kValueAddedProduct,
  kValueAddedContent,
  kCapital,
  kFirmKnowledge,
  kFirmKnowledgeSquared,
  kRdSpending,
  kClustering,
  kInternalHalfEdges,
  kExternalHalfEdges,
  kColumns
};

std::optional<double> ratio(double num, double den) {
  if (den > 0) return num / den;
  return std::nullopt;
}
}  // namespace

std::vector<sim::SeriesInfo> indicator_series() {
  // One count series per agent kind, named by its scenario count key.
  std::vector<sim::SeriesInfo> series;
  for (const parameters::AgentKindSpec& k : parameters::agent_kinds()) {
    series.push_back({std::string(k.count_key), std::string(k.unit), std::string(k.description)});
  }
  const std::vector<sim::SeriesInfo> firm_and_network_series = {
      {"employees", "persons", "staff of all IT firms"},
      {"value_added", "million tenge / year", "IT value added, annual rate"},
      {"value_added_product", "million tenge / year", "value added of IT product (hardware) firms"},
      {"value_added_content", "million tenge / year", "value added of IT content (software) firms"},
      {"capital", "million tenge", "capital held by IT firms"},
      {"mean_knowledge", "knowledge units", "mean over IT firms of their mean knowledge per field",
       "mean"},
      {"knowledge_dispersion", "knowledge units",
       "standard deviation over IT firms of their mean knowledge per field", "mean"},
      {"innovations", "events / tick", "innovation events of IT firms this tick"},
      {"edges", "links", "cooperation links with both ends in the region"},
      {"external_edges", "links", "cooperation links from the region to other regions"},
      {"density", "1", "links inside the region over possible pairs of its agents", "mean"},
      {"average_clustering", "1", "mean local clustering coefficient of the region's agents",
       "mean"},
      {"cross_region_share", "1", "share of the region's link ends that lead to other regions",
       "mean"},
      {"births", "firms / tick",
       "startups, incubator graduates and spin-offs that entered this tick"},
      {"exits", "firms / tick", "firms that left this tick (capital exhausted or exit hazard)"},
      {"relocations_in", "firms / tick", "firms that moved into the region this tick"},
      {"wage", "million tenge / (person * year)", "wage of skilled IT labour in the region",
       "mean"},
      {"labour_pool", "persons", "skilled workers looking for IT jobs"},
      {"spillover_received", "knowledge units / tick",
       "knowledge the region's agents absorbed from other regions' pools this tick"},
      {"rd_spending", "million tenge / year", "R&D spending of IT firms, annual rate"},
      {"it_value_added_share", "1",
       "modified Krugman index: the region's share of national IT value added", "none"},
      {"hhi_value_added", "1",
       "Herfindahl-Hirschman index of IT value added across regions (national, same in every "
       "region)",
       "mean"},
      {"krugman_specialisation", "1",
       "Krugman specialisation of firms' knowledge across fields against the country, in [0, 2]",
       "mean"},
      {"susceptibility_index", "percent", "innovative susceptibility IIS from simulated quantities",
       "mean"},
      {"activity_index", "percent", "innovative activity IIA from simulated quantities", "mean"},
      {"aggregated_index", "percent", "aggregated assessment index (IIS + IIA) / 2", "mean"},
  };
  series.insert(series.end(), firm_and_network_series.begin(), firm_and_network_series.end());
  const std::vector<sim::SeriesInfo> institutions = institution_series();
  series.insert(series.end(), institutions.begin(), institutions.end());
  return series;
}

void compute_indicators(sim::World& world, const InstitutionState& institutions,
                        ModelState& state) {
  const sim::AgentStore& agents = world.agents;
  const sim::Network& network = world.network;
  const std::size_t regions = world.regions.size();
  const std::size_t fields = agents.fields();
  const std::size_t width = kColumns + fields;
  if (world.indicators.series_count() == 0) {
    world.indicators = sim::IndicatorTable(indicator_series(), regions);
  }
  compute_clustering(world, state);
  const std::vector<double> sums = sim::deterministic_accumulate(
      agents.size(), regions * width, [&](std::size_t s, double* table) {
        const std::size_t r = agents.regions()[s];
        double* row = table + r * width;
        const sim::AgentKind kind = agents.kinds()[s];
        row[static_cast<std::size_t>(kind)] += 1.0;  // the kind's count column
        if (sim::is_firm(kind)) {
          const std::span<const float> k = agents.knowledge(s);
          const double mean = mean_of(k);
          const double va = agents.value_added()[s];
          row[kEmployees] += agents.employees()[s];
          row[kValueAdded] += va;
          row[agents.firm_types()[s] == sim::FirmType::Product ? kValueAddedProduct
                                                               : kValueAddedContent] += va;
          row[kCapital] += agents.capital()[s];
          row[kFirmKnowledge] += mean;
          row[kFirmKnowledgeSquared] += mean * mean;
          row[kRdSpending] += static_cast<double>(agents.rd_intensity()[s]) * va *
                              conditions_of(state, r).rd_cost_factor;
          for (std::size_t f = 0; f < fields; ++f) row[kColumns + f] += k[f];
        }
        row[kClustering] += state.clustering[s];
        for (const std::uint32_t partner : network.neighbours(static_cast<std::uint32_t>(s))) {
          row[agents.regions()[partner] == r ? kInternalHalfEdges : kExternalHalfEdges] += 1.0;
        }
      });

  const auto at = [&](std::size_t r, std::size_t c) { return sums[r * width + c]; };
  const auto count_of = [&](std::size_t r, sim::AgentKind kind) {
    return at(r, static_cast<std::size_t>(kind));
  };
  // Counts are whole numbers, so these sums are exact.
  const auto firms_in = [&](std::size_t r) {
    double n = 0.0;
    for (const parameters::AgentKindSpec& k : parameters::agent_kinds()) {
      if (sim::is_firm(k.kind)) n += count_of(r, k.kind);
    }
    return n;
  };
  const auto agents_in = [&](std::size_t r) {
    double n = 0.0;
    for (const parameters::AgentKindSpec& k : parameters::agent_kinds()) n += count_of(r, k.kind);
    return n;
  };
  const auto state_or_zero = [](const std::vector<double>& v, std::size_t r) {
    return r < v.size() ? v[r] : 0.0;
  };
  std::vector<std::optional<double>> value_added(regions);
  std::vector<double> country(fields, 0.0);
  for (std::size_t r = 0; r < regions; ++r) {
    value_added[r] = at(r, kValueAdded);
    for (std::size_t f = 0; f < fields; ++f) country[f] += at(r, kColumns + f);
  }
  state.region_value_added.assign(regions, 0.0);
  for (std::size_t r = 0; r < regions; ++r) state.region_value_added[r] = at(r, kValueAdded);
  const std::vector<double> shares = shares_of_total(value_added);
  const double hhi = herfindahl_hirschman(value_added);

  // The six assessment indicators from simulated counterparts, each relative
  // to the leading region (docs/MODEL.md section 7.6).
  std::vector<std::vector<std::optional<double>>> raw(6,
                                                      std::vector<std::optional<double>>(regions));
  for (std::size_t r = 0; r < regions; ++r) {
    const double firms = firms_in(r);
    const double employees = at(r, kEmployees);
    const double innovations = state_or_zero(state.innovations_by_region, r);
    raw[0][r] = ratio(at(r, kValueAdded), employees);
    raw[1][r] = ratio(at(r, kValueAdded), at(r, kCapital));
    raw[2][r] = firms > 0
                    ? std::optional<double>(1.0 - state_or_zero(state.exits_by_region, r) / firms)
                    : std::nullopt;
    raw[3][r] = ratio(at(r, kRdSpending), employees);
    raw[4][r] = ratio(innovations, employees);
    raw[5][r] = ratio(innovations, world.regions[r].population);
  }
  std::vector<std::vector<double>> relative;
  for (const auto& series : raw) relative.push_back(relative_to_leader(series));

  sim::IndicatorTable& out = world.indicators;
  for (std::size_t r = 0; r < regions; ++r) {
    const double firms = firms_in(r);
    const double agents_here = agents_in(r);
    const double edges = at(r, kInternalHalfEdges) / 2.0;  // counted from both ends
    const double ends = at(r, kInternalHalfEdges) + at(r, kExternalHalfEdges);
    const double mean_k = firms > 0 ? at(r, kFirmKnowledge) / firms : 0.0;
    const double var_k =
        firms > 0 ? std::max(0.0, at(r, kFirmKnowledgeSquared) / firms - mean_k * mean_k) : 0.0;
    const AssessmentIndex index =
        assessment_index({relative[0][r], relative[1][r], relative[2][r], relative[3][r],
                          relative[4][r], relative[5][r]});
    std::size_t i = 0;
    for (const parameters::AgentKindSpec& k : parameters::agent_kinds()) {
      out.at(i++, r) = count_of(r, k.kind);
    }
    out.at(i++, r) = at(r, kEmployees);
    out.at(i++, r) = at(r, kValueAdded);
    out.at(i++, r) = at(r, kValueAddedProduct);
    out.at(i++, r) = at(r, kValueAddedContent);
    out.at(i++, r) = at(r, kCapital);
    out.at(i++, r) = mean_k;
    out.at(i++, r) = std::sqrt(var_k);
    out.at(i++, r) = state_or_zero(state.innovations_by_region, r);
    out.at(i++, r) = edges;
    out.at(i++, r) = at(r, kExternalHalfEdges);
    out.at(i++, r) = agents_here > 1 ? edges / (agents_here * (agents_here - 1) / 2.0) : 0.0;
    out.at(i++, r) = agents_here > 0 ? at(r, kClustering) / agents_here : 0.0;
    out.at(i++, r) = ends > 0 ? at(r, kExternalHalfEdges) / ends : 0.0;
    out.at(i++, r) = state_or_zero(state.births_by_region, r);
    out.at(i++, r) = state_or_zero(state.exits_by_region, r);
    out.at(i++, r) = state_or_zero(state.relocations_in, r);
    out.at(i++, r) = state_or_zero(state.wage, r);
    out.at(i++, r) = state_or_zero(state.labour_pool, r);
    out.at(i++, r) = state_or_zero(state.spillover_by_region, r);
    out.at(i++, r) = at(r, kRdSpending);
    out.at(i++, r) = shares[r];
    out.at(i++, r) = hhi;
    out.at(i++, r) = krugman_specialisation({sums.data() + r * width + kColumns, fields}, country);
    out.at(i++, r) = index.susceptibility;
    out.at(i++, r) = index.activity;
    out.at(i++, r) = index.aggregated;
  }
  compute_institution_indicators(world, institutions, state);
}

}  // namespace clustersim::observables
