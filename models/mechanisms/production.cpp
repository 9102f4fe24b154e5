// Production, costs, profit, R&D budget, hiring from the regional labour pool,
// and growth into a large firm. (Exit is decided in demography.cpp.)
#include <algorithm>
#include <cmath>

#include "models/mechanisms/phases.hpp"
#include "models/mechanisms/rules.hpp"
#include "sim/parallel.hpp"

namespace clustersim::mechanisms {
namespace {

/// Largest relative change of a firm's staff in one tick. A guard, not a
/// parameter: at the defaults employment_adjustment·margin·Δt stays well inside
/// it; it binds only for extreme margins or long ticks, where a linear step
/// would otherwise fire the whole staff or more than double it at once.
constexpr double kMaxStaffChangePerTick = 0.5;
/// Largest demand one buyer brings a supplier, in units of supplier_demand_bonus.
/// A guard, not a parameter: a single very large buyer cannot multiply an SME's
/// output without bound (its purchases are split among many suppliers).
constexpr double kMaxBuyerDemand = 4.0;

}  // namespace

using parameters::ModelParams;

using sim::AgentKind;
using sim::FirmType;

bool is_programme_tie(const sim::AgentStore& agents, sim::Network::Vertex v,
                      sim::Network::Vertex partner, const sim::EdgeAttributes& tie) {
  return tie.kind == sim::EdgeKind::GovernmentProgramme &&
         agents.kinds()[partner] == AgentKind::Government &&
         agents.regions()[partner] == agents.regions()[v];
}

bool in_programme(const sim::AgentStore& agents, const sim::Network& network,
                  sim::Network::Vertex v) {
  const auto partners = network.neighbours(v);
  const auto ties = network.attributes(v);
  for (std::size_t i = 0; i < partners.size(); ++i) {
    if (is_programme_tie(agents, v, partners[i], ties[i])) return true;
  }
  return false;
}

bool is_civil_tie(const sim::AgentStore& agents, sim::Network::Vertex v,
                  sim::Network::Vertex partner, const sim::EdgeAttributes& tie) {
  return tie.kind == sim::EdgeKind::CivilSociety &&
         agents.kinds()[partner] == AgentKind::CivilSociety &&
         agents.regions()[partner] == agents.regions()[v];
}

double demand_pull_of(const RegionConditions& c, bool civil_tie, const ModelParams& p) {
  return civil_tie ? c.demand_pull * (1.0 + p.civil_tie_reach) : c.demand_pull;
}

RegionConditions with_programme_reach(const RegionConditions& c, const ModelParams& p) {
  RegionConditions out = c;
  const double more = 1.0 + p.government_tie_reach;
  out.hard_factor_bonus *= more;
  out.soft_factor_bonus *= more;
  out.rd_cost_factor = std::max(0.0, 1.0 - (1.0 - c.rd_cost_factor) * more);
  return out;
}

double local_factor_multiplier(const ModelParams& p, FirmType type, const sim::Region& region,
                               const RegionConditions& c) {
  // Product firms lean on hard factors (state support), content firms on soft
  // ones (skilled labour, infrastructure, universities): Kireyeva & Tsoi (2018).
  const double hard = region.hard_factor + c.hard_factor_bonus;
  const double soft = region.soft_factor + c.soft_factor_bonus;
  if (type == FirmType::Product) {
    return 1.0 + p.hard_factor_sensitivity_product * hard +
           p.soft_factor_sensitivity_product * soft;
  }
  return 1.0 + p.hard_factor_sensitivity_content * hard + p.soft_factor_sensitivity_content * soft;
}

void produce(sim::TickContext& tick, const ModelParams& p, ModelState& state) {
  sim::World& world = tick.world;
  sim::AgentStore& agents = world.agents;
  const sim::Network& network = world.network;
  const std::size_t n = agents.size();
  const std::size_t regions = world.regions.size();
  const double dt = tick.tick_length;
  const double shock_sd = p.productivity_shock_sd * std::sqrt(dt);
  ensure_region_state(world, p, state);
  if (!state.clustering_fresh || state.clustering.size() != n) compute_clustering(world, state);
  state.staff_change.assign(n, 0.0f);
  // Buyers' value added as it was before this tick (pass one overwrites it).
  const std::vector<double> buyer_value_added(agents.value_added().begin(),
                                              agents.value_added().end());

  // Pass one: output, costs, profit and the staff each firm wants.
  sim::for_slot_ranges(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t s = begin; s < end; ++s) {
      if (!sim::is_firm(agents.kinds()[s])) continue;
      const auto v = static_cast<std::uint32_t>(s);
      const std::size_t r = agents.regions()[s];
      const double staff = std::max(1.0f, agents.employees()[s]);
      const double capital_per_worker = std::max(0.0, agents.capital()[s]) / staff;
      // One walk over the firm's ties: what they cost, the demand an SME's
      // supplier ties bring (a buyer that grows buys more, wherever the
      // supplier sits), and whether a tie to its own government makes it a
      // participant of the programme that government runs there.
      const bool sme = agents.kinds()[s] == AgentKind::Sme;
      const auto partners = network.neighbours(v);
      const auto ties = network.attributes(v);
      double tie_costs = 0, supplier_demand = 0;
      bool programme = false, civil = false;
      // A civil-society tie matters only where there is demand to raise.
      const bool demand_here = conditions_of(state, r).demand_pull > 0.0;
      for (std::size_t i = 0; i < partners.size(); ++i) {
        const std::uint32_t j = partners[i];
        tie_costs += rules::tie_cost(p.link_cost, p.coordination_cost_strength, state.clustering[s],
                                     world.regions.distance_km(r, agents.regions()[j]),
                                     p.tie_distance_cost_km);
        if (sme && ties[i].kind == sim::EdgeKind::Supplier) {
          supplier_demand += std::min(
              kMaxBuyerDemand, std::max(0.0, buyer_value_added[j]) / p.supplier_demand_reference);
        }
        programme = programme || is_programme_tie(agents, v, j, ties[i]);
        civil = civil || (demand_here && is_civil_tie(agents, v, j, ties[i]));
      }
      const RegionConditions c =
          programme ? with_programme_reach(conditions_of(state, r), p) : conditions_of(state, r);
      // Civil-society demand for innovation goes to the firms that innovated
      // this tick (innovation runs before production).
      const bool innovated = s < state.innovated.size() && state.innovated[s] != 0;
      auto rng = tick.stream(agents.stream_keys()[s], sim::Purpose::Production);
      const double shock = std::exp(shock_sd * rng.normal() - 0.5 * shock_sd * shock_sd);
      const double value_added =  // million tenge per year
          p.productivity * agents.productivity()[s] * std::pow(staff, p.labour_elasticity) *
          std::pow(1.0 + mean_of(std::as_const(agents).knowledge(s)), p.knowledge_elasticity) *
          std::pow(1.0 + capital_per_worker, p.capital_elasticity) *
          local_factor_multiplier(p, agents.firm_types()[s], world.regions[r], c) *
          (1.0 + p.supplier_demand_bonus * supplier_demand) *
          (1.0 + (innovated ? demand_pull_of(c, civil, p) : 0.0)) * c.environmental_limit * shock;
      const double operating = value_added - state.wage[r] * staff - tie_costs - p.fixed_cost;
      const double rd = c.rd_cost_factor * agents.rd_intensity()[s] * value_added;
      const double profit = operating - rd;
      agents.value_added()[s] = value_added;
      agents.operating_profit()[s] = operating;
      agents.capital()[s] += profit * dt;
      // Captured support fades from the firm's record (policy: zombie firms).
      agents.support()[s] *= std::max(0.0, 1.0 - dt / p.support_memory_years);
      // Profit funds R&D: a firm that loses money before R&D pauses it.
      agents.rd_intensity()[s] =
          operating > 0 ? static_cast<float>(p.rd_intensity * c.own_rd_effort) : 0.0f;
      // Staff follows the margin; a firm without capital cannot pay for growth.
      const double margin = profit / std::max(value_added, 1e-9);
      // Scale-up finance (stage 3 on) lets profitable firms grow faster.
      const double speed = p.employment_adjustment * (margin > 0 ? 1.0 + c.scaleup_finance : 1.0);
      double growth =
          std::clamp(speed * margin * dt, -kMaxStaffChangePerTick, kMaxStaffChangePerTick);
      if (growth > 0 && agents.capital()[s] <= 0) growth = 0;
      state.staff_change[s] = static_cast<float>(std::max(1.0 - staff, staff * growth));
    }
  });

  // Hires are rationed by the regional pool: every firm of a region gets the
  // same share of the workers it asked for; layoffs return to the pool.
  const std::vector<double> flows =
      sim::deterministic_accumulate(n, 2 * regions, [&](std::size_t s, double* table) {
        const double d = state.staff_change[s];
        table[2 * agents.regions()[s] + (d > 0 ? 0 : 1)] += d;
      });
  std::vector<float> fill(regions, 1.0f);
  for (std::size_t r = 0; r < regions; ++r) {
    const double hires = flows[2 * r];
    const double pool = state.labour_pool[r];
    state.labour_demand[r] = hires;
    state.labour_supply[r] = pool;
    fill[r] = hires > pool ? static_cast<float>(pool / hires) : 1.0f;
    state.labour_pool[r] = std::max(0.0, pool - hires * fill[r] - flows[2 * r + 1]);
    state.layoffs[r] -= flows[2 * r + 1];
  }
  // Laid-off workers carry their firm's knowledge into the pool; the labour
  // market folds it into the pool's profile (labour.cpp).
  const std::size_t fields = agents.fields();
  const std::vector<double> laid_off_knowledge =
      sim::deterministic_accumulate(n, regions * fields, [&](std::size_t s, double* table) {
        const double d = state.staff_change[s];
        if (d >= 0) return;
        const std::span<const float> k = std::as_const(agents).knowledge(s);
        double* row = table + agents.regions()[s] * fields;
        for (std::size_t f = 0; f < fields; ++f) row[f] -= d * k[f];
      });
  for (std::size_t i = 0; i < regions * fields; ++i) {
    state.layoff_knowledge[i] += laid_off_knowledge[i];
  }

  // Pass two: staff, knowledge brought by hires, and promotion (each firm
  // writes only itself). Hires come from the pool as it was before this tick's
  // layoffs joined it: a firm absorbs A · hire_knowledge_transfer · h/(L + h)
  // of its gap to the pool's profile in every field, a share below 1.
  state.hire_gain.assign(n, 0.0f);
  sim::for_slot_ranges(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t s = begin; s < end; ++s) {
      if (!sim::is_firm(agents.kinds()[s])) continue;
      const std::size_t r = agents.regions()[s];
      const float d = state.staff_change[s];
      const float staff = std::max(1.0f, agents.employees()[s]);
      const float hired = d > 0 ? d * fill[r] : 0.0f;
      if (hired > 0 && p.hire_knowledge_transfer > 0) {
        const std::span<float> own = agents.knowledge(s);
        const double capacity = rules::absorptive_capacity(
            mean_of(own), static_cast<double>(agents.rd_intensity()[s]) * staff,
            p.absorptive_knowledge_scale, p.absorptive_staff_scale);
        const double share = capacity * p.hire_knowledge_transfer * hired / (staff + hired);
        const double* pool = state.pool_knowledge.data() + r * fields;
        double gained = 0;
        for (std::size_t f = 0; f < fields; ++f) {
          const double gain = share * std::max(0.0, pool[f] - static_cast<double>(own[f]));
          own[f] += static_cast<float>(gain);
          gained += gain;
        }
        state.hire_gain[s] = static_cast<float>(gained);
      }
      agents.employees()[s] = std::max(1.0f, staff + (d > 0 ? hired : d));
      if (agents.kinds()[s] == AgentKind::Sme && agents.employees()[s] >= p.large_firm_threshold) {
        agents.kinds()[s] = AgentKind::LargeFirm;
      }
    }
  });
  state.knowledge_from_hires = sim::deterministic_accumulate(
      n, regions,
      [&](std::size_t s, double* table) { table[agents.regions()[s]] += state.hire_gain[s]; });
}

}  // namespace clustersim::mechanisms
