#pragma once
// Government policy: the ten instruments of Kireyeva & Tsoi (2018, tables 1
// and 2) and state procurement as an anchor customer; budgets of the national
// government and of each regional government (akimat), targeting and timing
// rules, co-financing, stage-fit, absorption, infrastructure upkeep and waste.
// Also the institutional layer's state and its two phases, "policy" and
// "stage_transitions".
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "models/institutions/governance.hpp"
#include "models/institutions/stages.hpp"
#include "models/mechanisms/phases.hpp"
#include "models/mechanisms/region_conditions.hpp"
#include "models/parameters/parameters.hpp"
#include "sim/engine.hpp"
#include "sim/indicators.hpp"

namespace clustersim::institutions {

enum class Instrument : std::uint8_t {
  BusinessReceptivity = 0,  ///< tax relief for innovating firms
  HardFactors,              ///< support for new IT firms
  ScienceEducation,         ///< science and education efficiency
  HumanCapital,             ///< training, jobs
  LeaderRegions,            ///< targeting leader regions (growth poles)
  GreenIt,                  ///< green-IT research
  SoftFactors,              ///< infrastructure, training, local universities
  LinkBuilding,             ///< matchmaking, horizontal links inside the cluster
  InnovationCentre,         ///< technoparks, incubator capacity
  ClusterManagement,        ///< cluster management and branding
  AnchorCustomer,           ///< state procurement from SMEs (an anchor customer)
};
inline constexpr std::size_t kInstrumentCount = 11;

/// A set of stages 0..4, one bit per stage.
using StageSet = std::uint8_t;
inline constexpr StageSet stage_bit(int stage) {
  return static_cast<StageSet>(1u << stage);
}

/// The fixed description of one instrument: scenario key, what it acts on, its
/// defaults. The strength is the change of its levers at full intensity.
struct InstrumentInfo {
  std::string_view key;
  std::string_view levers;  ///< the RegionConditions fields it sets, for the documentation
  double default_strength;
  double max_strength;
  std::string_view strength_unit;
  StageSet default_stages;
  bool subsidy;              ///< pays firms directly: unconditional support crowds out own R&D
  bool infrastructure;       ///< builds facilities with running costs
  std::string_view horizon;  ///< "medium term" or "long term" in the source
  std::string_view needs;    ///< its preconditions (absorption), for the documentation
};
std::span<const InstrumentInfo> instrument_table();
const InstrumentInfo& instrument_info(Instrument instrument);
std::vector<std::string> instrument_names();
/// The instrument table as Markdown for docs/MODEL.md (a test keeps them in step).
std::string instrument_table_markdown();

enum class Targeting : std::uint8_t { Uniform = 0, GrowthPoles, StageAware };
std::string_view to_string(Targeting targeting);
std::vector<std::string> targeting_names();

/// Who starts a project: the share the state pays follows from it.
enum class Initiator : std::uint8_t { State = 0, Business };
std::string_view to_string(Initiator initiator);

struct InstrumentSpec {
  double share = 0.0;  ///< share of each budget, [0, 1]
  double strength = 0.0;
  StageSet stages = 0;
  bool conditional = false;  ///< paid against results: no crowding out
  Initiator initiator = Initiator::State;
};

struct PolicySpec {
  double national_budget = 0.0;  ///< million tenge / year
  double regional_budget = 0.0;  ///< million tenge / year, for each region with a government agent
  Targeting targeting = Targeting::Uniform;
  double start_year = 0.0;   ///< first allocation, years after the start
  double end_year = 1e9;     ///< no allocation at or after this time
  double every_years = 0.0;  ///< years between allocations; 0: every tick
  bool cofinancing = true;   ///< firms pay their share (70/30, 50/50); off: the state pays all
  /// Regions the national budget may go to (indices into the scenario's
  /// regions; key policy.regions, by name). Empty: every region.
  std::vector<std::size_t> regions;
  std::array<InstrumentSpec, kInstrumentCount> instruments = default_instruments();

  /// Every instrument at its default strength and stages, share 0.
  static std::array<InstrumentSpec, kInstrumentCount> default_instruments();
};

// ---- rules, as pure functions (each has a unit test) ----

/// Whether an instrument is meant for a region at `stage` (the government's
/// rule of thumb that stage-aware targeting follows): the stage is one of its
/// stages and, for leader-region targeting, the region is a growth pole. What
/// the money achieves is the instrument's absorption, not this label.
bool instrument_fits(Instrument instrument, const InstrumentSpec& spec, int stage, bool pole);

/// The share of a project the state pays: state_share_state_started (70%) or
/// state_share_business_started (50%); 1 without co-financing.
double state_share(Initiator initiator, const parameters::ModelParams& p, bool cofinancing);

struct Cofinancing {
  std::size_t joined = 0;   ///< firms that paid
  double firm_money = 0.0;  ///< what they paid in all, million tenge
};
/// Collects `required` million tenge from the firms with the given slots:
/// the k richest firms (capital descending, slot ascending on ties) pay
/// required/k each, with k the largest number for which the k-th richest can
/// pay its part; firms without the money do not join. Deducts from `capital`.
/// k = 0 (nobody can pay) collects nothing.
Cofinancing cofinance(double required, std::span<const std::uint32_t> firm_slots,
                      std::span<double> capital);
/// Firms ranked for co-financing: capital descending, slot ascending on ties.
std::vector<std::uint32_t> rank_by_capital(std::span<const std::uint32_t> firm_slots,
                                           std::span<const double> capital);
/// The same as cofinance on firms already ranked by capital (descending, slot ascending on
/// ties); keeps `ranked` in that order afterwards, so one region can fund many
/// projects without sorting its firms for each.
Cofinancing cofinance_ranked(double required, std::vector<std::uint32_t>& ranked,
                             std::span<double> capital);

/// Support captured by firms that lose money (zombie firms, policy.cpp): `money`
/// is split among the firms of `firm_slots` with a negative operating profit,
/// in proportion to their losses over `years` and never more than those
/// losses; each adds its part to its capital and to its support record.
/// Returns the money captured; the rest reaches no one.
double capture_by_loss_makers(double money, std::span<const std::uint32_t> firm_slots,
                              std::span<const double> operating_profit, double years,
                              std::span<double> capital, std::span<double> support);

/// What an instrument's preconditions in a region are measured from.
struct AbsorptionInputs {
  const RegionMeasures& measures;
  double labour_demand = 0.0;  ///< hires firms asked for in the last labour market (persons)
  double labour_pool = 0.0;    ///< job seekers when they hired (persons)
  bool environment = false;    ///< the environment is modelled (quintuple helix)
  bool pole = false;           ///< the region is a growth pole
};
/// The absorption of an instrument in a region, in [0, 1]: how far the users
/// and conditions it works through exist there (firms doing R&D for a tax
/// relief, startups for start-up support, SMEs for incubators, an anchor core
/// of large firms for branding, a labour shortage for training). It does not
/// look at the stage: an instrument works where its preconditions exist.
double absorption(Instrument instrument, const AbsorptionInputs& in,
                  const parameters::ModelParams& p);
/// The share of an instrument's money that works: 1 − absorption_strength·(1 − a).
double working_share(double absorption, const parameters::ModelParams& p);

/// Intensity of an instrument in [0, 1) from its effective money stock:
/// stock / (stock + policy_half_saturation).
double intensity(double stock, const parameters::ModelParams& p);

/// Adds one instrument's effect at intensity x to a region's conditions;
/// unconditional subsidies also lower own R&D effort by crowding_out·x.
void apply_instrument(Instrument instrument, const InstrumentSpec& spec, double x,
                      const parameters::ModelParams& p, mechanisms::RegionConditions& conditions);

/// Growth-pole score of each region: the mean of its share of national IT
/// value added and its aggregated innovation index (percent / 100), and the
/// index itself (percent), from the regions' measures.
struct PoleScores {
  std::vector<double> value_added_share;
  std::vector<double> innovation_index;  ///< aggregated index, percent
  std::vector<double> score;
};
PoleScores pole_scores(const std::vector<RegionMeasures>& measures);
/// The `count` regions with the highest score (ties: lower index first), as flags.
std::vector<std::uint8_t> choose_poles(const std::vector<double>& score, int count);

// ---- state and phases ----

struct PolicyState {
  std::size_t regions = 0;
  std::vector<double> effect;    ///< [instrument][region] effective money stock, million tenge
  std::vector<double> spending;  ///< [instrument][region] state money spent this tick
  std::vector<double> waste;  ///< [instrument][region] of which found no use (1 − working share)
  std::vector<double> absorption;     ///< [instrument][region] at the last allocation
  std::vector<double> running_costs;  ///< [region] paid for built infrastructure this tick
  std::vector<double> firm_money;     ///< [region] firms' co-financing this tick
  std::vector<double> joined_firms;   ///< [region] firms that co-financed this tick
  std::vector<double> unspent;        ///< [region] budget with no fitting instrument or payer
  std::vector<double> captured;       ///< [region] subsidy money loss-making firms took this tick
  std::vector<std::uint8_t> pole;     ///< [region] growth pole
  PoleScores scores;
  void reset(std::size_t region_count);
  double& at(std::vector<double>& v, Instrument i, std::size_t r) {
    return v[static_cast<std::size_t>(i) * regions + r];
  }
};

/// What a scenario sets for the institutional layer.
struct InstitutionSpec {
  GovernanceMode governance = GovernanceMode::Cluster;
  PolicySpec policy;
};

struct InstitutionState {
  InstitutionSpec spec;
  GovernanceRules rules;
  MeasureHistory history;
  std::vector<RegionMeasures> measures;  ///< this tick, from the policy phase
  StageTracker stages;
  PolicyState policy;
  GovernanceState governance;
};

/// Sizes the institutional state for the world, diagnoses each region's
/// starting stage and sets the conditions the first tick's mechanisms read.
void start_institutions(const sim::World& world, const parameters::ModelParams& p,
                        InstitutionState& in, mechanisms::ModelState& state);
/// The "policy" phase: measures regions, advances civil society and the
/// environment, chooses growth poles, allocates and co-finances budgets,
/// records spending and waste, and sets every region's conditions for the
/// next tick. Serial (region-level work), so deterministic.
void run_policy(sim::TickContext& tick, const parameters::ModelParams& p, InstitutionState& in,
                mechanisms::ModelState& state);
/// The "stage_transitions" phase: one tick of every region's stage tracker.
void run_stage_transitions(sim::TickContext& tick, const parameters::ModelParams& p,
                           InstitutionState& in, const mechanisms::ModelState& state);

/// What the institutional layer's observables are computed from in a tick.
struct InstitutionInputs {
  const sim::World& world;
  const InstitutionState& in;
  const mechanisms::ModelState& state;
};
/// The institutional layer's observables, each declared once with how its
/// value is computed (recorded after the agent model's).
std::span<const sim::Observable<InstitutionInputs>> institution_observables();
/// Writes every institutional observable for the current tick; zeros while
/// the institutions have not started.
void write_institution_observables(const InstitutionInputs& inputs, sim::IndicatorWriter& out);

}  // namespace clustersim::institutions
