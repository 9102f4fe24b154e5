#pragma once
// The model's phase functions, one file each. The order in which they run is
// decided in cluster_model.cpp, in one place.
#include <cstdint>
#include <vector>

#include "models/mechanisms/region_conditions.hpp"
#include "models/parameters/parameters.hpp"
#include "sim/engine.hpp"

namespace clustersim::mechanisms {

/// A tie that dissolved, remembered for prior_tie_memory years: partner search
/// favours former partners.
struct FormerTie {
  std::uint64_t pair;   ///< lower id << 32 | higher id
  std::uint32_t ticks;  ///< tick of dissolution
};

/// State the phases keep between ticks: per-slot scratch buffers that are valid
/// from the start of a tick until the structural changes of network dynamics
/// are applied (no phase before that adds, removes or moves agents), the
/// regional labour markets, and counters that the indicator phase reports.
struct ModelState {
  std::vector<float> next_knowledge;
  /// Agents of each region: region_members[region_start[r] .. region_start[r+1]),
  /// in slot order. Rebuilt when a phase needs it.
  std::vector<std::uint32_t> region_start;
  std::vector<std::uint32_t> region_members;

  // ---- per slot, this tick ----
  /// What every agent knew of each partner at the start of this tick's
  /// knowledge exchange, aligned with the network's adjacency (entry
  /// row_starts[v] + i is v's i-th partner): the cognitive distance between
  /// the two, and the mean over fields of the partner's lead over v (what v
  /// can still learn from it). With the agents' absorptive capacity and mean
  /// knowledge at that moment, per slot. Exchange fills them, innovation and
  /// network dynamics read them; valid while tie_measures_fresh (until the
  /// network changes).
  std::vector<float> tie_distance;
  std::vector<float> tie_gap;
  std::vector<float> capacity;
  std::vector<float> mean_knowledge;
  std::vector<float> strength_sum;  ///< per slot: the strengths of its ties, summed
  bool tie_measures_fresh = false;
  /// Local clustering coefficient of every agent, computed by the indicator
  /// phase from the end-of-tick network; valid while clustering_fresh.
  std::vector<float> clustering;
  bool clustering_fresh = false;
  /// Innovation phase: kExplored | kExploited bits, and the field an
  /// exploration added to.
  std::vector<std::uint8_t> innovated;
  std::vector<std::uint8_t> explored_field;
  std::vector<float> staff_change;    ///< production: desired change of staff
  std::vector<float> spillover_gain;  ///< knowledge gained over ties to other regions
  std::vector<float> hire_gain;       ///< production: knowledge absorbed from this tick's hires

  // ---- per region ----
  std::vector<double> wage;           ///< million tenge / (person * year)
  std::vector<double> labour_pool;    ///< skilled workers looking for IT jobs (persons)
  std::vector<double> labour_demand;  ///< hires firms wanted this tick (persons)
  std::vector<double> labour_supply;  ///< the pool when they hired (persons)
  /// What a job seeker in each region's pool knows on average: regions x
  /// fields, knowledge units. A running mean over the pool's inflows.
  std::vector<double> pool_knowledge;
  /// Workers laid off since the labour market last ran (persons) and the sum of
  /// their knowledge (regions x fields, persons x knowledge units): production
  /// records them, the labour market folds them into pool_knowledge.
  std::vector<double> layoffs;
  std::vector<double> layoff_knowledge;
  std::vector<double> knowledge_from_hires;     ///< this tick, knowledge units summed over firms
  std::vector<double> migrants_in;              ///< this tick (persons)
  std::vector<double> migrant_km_in;            ///< this tick, migrants x km they moved
  std::vector<double> births_by_region;         ///< this tick
  std::vector<double> exits_by_region;          ///< this tick
  std::vector<double> relocations_in;           ///< this tick
  std::vector<double> innovations_by_region;    ///< this tick, both kinds
  std::vector<double> explorations_by_region;   ///< this tick
  std::vector<double> exploitations_by_region;  ///< this tick
  std::vector<double> spillover_by_region;  ///< this tick, knowledge units over inter-regional ties
  /// IT value added of each region in the last indicator phase (growth-pole pull).
  std::vector<double> region_value_added;
  /// Knowledge units the region's universities created in research this tick
  /// (knowledge creation), summed over fields; spin-offs follow it.
  std::vector<double> research_output;

  /// Former ties, sorted by pair.
  std::vector<FormerTie> former_ties;

  /// What institutions did to each region this tick (policy instruments,
  /// governance mode); read by the agent mechanisms. One entry per region.
  /// The institutional layer's own state lives beside this one
  /// (models/institutions/policy.hpp, InstitutionState).
  std::vector<RegionConditions> conditions;
};

/// A firm's main technology field: fixed for life, derived from its stream key
/// (agents.stream_keys()) so no state is needed and a newborn's field does not
/// depend on how many agents were born before it elsewhere. An initial agent's
/// key is its id, and for ids the field is what it always was.
inline std::size_t primary_field(std::uint64_t key, std::size_t fields) {
  std::uint32_t h = static_cast<std::uint32_t>(key ^ (key >> 32)) * 0x9E3779B1u;
  h ^= h >> 16;
  return h % fields;
}

/// Bits of ModelState::innovated.
inline constexpr std::uint8_t kExplored = 1;
inline constexpr std::uint8_t kExploited = 2;

/// The conditions of region r, neutral when institutions set none (tests that
/// run a phase on its own).
const RegionConditions& conditions_of(const ModelState& state, std::size_t r);

/// Sizes the per-region state for the world's regions; labour pools and wages
/// start from the parameters and populations. Does nothing when already sized.
void ensure_region_state(const sim::World& world, const parameters::ModelParams& params,
                         ModelState& state);

/// Also fills state.research_output.
void create_knowledge(sim::TickContext& tick, const parameters::ModelParams& params,
                      ModelState& state);
void exchange_knowledge(sim::TickContext& tick, const parameters::ModelParams& params,
                        ModelState& state);
void innovate(sim::TickContext& tick, const parameters::ModelParams& params, ModelState& state);
void produce(sim::TickContext& tick, const parameters::ModelParams& params, ModelState& state);
void update_labour_markets(sim::TickContext& tick, const parameters::ModelParams& params,
                           ModelState& state);
void update_network(sim::TickContext& tick, const parameters::ModelParams& params,
                    ModelState& state);
/// The "demography" phase: exits, relocations, births (startups, incubator
/// graduates, spin-offs) and ageing (docs/MODEL.md section 7.5).
void update_demography(sim::TickContext& tick, const parameters::ModelParams& params,
                       ModelState& state);

/// Fills the tie measures (tie_distance, tie_gap, capacity, mean_knowledge)
/// from the agents' knowledge as it is now, and marks them fresh.
void measure_ties(const sim::World& world, const parameters::ModelParams& params,
                  ModelState& state);
/// measure_ties unless the measures are fresh and sized for the network.
void ensure_tie_measures(const sim::World& world, const parameters::ModelParams& params,
                         ModelState& state);

/// Rebuilds state.region_start / region_members from the agents' regions.
void index_regions(const sim::World& world, ModelState& state);
/// Fills state.clustering with every agent's local clustering coefficient
/// (triangles over possible triangles; 0 below two partners) and marks it fresh.
void compute_clustering(const sim::World& world, ModelState& state);
/// The local-factor multiplier M = 1 + h·(H + hard bonus) + s·(S + soft bonus)
/// of a firm type in a region (section 7.3); relocation compares it too.
double local_factor_multiplier(const parameters::ModelParams& params, sim::FirmType type,
                               const sim::Region& region, const RegionConditions& conditions);
/// The kind of a tie between agents of kinds a and b (either order): civil
/// society's ties, government programmes, university–industry ties, SME–large
/// firm supplier ties, R&D partnerships otherwise. Partner search and the
/// initial network type ties with it.
sim::EdgeKind kind_of_tie(sim::AgentKind a, sim::AgentKind b);
/// Whether `tie` from vertex v to `partner` is a government-programme tie to
/// a government agent of v's own region.
bool is_programme_tie(const sim::AgentStore& agents, sim::Network::Vertex v,
                      sim::Network::Vertex partner, const sim::EdgeAttributes& tie);
/// Whether the firm at vertex v holds a government-programme tie to a
/// government agent of its own region: it takes part in the programme that
/// government runs (production gives it the programme's effects more strongly).
bool in_programme(const sim::AgentStore& agents, const sim::Network& network,
                  sim::Network::Vertex v);
/// The conditions a programme participant works under: the policy bonuses to
/// the hard and soft factors and the R&D cost relief (1 − rd_cost_factor),
/// each times (1 + government_tie_reach). No programme, no gain.
RegionConditions with_programme_reach(const RegionConditions& c,
                                      const parameters::ModelParams& params);
/// Whether `tie` from vertex v to `partner` is a civil-society tie to an
/// organisation of v's own region.
bool is_civil_tie(const sim::AgentStore& agents, sim::Network::Vertex v,
                  sim::Network::Vertex partner, const sim::EdgeAttributes& tie);
/// The demand for innovation a firm meets: its region's demand_pull, times
/// (1 + civil_tie_reach) when it holds a civil-society tie in its region (the
/// organisation brings its members' demand: lead users).
double demand_pull_of(const RegionConditions& c, bool civil_tie,
                      const parameters::ModelParams& params);
/// Mean knowledge over fields.
double mean_of(std::span<const float> knowledge);

}  // namespace clustersim::mechanisms
