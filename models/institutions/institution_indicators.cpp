// The institutional layer's per-region series: stages, policy spending and
// waste by instrument, co-financing, growth poles, civil society and the
// environment. Written after the agent model's series in the same table.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "models/institutions/policy.hpp"
#include "models/mechanisms/phases.hpp"

namespace clustersim::institutions {

using mechanisms::conditions_of;
using mechanisms::ModelState;

std::vector<sim::SeriesInfo> institution_series() {
  std::vector<sim::SeriesInfo> s = {
      {"stage", "1",
       "cluster stage: 0 none, 1 resource concentration, 2 ecosystem formation, "
       "3 breakthrough, 4 maturity",
       "mean"},
      {"stage_transition", "1", "stage change this tick: +1 advance, -1 fall back, 0 none"},
      {"growth_pole", "1", "1 if the region is a growth pole this tick"},
      {"pole_distance_km", "km", "distance to the nearest growth pole (0 for a pole)", "none"},
      {"pole_score", "1",
       "growth-pole score: mean of the IT value-added share and the aggregated index / 100",
       "mean"},
      {"policy_spending", "million tenge / tick", "state money spent on all instruments"},
      {"policy_waste", "million tenge / tick",
       "state money spent on instruments outside their stages"},
      {"policy_unspent", "million tenge / tick",
       "budget left unspent: no fitting instrument or no firm able to co-finance"},
      {"firm_cofinancing", "million tenge / tick", "firms' share of co-financed projects"},
      {"cofinancing_payments", "payments / tick", "firm payments into co-financed projects"},
      {"own_rd_effort", "1", "firms' own R&D effort multiplier (below 1: crowded out)", "mean"},
      {"civil_interest", "1", "civil-society interest in innovation, [0, 1]", "mean"},
      {"civil_participation", "1", "civil-society participation after outside pressure, [0, 1]",
       "mean"},
      {"political_pressure", "1", "1 while outside political pressure on civil society lasts",
       "mean"},
      {"green_adoption", "1", "share of IT activity on green technology, [0, 1]", "mean"},
      {"energy_intensity", "MWh / million tenge", "energy use per unit of IT value added", "mean"},
      {"emissions", "kt CO2 / year", "CO2 emissions of the IT cluster's energy use"},
      {"environmental_limit", "1", "multiplier on value added from the environmental limit",
       "mean"},
  };
  for (const InstrumentInfo& i : instrument_table()) {
    s.push_back({"spending_" + std::string(i.key), "million tenge / tick",
                 "state money spent on " + std::string(i.key)});
  }
  for (const InstrumentInfo& i : instrument_table()) {
    s.push_back({"waste_" + std::string(i.key), "million tenge / tick",
                 "state money spent on " + std::string(i.key) + " outside its stages"});
  }
  return s;
}

void compute_institution_indicators(sim::World& world, const InstitutionState& in,
                                    const ModelState& state) {
  sim::IndicatorTable& out = world.indicators;
  const std::size_t n = world.regions.size();
  if (in.policy.regions != n) return;  // not started: the table keeps its zeros
  std::size_t i = out.index_of("stage");
  const auto row = [&](auto value) {
    for (std::size_t r = 0; r < n; ++r) out.at(i, r) = value(r);
    ++i;
  };
  const PolicyState& ps = in.policy;
  const GovernanceState& g = in.governance;
  const auto sum_over_instruments = [&](const std::vector<double>& v, std::size_t r) {
    double total = 0.0;
    for (std::size_t k = 0; k < kInstrumentCount; ++k) total += v[k * n + r];
    return total;
  };
  row([&](std::size_t r) { return in.stages.stage(r); });
  row([&](std::size_t r) { return in.stages.last_change(r); });
  row([&](std::size_t r) { return ps.pole[r]; });
  row([&](std::size_t r) {
    double nearest = std::numeric_limits<double>::infinity();
    for (std::size_t q = 0; q < n; ++q) {
      if (ps.pole[q] != 0) nearest = std::min(nearest, world.regions.distance_km(r, q));
    }
    return std::isinf(nearest) ? 0.0 : nearest;
  });
  row([&](std::size_t r) { return ps.scores.score.empty() ? 0.0 : ps.scores.score[r]; });
  row([&](std::size_t r) { return sum_over_instruments(ps.spending, r); });
  row([&](std::size_t r) { return sum_over_instruments(ps.waste, r); });
  row([&](std::size_t r) { return ps.unspent[r]; });
  row([&](std::size_t r) { return ps.firm_money[r]; });
  row([&](std::size_t r) { return ps.joined_firms[r]; });
  row([&](std::size_t r) { return conditions_of(state, r).own_rd_effort; });
  row([&](std::size_t r) { return in.rules.civil_society ? g.civil_interest[r] : 0.0; });
  row([&](std::size_t r) { return g.civil_participation[r]; });
  row([&](std::size_t r) {
    return in.rules.civil_society && g.pressure_years_left[r] > 0.0 ? 1.0 : 0.0;
  });
  row([&](std::size_t r) { return g.green_adoption[r]; });
  row([&](std::size_t r) { return in.rules.environment ? g.energy_intensity[r] : 0.0; });
  row([&](std::size_t r) { return g.emissions[r]; });
  row([&](std::size_t r) { return g.environmental_limit[r]; });
  for (const auto* v : {&ps.spending, &ps.waste}) {
    for (std::size_t k = 0; k < kInstrumentCount; ++k) {
      row([&](std::size_t r) { return (*v)[k * n + r]; });
    }
  }
}

}  // namespace clustersim::institutions
