#pragma once
// Governance modes: who takes part in the regional innovation system and over
// which channels (Porter's cluster; the triple, quadruple and quintuple helix of
// Etzkowitz & Leydesdorff and Carayannis & Campbell). The mode is fixed for a
// run; the civil-society and environment state it brings evolve per region.
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "models/mechanisms/region_conditions.hpp"
#include "models/parameters/agent_kinds.hpp"
#include "models/parameters/parameters.hpp"
#include "sim/agents.hpp"

namespace clustersim::institutions {

enum class GovernanceMode : std::uint8_t {
  Cluster = 0,         ///< firms are the core; government supports; universities train graduates
  TripleHelix = 1,     ///< + universities active (joint R&D, spin-offs, transfer), U–I–G ties
  QuadrupleHelix = 2,  ///< + civil society as an active partner
  QuintupleHelix = 3,  ///< + the natural environment (emissions, green IT, a limit on growth)
};
inline constexpr std::size_t kGovernanceModeCount = 4;

/// The scenario spelling: "cluster", "triple_helix", "quadruple_helix", "quintuple_helix".
std::string_view to_string(GovernanceMode mode);
/// All spellings, in enum order (reader suggestions, documentation).
std::vector<std::string> governance_mode_names();

/// The interaction channels a mode opens. Every agent mechanism that depends on
/// the mode reads these through RegionConditions (apply_channels), never the mode.
struct GovernanceRules {
  /// Agent kinds that take part in cooperation ties, indexed by sim::AgentKind
  /// (the modes of parameters::AgentKindSpec::ties_in).
  std::array<bool, sim::kAgentKindCount> tie_kinds{};
  bool spinoffs = false;       ///< universities spin off firms
  bool civil_society = false;  ///< civil-society organisations act (interest, demand pull)
  bool environment = false;    ///< emissions, green-IT adoption and the environmental limit
};

GovernanceRules governance_rules(GovernanceMode mode);

/// Writes the mode's channel switches into one region's conditions.
void apply_channels(const GovernanceRules& rules, mechanisms::RegionConditions& conditions);

/// Civil-society and environment state of every region.
struct GovernanceState {
  std::vector<double> civil_interest;       ///< in [0, 1]
  std::vector<double> pressure_years_left;  ///< > 0 while outside pressure lasts
  std::vector<double> civil_participation;  ///< in [0, 1], this tick
  std::vector<double> green_adoption;       ///< share of firms' activity on green IT, [0, 1]
  std::vector<double> energy_intensity;     ///< MWh per million tenge of value added
  std::vector<double> emissions;            ///< kt CO2 per year
  std::vector<double> environmental_limit;  ///< multiplier on value added, (0, 1]
  /// Exponential mean of IT value added over environment_memory_years
  /// (million tenge / year) that emissions follow; < 0 before the first tick.
  std::vector<double> value_added_mean;

  /// Sizes every vector for `regions`: interest at its long-run mean, no
  /// pressure, no green adoption, no limit.
  void reset(std::size_t regions, const parameters::ModelParams& p);
};

/// Yearly hazard of an episode of outside political pressure at civil-society
/// interest `interest`: political_pressure_rate · (mean − interest)/mean, 0 at
/// or above the long-run mean. Pressure targets a civil society whose interest
/// wanes.
double pressure_hazard(double interest, const parameters::ModelParams& p);

/// The share of a region that `organisations` civil-society organisations
/// reach, n / (n + civil_half_organisations): 0 without any, rising with their
/// number toward 1.
double organisation_reach(int organisations, const parameters::ModelParams& p);

/// One tick of civil-society interest in region r: a mean-reverting random walk
/// clamped to [0, 1]; outside political pressure starts with probability
/// 1 − exp(−pressure_hazard(interest)·Δt) and cuts participation by
/// political_pressure_cut while it lasts. `normal` and `uniform` are the two
/// draws of the tick (from the region's CivilSociety stream). Participation is
/// interest · (1 − cut) · organisation_reach(organisations).
void update_civil_society(GovernanceState& g, std::size_t r, const parameters::ModelParams& p,
                          double dt, double normal, double uniform, int organisations);

/// One tick of the environment of region r, given its IT value added (million
/// tenge / year), population (persons) and the green-research multiplier of
/// its conditions: adoption grows toward 1, energy intensity follows,
/// emissions follow the value added averaged over environment_memory_years,
/// and the environmental limit falls once emissions pass the region's capacity.
void update_environment(GovernanceState& g, std::size_t r, const parameters::ModelParams& p,
                        double dt, double value_added, double population, double green_research);

}  // namespace clustersim::institutions
