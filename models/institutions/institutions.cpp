// The institutional layer's phases: "policy" (governments act) and
// "stage_transitions" (each region's cluster stage moves). Both work on a
// handful of regions and run serially, so their results cannot depend on the
// number of threads; the per-agent measuring they start from uses
// deterministic reductions.
#include <algorithm>
#include <cmath>

#include "models/institutions/policy.hpp"
#include "models/mechanisms/phases.hpp"

namespace clustersim::institutions {

using mechanisms::conditions_of;
using mechanisms::ModelState;
using mechanisms::RegionConditions;
using parameters::ModelParams;

namespace {

/// Firms of each region in slot order, and how many government and
/// civil-society agents each region has.
struct RegionRoster {
  std::vector<std::vector<std::uint32_t>> firms;
  std::vector<int> governments, civil_society;
};

RegionRoster roster(const sim::World& world) {
  const std::size_t n = world.regions.size();
  RegionRoster out{std::vector<std::vector<std::uint32_t>>(n), std::vector<int>(n, 0),
                   std::vector<int>(n, 0)};
  const sim::AgentStore& agents = world.agents;
  for (std::size_t s = 0; s < agents.size(); ++s) {
    const std::size_t r = agents.regions()[s];
    const sim::AgentKind kind = agents.kinds()[s];
    if (sim::is_firm(kind)) out.firms[r].push_back(static_cast<std::uint32_t>(s));
    if (kind == sim::AgentKind::Government) ++out.governments[r];
    if (kind == sim::AgentKind::CivilSociety) ++out.civil_society[r];
  }
  return out;
}

/// Whether this tick allocates budgets, and for how many years of budget.
bool allocation_due(const PolicySpec& s, std::uint32_t tick, double dt, double& years) {
  const double t = static_cast<double>(tick) * dt;  // the start of this tick, in years
  constexpr double kEps = 1e-9;
  if (t < s.start_year - kEps || t >= s.end_year - kEps) return false;
  if (s.every_years <= 0.0) {
    years = dt;
    return true;
  }
  const long period = std::max(1L, std::lround(s.every_years / dt));
  const auto first = static_cast<long>(std::ceil(s.start_year / dt - kEps));
  if ((static_cast<long>(tick) - first) % period != 0) return false;
  years = static_cast<double>(period) * dt;
  return true;
}

/// Conditions of every region from the governance channels, the instruments'
/// effect stocks, civil society and the environment.
void set_conditions(const ModelParams& p, InstitutionState& in, ModelState& state,
                    std::size_t regions) {
  state.conditions.assign(regions, RegionConditions{});
  for (std::size_t r = 0; r < regions; ++r) {
    RegionConditions& c = state.conditions[r];
    apply_channels(in.rules, c);
    apply_stage_capabilities(in.stages.stage(r), p, c);
    for (std::size_t i = 0; i < kInstrumentCount; ++i) {
      const auto instrument = static_cast<Instrument>(i);
      const double x = intensity(in.policy.at(in.policy.effect, instrument, r), p);
      if (x > 0.0) apply_instrument(instrument, in.spec.policy.instruments[i], x, p, c);
    }
    if (in.rules.civil_society) {
      // Civil society shapes demand for innovation (production pays it to the
      // firms that innovate) and university practice.
      const double part = in.governance.civil_participation[r];
      c.demand_pull = p.civil_demand_effect * part;
      c.research_efficiency *= 1.0 + p.civil_university_effect * part;
    }
    if (in.rules.environment) {
      // Green IT relieves the limit (through emissions) and adds to firms' R&D.
      c.environmental_limit = in.governance.environmental_limit[r];
      c.green_knowledge = 1.0 + p.green_knowledge_effect * in.governance.green_adoption[r];
    }
  }
}

/// Each instrument's absorption in every region now ([instrument][region]).
std::vector<double> absorptions(const ModelParams& p, const InstitutionState& in,
                                const ModelState& state) {
  const std::size_t n = in.measures.size();
  std::vector<double> out(kInstrumentCount * n, 0.0);
  for (std::size_t r = 0; r < n; ++r) {
    AbsorptionInputs inputs{in.measures[r]};
    inputs.labour_demand = r < state.labour_demand.size() ? state.labour_demand[r] : 0.0;
    inputs.labour_pool = r < state.labour_supply.size() ? state.labour_supply[r] : 0.0;
    inputs.environment = in.rules.environment;
    inputs.pole = in.policy.pole[r] != 0;
    for (std::size_t i = 0; i < kInstrumentCount; ++i) {
      out[i * n + r] = absorption(static_cast<Instrument>(i), inputs, p);
    }
  }
  return out;
}

/// Built infrastructure costs its upkeep first: each region's budget pays
/// infrastructure_running_cost · stock · years for every infrastructure
/// instrument (as far as the budget goes) before new projects. Upkeep of
/// facilities nobody uses is waste like any other money without use.
void pay_running_costs(const ModelParams& p, PolicyState& ps, std::vector<double>& budget,
                       double years) {
  for (std::size_t r = 0; r < ps.regions; ++r) {
    for (std::size_t i = 0; i < kInstrumentCount; ++i) {
      const auto instrument = static_cast<Instrument>(i);
      if (!instrument_info(instrument).infrastructure) continue;
      const double due = p.infrastructure_running_cost * ps.at(ps.effect, instrument, r) * years;
      const double paid = std::min(std::max(0.0, budget[r]), due);
      if (!(paid > 0.0)) continue;
      budget[r] -= paid;
      ps.running_costs[r] += paid;
      ps.at(ps.spending, instrument, r) += paid;
      ps.at(ps.waste, instrument, r) +=
          paid * (1.0 - working_share(ps.at(ps.absorption, instrument, r), p));
    }
  }
}

void allocate(sim::TickContext& tick, const ModelParams& p, InstitutionState& in,
              const ModelState& state, double years) {
  sim::World& world = tick.world;
  const std::size_t n = world.regions.size();
  const PolicySpec& spec = in.spec.policy;
  PolicyState& ps = in.policy;
  const RegionRoster who = roster(world);
  const std::span<double> capital = world.agents.capital();

  std::vector<double> budget(n, 0.0);
  const double national = spec.national_budget * years;
  // The national budget goes to the listed regions (all when none are
  // listed), and under growth-pole targeting only to the poles among them.
  const auto listed = [&](std::size_t r) {
    return spec.regions.empty() ||
           std::find(spec.regions.begin(), spec.regions.end(), r) != spec.regions.end();
  };
  const auto receives = [&](std::size_t r) {
    return listed(r) && (spec.targeting != Targeting::GrowthPoles || ps.pole[r] != 0);
  };
  std::size_t receivers = 0;
  for (std::size_t r = 0; r < n; ++r) receivers += receives(r) ? 1u : 0u;
  for (std::size_t r = 0; r < n; ++r) {
    if (receives(r) && receivers > 0) budget[r] += national / static_cast<double>(receivers);
    // Each akimat spends its own budget in its own region.
    if (who.governments[r] > 0) budget[r] += spec.regional_budget * years;
  }
  ps.absorption = absorptions(p, in, state);
  pay_running_costs(p, ps, budget, years);

  for (std::size_t r = 0; r < n; ++r) {
    if (!(budget[r] > 0.0)) continue;
    const int stage = in.stages.stage(r);
    const bool pole = ps.pole[r] != 0;
    std::array<double, kInstrumentCount> weight{};
    double total = 0.0;
    for (std::size_t i = 0; i < kInstrumentCount; ++i) {
      const InstrumentSpec& is = spec.instruments[i];
      const bool fits = instrument_fits(static_cast<Instrument>(i), is, stage, pole);
      weight[i] = spec.targeting == Targeting::StageAware && !fits ? 0.0 : is.share;
      total += weight[i];
    }
    // Stage-aware targeting moves the shares of instruments that do not fit
    // to those that do; the other rules spend the shares as given.
    const double scale = spec.targeting == Targeting::StageAware ? total : 1.0;
    if (!(scale > 0.0)) {
      ps.unspent[r] += budget[r];
      continue;
    }
    double spent_here = 0.0;
    std::vector<std::uint32_t> ranked = rank_by_capital(who.firms[r], capital);
    for (std::size_t i = 0; i < kInstrumentCount; ++i) {
      const double money = budget[r] * weight[i] / scale;
      if (!(money > 0.0)) continue;
      const auto instrument = static_cast<Instrument>(i);
      const InstrumentSpec& is = spec.instruments[i];
      const double sigma = state_share(is.initiator, p, spec.cofinancing);
      const double required = money * (1.0 - sigma) / sigma;
      const Cofinancing paid = cofinance_ranked(required, ranked, capital);
      if (required > 0.0 && paid.joined == 0) continue;  // no firm can pay: no project
      // The money works as far as the instrument's preconditions exist here.
      const double works = working_share(ps.at(ps.absorption, instrument, r), p);
      spent_here += money;
      ps.at(ps.spending, instrument, r) += money;
      ps.at(ps.waste, instrument, r) += money * (1.0 - works);
      ps.firm_money[r] += paid.firm_money;
      ps.joined_firms[r] += static_cast<double>(paid.joined);
      ps.at(ps.effect, instrument, r) += (money + paid.firm_money) * works;
      // Money handed out whatever firms do, where it finds no productive use,
      // is partly taken by firms that lose money: it keeps them alive, holding
      // workers and partners (zombie firms). Support paid against results is
      // not open to them.
      if (instrument_info(instrument).subsidy && !is.conditional) {
        ps.captured[r] += capture_by_loss_makers(money * (1.0 - works) * p.zombie_capture,
                                                 who.firms[r], world.agents.operating_profit(),
                                                 years, capital, world.agents.support());
      }
    }
    ps.unspent[r] += budget[r] - spent_here;
  }
}

}  // namespace

void start_institutions(const sim::World& world, const ModelParams& p, InstitutionState& in,
                        ModelState& state) {
  const std::size_t n = world.regions.size();
  in.rules = governance_rules(in.spec.governance);
  in.stages.reset(n);
  in.policy.reset(n);
  in.governance.reset(n, p);
  in.history = MeasureHistory{};  // sized on the first tick, which knows the tick length
  in.measures = measure_regions(world, p, 1.0, {}, {}, {}, nullptr);
  for (std::size_t r = 0; r < n; ++r) in.stages.diagnose(r, in.measures[r], p);
  in.policy.scores = pole_scores(in.measures);
  in.policy.pole = choose_poles(in.policy.scores.score, p.growth_pole_count);
  set_conditions(p, in, state, n);
}

void run_policy(sim::TickContext& tick, const ModelParams& p, InstitutionState& in,
                ModelState& state) {
  sim::World& world = tick.world;
  const std::size_t n = world.regions.size();
  const double dt = tick.tick_length;
  if (in.policy.regions != n) start_institutions(world, p, in, state);
  if (in.history.value_added.empty()) in.history.reset(n, dt);
  std::vector<double> soft_bonus(n, 0.0);
  for (std::size_t r = 0; r < n; ++r) soft_bonus[r] = conditions_of(state, r).soft_factor_bonus;
  in.measures = measure_regions(world, p, dt, state.births_by_region, state.exits_by_region,
                                soft_bonus, &in.history);

  if (in.rules.civil_society || in.rules.environment) {
    const RegionRoster who = roster(world);
    for (std::size_t r = 0; r < n; ++r) {
      if (in.rules.civil_society) {
        auto rng = tick.stream(sim::kRegionStreamBase + static_cast<std::uint32_t>(r),
                               sim::Purpose::CivilSociety);
        const double z = rng.normal();
        const double u = rng.uniform();
        update_civil_society(in.governance, r, p, dt, z, u, who.civil_society[r]);
      }
      if (in.rules.environment) {
        update_environment(in.governance, r, p, dt, in.measures[r].value_added,
                           world.regions[r].population, conditions_of(state, r).green_research);
      }
    }
  }

  PolicyState& ps = in.policy;
  ps.scores = pole_scores(in.measures);
  ps.pole = choose_poles(ps.scores.score, p.growth_pole_count);
  const double keep = std::max(0.0, 1.0 - p.policy_effect_decay * dt);
  for (double& e : ps.effect) e *= keep;
  std::fill(ps.spending.begin(), ps.spending.end(), 0.0);
  std::fill(ps.waste.begin(), ps.waste.end(), 0.0);
  std::fill(ps.firm_money.begin(), ps.firm_money.end(), 0.0);
  std::fill(ps.joined_firms.begin(), ps.joined_firms.end(), 0.0);
  std::fill(ps.unspent.begin(), ps.unspent.end(), 0.0);
  std::fill(ps.captured.begin(), ps.captured.end(), 0.0);
  std::fill(ps.running_costs.begin(), ps.running_costs.end(), 0.0);
  double years = 0.0;
  if (allocation_due(in.spec.policy, tick.tick, dt, years)) allocate(tick, p, in, state, years);
  set_conditions(p, in, state, n);
}

void run_stage_transitions(sim::TickContext& tick, const ModelParams& p, InstitutionState& in,
                           const ModelState& state) {
  const sim::World& world = tick.world;
  for (std::size_t r = 0; r < in.measures.size(); ++r) {
    // Infrastructure built by this tick's policy counts at once.
    RegionMeasures m = in.measures[r];
    m.infrastructure = world.regions[r].soft_factor + conditions_of(state, r).soft_factor_bonus;
    in.stages.update(tick.tick + 1, r, m, p);
  }
}

}  // namespace clustersim::institutions
