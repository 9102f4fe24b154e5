// The institutional layer's observables: stages, growth poles, policy
// spending and waste (in total and by instrument), co-financing, civil society
// and the environment. Each is declared once, with the code that computes it;
// they are recorded after the agent model's.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "models/institutions/policy.hpp"
#include "models/mechanisms/phases.hpp"

namespace clustersim::institutions {

using mechanisms::conditions_of;

namespace {
using Observable = sim::Observable<InstitutionInputs>;
using Inputs = InstitutionInputs;

std::size_t region_count(const Inputs& x) {
  return x.world.regions.size();
}

/// Money of all instruments in region r, from a [instrument][region] table.
double sum_over_instruments(const Inputs& x, const std::vector<double>& by_instrument,
                            std::size_t r) {
  const std::size_t n = region_count(x);
  double total = 0.0;
  for (std::size_t k = 0; k < kInstrumentCount; ++k) total += by_instrument[k * n + r];
  return total;
}

double distance_to_nearest_pole(const Inputs& x, std::size_t r) {
  const std::vector<std::uint8_t>& pole = x.in.policy.pole;
  double nearest = std::numeric_limits<double>::infinity();
  for (std::size_t q = 0; q < region_count(x); ++q) {
    if (pole[q] != 0) nearest = std::min(nearest, x.world.regions.distance_km(r, q));
  }
  return std::isinf(nearest) ? 0.0 : nearest;
}

std::vector<Observable> stage_and_pole_observables() {
  return {
      {{"stage", "1",
        "cluster stage: 0 none, 1 resource concentration, 2 ecosystem formation, "
        "3 breakthrough, 4 maturity",
        "mean"},
       [](const Inputs& x, std::size_t r) { return x.in.stages.stage(r); }},
      {{"stage_transition", "1", "stage change this tick: +1 advance, -1 fall back, 0 none"},
       [](const Inputs& x, std::size_t r) { return x.in.stages.last_change(r); }},
      {{"growth_pole", "1", "1 if the region is a growth pole this tick"},
       [](const Inputs& x, std::size_t r) { return x.in.policy.pole[r]; }},
      {{"pole_distance_km", "km", "distance to the nearest growth pole (0 for a pole)", "none"},
       distance_to_nearest_pole},
      {{"pole_score", "1",
        "growth-pole score: mean of the IT value-added share and the aggregated index / 100",
        "mean"},
       [](const Inputs& x, std::size_t r) {
         const std::vector<double>& score = x.in.policy.scores.score;
         return score.empty() ? 0.0 : score[r];
       }},
  };
}

std::vector<Observable> policy_money_observables() {
  return {
      {{"policy_spending", "million tenge / tick",
        "state money spent on all instruments, infrastructure running costs included"},
       [](const Inputs& x, std::size_t r) {
         return sum_over_instruments(x, x.in.policy.spending, r);
       }},
      {{"policy_waste", "million tenge / tick",
        "state money that found no use: spending times absorption_strength times (1 - the "
        "instrument's absorption in the region)"},
       [](const Inputs& x, std::size_t r) {
         return sum_over_instruments(x, x.in.policy.waste, r);
       }},
      {{"policy_running_costs", "million tenge / tick",
        "upkeep of built infrastructure paid from the budget before new projects"},
       [](const Inputs& x, std::size_t r) { return x.in.policy.running_costs[r]; }},
      {{"policy_unspent", "million tenge / tick",
        "budget left unspent: no fitting instrument or no firm able to co-finance"},
       [](const Inputs& x, std::size_t r) { return x.in.policy.unspent[r]; }},
      {{"policy_captured", "million tenge / tick",
        "unconditional subsidy money without use that loss-making firms took as cash (part of "
        "policy_waste)"},
       [](const Inputs& x, std::size_t r) { return x.in.policy.captured[r]; }},
      {{"firm_cofinancing", "million tenge / tick", "firms' share of co-financed projects"},
       [](const Inputs& x, std::size_t r) { return x.in.policy.firm_money[r]; }},
      {{"cofinancing_payments", "payments / tick", "firm payments into co-financed projects"},
       [](const Inputs& x, std::size_t r) { return x.in.policy.joined_firms[r]; }},
      {{"own_rd_effort", "1", "firms' own R&D effort multiplier (below 1: crowded out)", "mean"},
       [](const Inputs& x, std::size_t r) { return conditions_of(x.state, r).own_rd_effort; }},
  };
}

std::vector<Observable> governance_observables() {
  return {
      {{"civil_interest", "1", "civil-society interest in innovation, [0, 1]", "mean"},
       [](const Inputs& x, std::size_t r) {
         return x.in.rules.civil_society ? x.in.governance.civil_interest[r] : 0.0;
       }},
      {{"civil_participation", "1", "civil-society participation after outside pressure, [0, 1]",
        "mean"},
       [](const Inputs& x, std::size_t r) { return x.in.governance.civil_participation[r]; }},
      {{"political_pressure", "1", "1 while outside political pressure on civil society lasts",
        "mean"},
       [](const Inputs& x, std::size_t r) {
         return x.in.rules.civil_society && x.in.governance.pressure_years_left[r] > 0.0 ? 1.0
                                                                                         : 0.0;
       }},
      {{"green_adoption", "1", "share of IT activity on green technology, [0, 1]", "mean"},
       [](const Inputs& x, std::size_t r) { return x.in.governance.green_adoption[r]; }},
      {{"energy_intensity", "MWh / million tenge", "energy use per unit of IT value added", "mean"},
       [](const Inputs& x, std::size_t r) {
         return x.in.rules.environment ? x.in.governance.energy_intensity[r] : 0.0;
       }},
      {{"emissions", "kt CO2 / year", "CO2 emissions of the IT cluster's energy use"},
       [](const Inputs& x, std::size_t r) { return x.in.governance.emissions[r]; }},
      {{"environmental_limit", "1", "multiplier on value added from the environmental limit",
        "mean"},
       [](const Inputs& x, std::size_t r) { return x.in.governance.environmental_limit[r]; }},
  };
}

/// spending_<instrument> for every instrument, then waste_<instrument>.
std::vector<Observable> instrument_observables() {
  std::vector<Observable> out;
  for (std::size_t k = 0; k < kInstrumentCount; ++k) {
    const std::string key(instrument_table()[k].key);
    out.push_back({{"spending_" + key, "million tenge / tick", "state money spent on " + key},
                   [k](const Inputs& x, std::size_t r) {
                     return x.in.policy.spending[k * region_count(x) + r];
                   }});
  }
  for (std::size_t k = 0; k < kInstrumentCount; ++k) {
    const std::string key(instrument_table()[k].key);
    out.push_back({{"waste_" + key, "million tenge / tick",
                    "state money spent on " + key + " that found no use (1 - absorption)"},
                   [k](const Inputs& x, std::size_t r) {
                     return x.in.policy.waste[k * region_count(x) + r];
                   }});
  }
  return out;
}

std::vector<Observable> all_institution_observables() {
  std::vector<Observable> all;
  for (auto group : {stage_and_pole_observables(), policy_money_observables(),
                     governance_observables(), instrument_observables()}) {
    all.insert(all.end(), std::make_move_iterator(group.begin()),
               std::make_move_iterator(group.end()));
  }
  return all;
}
}  // namespace

std::span<const Observable> institution_observables() {
  static const std::vector<Observable> observables = all_institution_observables();
  return observables;
}

void write_institution_observables(const InstitutionInputs& inputs, sim::IndicatorWriter& out) {
  if (inputs.in.policy.regions != region_count(inputs)) {
    // Not started: the institutions' state is not sized for the world yet.
    for (const Observable& o : institution_observables()) {
      const std::span<double> row = out.row(o.info.name);
      std::fill(row.begin(), row.end(), 0.0);
    }
    return;
  }
  sim::write_observables(institution_observables(), inputs, out);
}

}  // namespace clustersim::institutions
