// The agent model's observables, computed every tick with sums whose order
// does not depend on the number of threads, and the regional assessment
// indices of Kireyeva, Mussabalina & Tolysbaev (2018) from the simulated
// quantities. Each observable is declared once, with the code computing it.
#include <algorithm>
#include <cmath>
#include <optional>
#include <span>

#include "models/indices/regional_indices.hpp"
#include "models/mechanisms/rules.hpp"
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
using institutions::institution_observables;
using institutions::InstitutionState;
using institutions::write_institution_observables;
using mechanisms::compute_clustering;
using mechanisms::conditions_of;
using mechanisms::mean_of;
using mechanisms::ModelState;
using sim::AgentKind;

namespace {
// Columns of the per-region sums over agents. The first kAgentKindCount count
// the agents of each kind, in the order of sim::AgentKind; the knowledge of
// firms by field follows the named ones.
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
  kTieDistance,  ///< cognitive distance summed over the region's half-edges
  kInternalHalfEdges,
  kExternalHalfEdges,
  kProgrammeFirms,  ///< firms tied to a government agent of their region
  kZombieFirms,     ///< firms losing money, insolvent without captured support
  kColumns
};

std::size_t count_column(AgentKind kind) {
  return static_cast<std::size_t>(kind);
}

/// What the agent model's observables are computed from in one tick: the
/// per-region sums over agents and the national figures derived from them.
struct AgentAccounts {
  AgentAccounts(const sim::World& w, const ModelState& s) : world(w), state(s) {}

  const sim::World& world;
  const ModelState& state;
  std::size_t width = 0;                  ///< columns per region: kColumns + knowledge fields
  std::vector<double> sums;               ///< [region][column]
  std::vector<double> country_knowledge;  ///< [field], firms' knowledge summed over regions
  std::vector<double> value_added_share;  ///< [region], of national IT value added
  double value_added_hhi = 0.0;
  std::vector<AssessmentIndex> index;  ///< [region]

  double at(std::size_t r, std::size_t c) const { return sums[r * width + c]; }
  double count(std::size_t r, AgentKind kind) const { return at(r, count_column(kind)); }
  // Counts are whole numbers, so these sums are exact in any order.
  double firms(std::size_t r) const {
    double n = 0.0;
    for (const parameters::AgentKindSpec& k : parameters::agent_kinds()) {
      if (sim::is_firm(k.kind)) n += count(r, k.kind);
    }
    return n;
  }
  double agents(std::size_t r) const {
    double n = 0.0;
    for (const parameters::AgentKindSpec& k : parameters::agent_kinds()) n += count(r, k.kind);
    return n;
  }
  /// Firms' knowledge by field in region r.
  std::span<const double> knowledge(std::size_t r) const {
    return {sums.data() + r * width + kColumns, width - kColumns};
  }
  double edges(std::size_t r) const { return at(r, kInternalHalfEdges) / 2.0; }  // both ends
  double mean_knowledge(std::size_t r) const {
    return firms(r) > 0 ? at(r, kFirmKnowledge) / firms(r) : 0.0;
  }
  double knowledge_variance(std::size_t r) const {
    const double mean = mean_knowledge(r);
    return firms(r) > 0 ? std::max(0.0, at(r, kFirmKnowledgeSquared) / firms(r) - mean * mean)
                        : 0.0;
  }
};

/// A per-region vector of the mechanisms' state, read as 0 before it is sized.
double state_or_zero(const std::vector<double>& v, std::size_t r) {
  return r < v.size() ? v[r] : 0.0;
}

std::optional<double> ratio(double num, double den) {
  if (den > 0) return num / den;
  return std::nullopt;
}

/// Sums over every agent of its region's columns (deterministic_accumulate:
/// the same sums at any thread count).
std::vector<double> sum_over_agents(const sim::World& world, const ModelState& state,
                                    std::size_t width) {
  const sim::AgentStore& agents = world.agents;
  const sim::Network& network = world.network;
  const std::size_t fields = agents.fields();
  return sim::deterministic_accumulate(
      agents.size(), world.regions.size() * width, [&](std::size_t s, double* table) {
        const std::size_t r = agents.regions()[s];
        double* row = table + r * width;
        const AgentKind kind = agents.kinds()[s];
        row[count_column(kind)] += 1.0;
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
          row[kProgrammeFirms] +=
              mechanisms::in_programme(agents, network, static_cast<std::uint32_t>(s)) ? 1.0 : 0.0;
          row[kZombieFirms] +=
              agents.operating_profit()[s] < 0.0 && agents.capital()[s] < agents.support()[s] ? 1.0
                                                                                              : 0.0;
        }
        row[kClustering] += state.clustering[s];
        for (const std::uint32_t partner : network.neighbours(static_cast<std::uint32_t>(s))) {
          row[agents.regions()[partner] == r ? kInternalHalfEdges : kExternalHalfEdges] += 1.0;
          row[kTieDistance] +=
              mechanisms::rules::cognitive_distance(agents.knowledge(s), agents.knowledge(partner));
        }
      });
}

/// Value-added shares and concentration, and firms' knowledge in the country.
void add_national_figures(AgentAccounts& a) {
  const std::size_t regions = a.world.regions.size();
  std::vector<std::optional<double>> value_added(regions);
  a.country_knowledge.assign(a.width - kColumns, 0.0);
  for (std::size_t r = 0; r < regions; ++r) {
    value_added[r] = a.at(r, kValueAdded);
    const std::span<const double> k = a.knowledge(r);
    for (std::size_t f = 0; f < k.size(); ++f) a.country_knowledge[f] += k[f];
  }
  a.value_added_share = shares_of_total(value_added);
  a.value_added_hhi = herfindahl_hirschman(value_added);
}

/// The six assessment indicators from simulated counterparts, each relative
/// to the leading region, and the indices made of them (docs/MODEL.md 7.6).
void add_assessment_indices(AgentAccounts& a) {
  const std::size_t regions = a.world.regions.size();
  std::vector<std::vector<std::optional<double>>> raw(6,
                                                      std::vector<std::optional<double>>(regions));
  for (std::size_t r = 0; r < regions; ++r) {
    const double firms = a.firms(r);
    const double employees = a.at(r, kEmployees);
    const double innovations = state_or_zero(a.state.innovations_by_region, r);
    raw[0][r] = ratio(a.at(r, kValueAdded), employees);
    raw[1][r] = ratio(a.at(r, kValueAdded), a.at(r, kCapital));
    raw[2][r] = firms > 0
                    ? std::optional<double>(1.0 - state_or_zero(a.state.exits_by_region, r) / firms)
                    : std::nullopt;
    raw[3][r] = ratio(a.at(r, kRdSpending), employees);
    raw[4][r] = ratio(innovations, employees);
    raw[5][r] = ratio(innovations, a.world.regions[r].population);
  }
  std::vector<std::vector<double>> relative;
  for (const auto& series : raw) relative.push_back(relative_to_leader(series));
  a.index.clear();
  for (std::size_t r = 0; r < regions; ++r) {
    a.index.push_back(assessment_index({relative[0][r], relative[1][r], relative[2][r],
                                        relative[3][r], relative[4][r], relative[5][r]}));
  }
}

AgentAccounts account_for(const sim::World& world, const ModelState& state) {
  AgentAccounts a(world, state);
  a.width = kColumns + world.agents.fields();
  a.sums = sum_over_agents(world, state, a.width);
  add_national_figures(a);
  add_assessment_indices(a);
  return a;
}

using Observable = sim::Observable<AgentAccounts>;

/// A series that is one column of the sums.
Observable column(sim::SeriesInfo info, Column c) {
  return {std::move(info), [c](const AgentAccounts& a, std::size_t r) { return a.at(r, c); }};
}

/// A series that is a per-region vector of the mechanisms' state.
Observable from_state(sim::SeriesInfo info, std::vector<double> ModelState::*member) {
  return {std::move(info), [member](const AgentAccounts& a, std::size_t r) {
            return state_or_zero(a.state.*member, r);
          }};
}

/// One count series per agent kind.
/// One count series per agent kind, named by its scenario count key.
std::vector<Observable> agent_count_observables() {
  std::vector<Observable> out;
  for (const parameters::AgentKindSpec& k : parameters::agent_kinds()) {
    out.push_back(
        {{std::string(k.count_key), std::string(k.unit), std::string(k.description)},
         [kind = k.kind](const AgentAccounts& a, std::size_t r) { return a.count(r, kind); }});
  }
  return out;
}

std::vector<Observable> firm_observables() {
  return {
      column({"employees", "persons", "staff of all IT firms"}, kEmployees),
      column({"value_added", "million tenge / year", "IT value added, annual rate"}, kValueAdded),
      column({"value_added_product", "million tenge / year",
              "value added of IT product (hardware) firms"},
             kValueAddedProduct),
      column({"value_added_content", "million tenge / year",
              "value added of IT content (software) firms"},
             kValueAddedContent),
      column({"capital", "million tenge", "capital held by IT firms"}, kCapital),
      {{"mean_knowledge", "knowledge units", "mean over IT firms of their mean knowledge per field",
        "mean"},
       [](const AgentAccounts& a, std::size_t r) { return a.mean_knowledge(r); }},
      {{"knowledge_dispersion", "knowledge units",
        "standard deviation over IT firms of their mean knowledge per field", "mean"},
       [](const AgentAccounts& a, std::size_t r) { return std::sqrt(a.knowledge_variance(r)); }},
      from_state({"innovations", "events / tick",
                  "innovation events of IT firms this tick (explorations plus exploitations)"},
                 &ModelState::innovations_by_region),
      from_state({"university_research", "knowledge units / tick",
                  "knowledge the region's universities created in research this tick (spin-offs "
                  "follow it)"},
                 &ModelState::research_output),
      column({"programme_firms", "firms",
              "firms tied to a government agent of their region (they receive its programme "
              "more strongly)"},
             kProgrammeFirms),
      column({"zombie_firms", "firms",
              "firms losing money whose capital is below the unconditional support they "
              "captured (policy): insolvent without it"},
             kZombieFirms),
      from_state({"explorations", "events / tick",
                  "explorations (new combinations) of IT firms this tick"},
                 &ModelState::explorations_by_region),
      from_state({"exploitations", "events / tick",
                  "exploitations (improvements of what a firm knows) of IT firms this tick"},
                 &ModelState::exploitations_by_region),
  };
}

std::vector<Observable> network_observables() {
  return {
      {{"edges", "links", "cooperation links with both ends in the region"},
       [](const AgentAccounts& a, std::size_t r) { return a.edges(r); }},
      column({"external_edges", "links", "cooperation links from the region to other regions"},
             kExternalHalfEdges),
      {{"density", "1", "links inside the region over possible pairs of its agents", "mean"},
       [](const AgentAccounts& a, std::size_t r) {
         const double n = a.agents(r);
         return n > 1 ? a.edges(r) / (n * (n - 1) / 2.0) : 0.0;
       }},
      {{"average_clustering", "1", "mean local clustering coefficient of the region's agents",
        "mean"},
       [](const AgentAccounts& a, std::size_t r) {
         const double n = a.agents(r);
         return n > 0 ? a.at(r, kClustering) / n : 0.0;
       }},
      {{"mean_tie_distance", "1",
        "mean cognitive distance between partners over the ties of the region's agents (how alike "
        "exchange has made them; 0 without ties)",
        "mean"},
       [](const AgentAccounts& a, std::size_t r) {
         const double ends = a.at(r, kInternalHalfEdges) + a.at(r, kExternalHalfEdges);
         return ends > 0 ? a.at(r, kTieDistance) / ends : 0.0;
       }},
      {{"cross_region_share", "1", "share of the region's link ends that lead to other regions",
        "mean"},
       [](const AgentAccounts& a, std::size_t r) {
         const double ends = a.at(r, kInternalHalfEdges) + a.at(r, kExternalHalfEdges);
         return ends > 0 ? a.at(r, kExternalHalfEdges) / ends : 0.0;
       }},
  };
}

/// This tick's flows of firms, the labour market, spillovers and R&D.
std::vector<Observable> flow_observables() {
  return {
      from_state({"births", "firms / tick",
                  "startups, incubator graduates and spin-offs that entered this tick"},
                 &ModelState::births_by_region),
      from_state(
          {"exits", "firms / tick", "firms that left this tick (capital exhausted or exit hazard)"},
          &ModelState::exits_by_region),
      from_state({"relocations_in", "firms / tick", "firms that moved into the region this tick"},
                 &ModelState::relocations_in),
      from_state({"wage", "million tenge / (person * year)",
                  "wage of skilled IT labour in the region", "mean"},
                 &ModelState::wage),
      from_state({"labour_pool", "persons", "skilled workers looking for IT jobs"},
                 &ModelState::labour_pool),
      from_state({"migrants_in", "persons / tick",
                  "skilled workers who moved into the region's pool from other regions this tick"},
                 &ModelState::migrants_in),
      from_state({"migrant_km_in", "persons * km / tick",
                  "migrants into the region this tick times the distance each moved (over "
                  "migrants_in: their mean distance)"},
                 &ModelState::migrant_km_in),
      from_state({"knowledge_from_hires", "knowledge units / tick",
                  "knowledge the region's firms absorbed from the workers they hired this tick"},
                 &ModelState::knowledge_from_hires),
      from_state(
          {"spillover_received", "knowledge units / tick",
           "knowledge the region's agents absorbed this tick over ties to agents of other regions"},
          &ModelState::spillover_by_region),
      column({"rd_spending", "million tenge / year", "R&D spending of IT firms, annual rate"},
             kRdSpending),
  };
}

std::vector<Observable> assessment_observables() {
  return {
      {{"it_value_added_share", "1",
        "modified Krugman index: the region's share of national IT value added", "none"},
       [](const AgentAccounts& a, std::size_t r) { return a.value_added_share[r]; }},
      {{"hhi_value_added", "1",
        "Herfindahl-Hirschman index of IT value added across regions (national, same in every "
        "region)",
        "mean"},
       [](const AgentAccounts& a, std::size_t) { return a.value_added_hhi; }},
      {{"krugman_specialisation", "1",
        "Krugman specialisation of firms' knowledge across fields against the country, in [0, 2]",
        "mean"},
       [](const AgentAccounts& a, std::size_t r) {
         return krugman_specialisation(a.knowledge(r), a.country_knowledge);
       }},
      {{"susceptibility_index", "percent",
        "innovative susceptibility IIS from simulated quantities", "mean"},
       [](const AgentAccounts& a, std::size_t r) { return a.index[r].susceptibility; }},
      {{"activity_index", "percent", "innovative activity IIA from simulated quantities", "mean"},
       [](const AgentAccounts& a, std::size_t r) { return a.index[r].activity; }},
      {{"aggregated_index", "percent", "aggregated assessment index (IIS + IIA) / 2", "mean"},
       [](const AgentAccounts& a, std::size_t r) { return a.index[r].aggregated; }},
  };
}

/// The agent model's observables, in the order of the run file.
std::span<const Observable> agent_observables() {
  static const std::vector<Observable> observables = [] {
    std::vector<Observable> all;
    for (std::vector<Observable> group :
         {agent_count_observables(), firm_observables(), network_observables(), flow_observables(),
          assessment_observables()}) {
      all.insert(all.end(), group.begin(), group.end());
    }
    return all;
  }();
  return observables;
}

void ensure_table(sim::World& world) {
  if (world.indicators.series_count() == 0) {
    world.indicators = sim::IndicatorTable(indicator_series(), world.regions.size());
  }
}
}  // namespace

std::vector<sim::SeriesInfo> indicator_series() {
  std::vector<sim::SeriesInfo> series = sim::series_of(agent_observables());
  for (sim::SeriesInfo& s : sim::series_of(institution_observables())) {
    series.push_back(std::move(s));
  }
  return series;
}

void compute_indicators(sim::World& world, const InstitutionState& institutions,
                        ModelState& state) {
  ensure_table(world);
  compute_clustering(world, state);
  const AgentAccounts accounts = account_for(world, state);
  state.region_value_added.assign(world.regions.size(), 0.0);
  for (std::size_t r = 0; r < world.regions.size(); ++r) {
    state.region_value_added[r] = accounts.at(r, kValueAdded);
  }
  sim::IndicatorWriter out(world.indicators);
  sim::write_observables(agent_observables(), accounts, out);
  write_institution_observables({world, institutions, state}, out);
  out.finish();
}

std::string observable_table_markdown() {
  std::string out = "\n| series | unit | national | meaning |\n| --- | --- | --- | --- |\n";
  for (const sim::SeriesInfo& s : indicator_series()) {
    out +=
        "| `" + s.name + "` | " + s.unit + " | " + s.aggregation + " | " + s.description + " |\n";
  }
  return out;
}

}  // namespace clustersim::observables
