// Governance modes and the state they bring: civil-society interest under
// outside pressure (quadruple helix) and the regional environment (quintuple).
#include "models/institutions/governance.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/enum_names.hpp"

namespace clustersim::institutions {

using mechanisms::RegionConditions;
using parameters::agent_kind;
using parameters::agent_kinds;
using parameters::AgentKindSpec;
using parameters::contains;
using parameters::ModelParams;

using sim::AgentKind;

constexpr std::array<std::string_view, kGovernanceModeCount> kModeNames = {
    "cluster", "triple_helix", "quadruple_helix", "quintuple_helix"};

std::string_view to_string(GovernanceMode mode) {
  return sim::enum_name(kModeNames, mode);
}

std::vector<std::string> governance_mode_names() {
  return sim::enum_names(kModeNames);
}

namespace {
constexpr bool mode_bits_agree() {
  using namespace parameters::modes;
  const auto bit = [](GovernanceMode m) { return 1u << static_cast<unsigned>(m); };
  return bit(GovernanceMode::Cluster) == kCluster &&
         bit(GovernanceMode::TripleHelix) == kTripleHelix &&
         bit(GovernanceMode::QuadrupleHelix) == kQuadrupleHelix &&
         bit(GovernanceMode::QuintupleHelix) == kQuintupleHelix;
}
static_assert(mode_bits_agree(), "parameters::ModeSet bit m is GovernanceMode m");
}  // namespace

GovernanceRules governance_rules(GovernanceMode mode) {
  GovernanceRules rules;
  const auto m = static_cast<std::size_t>(mode);
  // Who holds ties in which mode is the kind table's (parameters::agent_kinds()).
  for (const AgentKindSpec& kind : agent_kinds()) {
    rules.tie_kinds[static_cast<std::size_t>(kind.kind)] = contains(kind.ties_in, m);
  }
  rules.spinoffs = mode >= GovernanceMode::TripleHelix;
  // Civil society acts where a scenario may have civil-society organisations.
  rules.civil_society = contains(agent_kind(AgentKind::CivilSociety).present_in, m);
  rules.environment = mode == GovernanceMode::QuintupleHelix;
  return rules;
}

void apply_channels(const GovernanceRules& rules, RegionConditions& conditions) {
  std::uint8_t bits = 0;
  for (std::size_t k = 0; k < rules.tie_kinds.size(); ++k) {
    if (rules.tie_kinds[k]) bits = static_cast<std::uint8_t>(bits | (1u << k));
  }
  conditions.tie_kinds = bits;
  conditions.spinoffs = rules.spinoffs;
}

void GovernanceState::reset(std::size_t regions, const ModelParams& p) {
  civil_interest.assign(regions, p.civil_interest_mean);
  pressure_years_left.assign(regions, 0.0);
  civil_participation.assign(regions, 0.0);
  green_adoption.assign(regions, 0.0);
  energy_intensity.assign(regions, p.energy_intensity);
  emissions.assign(regions, 0.0);
  environmental_limit.assign(regions, 1.0);
  value_added_mean.assign(regions, -1.0);
}

double pressure_hazard(double interest, const ModelParams& p) {
  if (!(p.civil_interest_mean > 0.0)) return 0.0;
  const double waning = std::max(0.0, (p.civil_interest_mean - interest) / p.civil_interest_mean);
  return p.political_pressure_rate * std::min(1.0, waning);
}

double organisation_reach(int organisations, const ModelParams& p) {
  const double n = std::max(0, organisations);
  return n > 0.0 ? n / (n + p.civil_half_organisations) : 0.0;
}

void update_civil_society(GovernanceState& g, std::size_t r, const ModelParams& p, double dt,
                          double normal, double uniform, int organisations) {
  // Interest rises and falls around its mean (Ornstein–Uhlenbeck, Euler step):
  // the design's "unstable interest" of associations, NGOs and unions.
  double& interest = g.civil_interest[r];
  interest += p.civil_interest_reversion * (p.civil_interest_mean - interest) * dt +
              p.civil_interest_volatility * std::sqrt(dt) * normal;
  interest = std::clamp(interest, 0.0, 1.0);
  // Civil society is the first target of outside political pressure, and it is
  // targeted when it is weak: an episode starts with a hazard that rises as
  // interest falls below its mean, and cuts participation while it lasts.
  double& left = g.pressure_years_left[r];
  if (left > 0.0) {
    left = std::max(0.0, left - dt);
  } else if (uniform < 1.0 - std::exp(-pressure_hazard(interest, p) * dt)) {
    left = p.political_pressure_years;
  }
  const double cut = left > 0.0 ? p.political_pressure_cut : 0.0;
  // More organisations reach more of the region: participation grows with
  // their number and saturates (n / (n + civil_half_organisations)).
  g.civil_participation[r] = interest * (1.0 - cut) * organisation_reach(organisations, p);
}

void update_environment(GovernanceState& g, std::size_t r, const ModelParams& p, double dt,
                        double value_added, double population, double green_research) {
  // Emissions follow the activity of the last environment_memory_years, not
  // one tick's value added: the limit they set then moves smoothly instead of
  // answering each tick's output with the opposite swing the next tick.
  double& activity = g.value_added_mean[r];
  const double va = std::max(0.0, value_added);
  if (activity < 0.0 || !(p.environment_memory_years > 0.0)) {
    activity = va;  // the first tick, or no memory
  } else {
    activity += (1.0 - std::exp(-dt / p.environment_memory_years)) * (va - activity);
  }
  double& adoption = g.green_adoption[r];
  adoption += p.green_adoption_rate * std::max(0.0, green_research) * (1.0 - adoption) * dt;
  adoption = std::clamp(adoption, 0.0, 1.0);
  g.energy_intensity[r] = p.energy_intensity * (1.0 - p.green_energy_saving * adoption);
  // MWh/million tenge · million tenge/year · t CO2/MWh = t/year; /1000 → kt.
  g.emissions[r] = g.energy_intensity[r] * activity * p.grid_emission_factor / 1000.0;
  const double capacity = p.environmental_capacity * population / 1e6;  // kt / year
  const double excess = capacity > 0.0 ? std::max(0.0, g.emissions[r] / capacity - 1.0) : 0.0;
  g.environmental_limit[r] = 1.0 / (1.0 + p.environmental_limit_strength * excess);
}

}  // namespace clustersim::institutions
