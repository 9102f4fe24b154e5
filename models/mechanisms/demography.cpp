// Exit (capital exhausted, or a small exogenous hazard), relocation toward more
// attractive regions (growth poles), entry of startups, incubator graduates and
// university spin-offs, and ageing. Everything structural is proposed here and
// applied after the phase.
#include <algorithm>
#include <cmath>

#include "models/mechanisms/phases.hpp"
#include "models/mechanisms/rules.hpp"
#include "sim/parallel.hpp"

namespace clustersim::mechanisms {

using parameters::ModelParams;

using sim::AgentKind;
using sim::FirmType;

namespace {

sim::NewAgent new_firm(const ModelParams& p, sim::RegionIndex region, const RegionConditions& c,
                       sim::RandomStream& rng) {
  sim::NewAgent firm;
  firm.kind = AgentKind::Sme;
  firm.firm_type = rng.bernoulli(p.product_firm_share) ? FirmType::Product : FirmType::Content;
  firm.region = region;
  firm.employees = static_cast<float>(p.startup_employees);
  firm.capital = p.startup_capital + c.startup_grant;
  firm.rd_intensity = static_cast<float>(p.rd_intensity * c.own_rd_effort);
  // Ability is drawn once, at birth; the market then selects (Jovanovic 1982).
  firm.productivity =
      static_cast<float>(rules::productivity_from_normal(rng.normal(), p.productivity_dispersion));
  return firm;
}

/// Attractiveness of every region to each firm type (section 7.5): local
/// factors, branding, university proximity, labour costs and the pull of a
/// growth pole's share of national IT value added. Index: region * 2 + (type == Product ? 0 : 1).
std::vector<double> attractiveness(const sim::World& world, const ModelParams& p,
                                   const ModelState& state) {
  const std::size_t regions = world.regions.size();
  std::vector<double> universities(regions, 0.0);
  for (std::size_t s = 0; s < world.agents.size(); ++s) {
    if (world.agents.kinds()[s] == AgentKind::University)
      universities[world.agents.regions()[s]] += 1;
  }
  double national = 0;
  for (const double va : state.region_value_added) national += std::max(0.0, va);
  double mean_wage = 0;
  for (const double w : state.wage) mean_wage += w / static_cast<double>(state.wage.size());
  std::vector<double> out(2 * regions);
  for (std::size_t r = 0; r < regions; ++r) {
    const RegionConditions& c = conditions_of(state, r);
    const double share = national > 0 && r < state.region_value_added.size()
                             ? std::max(0.0, state.region_value_added[r]) / national
                             : 0.0;
    // Labour costs push the other way: a region whose IT wage is above the
    // national mean repels firms (Hirschman's trickle-down: when a pole's
    // wages rise, production moves to cheaper regions nearby).
    const double wage = r < state.wage.size() ? state.wage[r] : 0.0;
    const double cost =
        wage > 0.0 && mean_wage > 0.0 ? std::pow(mean_wage / wage, p.relocation_wage_weight) : 1.0;
    const double pull = (1.0 + c.branding) * (1.0 + p.pole_weight * share) *
                        (1.0 + p.university_pull * universities[r] / (1.0 + universities[r])) *
                        cost;
    out[2 * r] = local_factor_multiplier(p, FirmType::Product, world.regions[r], c) * pull;
    out[2 * r + 1] = local_factor_multiplier(p, FirmType::Content, world.regions[r], c) * pull;
  }
  return out;
}

/// Every region's appeal as a firm in region `from` sees it, halved every
/// relocation_half_distance_km of the move. Index: (from * regions + to) * 2 + type.
std::vector<double> distance_weighted(const ModelParams& p, const sim::World& world,
                                      const std::vector<double>& appeal) {
  const std::size_t regions = world.regions.size();
  std::vector<double> out(2 * regions * regions);
  for (std::size_t from = 0; from < regions; ++from) {
    for (std::size_t to = 0; to < regions; ++to) {
      const double keep =
          from == to
              ? 1.0
              : std::exp2(-world.regions.distance_km(from, to) / p.relocation_half_distance_km);
      for (std::size_t type = 0; type < 2; ++type) {
        out[(from * regions + to) * 2 + type] = appeal[2 * to + type] * keep;
      }
    }
  }
  return out;
}

void exits_and_relocations(sim::TickContext& tick, const ModelParams& p, ModelState& state) {
  sim::World& world = tick.world;
  const sim::AgentStore& agents = world.agents;
  const std::size_t regions = world.regions.size();
  const double dt = tick.tick_length;
  const std::vector<double> appeal = attractiveness(world, p, state);
  const std::vector<double> seen = distance_weighted(p, world, appeal);
  const double relocation_probability = std::min(1.0, p.relocation_rate * dt);
  // 0: stays, 1: exits, 2 + q: moves to region q.
  std::vector<std::uint32_t> fate(agents.size(), 0);
  sim::for_slot_ranges(agents.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t s = begin; s < end; ++s) {
      if (!sim::is_firm(agents.kinds()[s])) continue;
      const sim::AgentId id = agents.ids()[s];
      auto rng = tick.stream(agents.stream_keys()[s], sim::Purpose::Exit);
      // Losses exhaust capital; the exogenous hazard is what the model leaves out.
      if (agents.capital()[s] < 0.0 || rng.bernoulli(rules::event_probability(p.exit_hazard, dt))) {
        fate[s] = 1;
        tick.changes.propose_exit(id);
        continue;
      }
      auto move = tick.stream(agents.stream_keys()[s], sim::Purpose::Relocation);
      if (regions < 2 || !move.bernoulli(relocation_probability)) continue;
      const std::size_t type = agents.firm_types()[s] == FirmType::Product ? 0 : 1;
      const std::size_t here = agents.regions()[s];
      // A firm weighs each region's appeal by how far it would move (contacts,
      // staff and customers are left behind) and moves, if at all, to one of
      // the regions that beat its own by the threshold, in proportion to their
      // weighted appeal.
      const double bar = (1.0 + p.relocation_threshold) * appeal[2 * here + type];
      const auto weight = [&](std::size_t q) { return seen[(here * regions + q) * 2 + type]; };
      double total = 0.0;
      std::size_t last = here;  // the last region that passes the bar
      for (std::size_t q = 0; q < regions; ++q) {
        if (q != here && weight(q) > bar) {
          total += weight(q);
          last = q;
        }
      }
      if (last == here) continue;
      double pick = move.uniform() * total;
      std::size_t to = last;  // where rounding leaves the pick past the end
      for (std::size_t q = 0; q < regions; ++q) {
        if (q == here || !(weight(q) > bar)) continue;
        pick -= weight(q);
        if (pick <= 0.0) {
          to = q;
          break;
        }
      }
      fate[s] = 2 + static_cast<std::uint32_t>(to);
      tick.changes.relocate(id, static_cast<sim::RegionIndex>(to));
    }
  });
  const std::vector<double> counts =
      sim::deterministic_accumulate(agents.size(), 2 * regions, [&](std::size_t s, double* table) {
        if (fate[s] == 1) table[2 * agents.regions()[s]] += 1.0;
        if (fate[s] >= 2) table[2 * (fate[s] - 2) + 1] += 1.0;
      });
  state.exits_by_region.assign(regions, 0.0);
  state.relocations_in.assign(regions, 0.0);
  for (std::size_t r = 0; r < regions; ++r) {
    state.exits_by_region[r] = counts[2 * r];
    state.relocations_in[r] = counts[2 * r + 1];
  }
}

void births(sim::TickContext& tick, const ModelParams& p, ModelState& state) {
  sim::World& world = tick.world;
  const sim::AgentStore& agents = world.agents;
  const std::size_t fields = agents.fields();
  const double dt = tick.tick_length;
  index_regions(world, state);
  state.births_by_region.assign(world.regions.size(), 0.0);

  for (std::size_t r = 0; r < world.regions.size(); ++r) {
    const sim::Region& region = world.regions[r];
    const RegionConditions& c = conditions_of(state, r);
    const auto region_index = static_cast<sim::RegionIndex>(r);
    std::vector<std::uint32_t> universities, firms;
    for (std::uint32_t i = state.region_start[r]; i < state.region_start[r + 1]; ++i) {
      const std::uint32_t s = state.region_members[i];
      if (agents.kinds()[s] == AgentKind::University) universities.push_back(s);
      if (sim::is_firm(agents.kinds()[s])) firms.push_back(s);
    }
    const std::uint32_t proposer = sim::kRegionStreamBase + static_cast<std::uint32_t>(r);
    auto rng = tick.stream(proposer, sim::Purpose::Entry);
    // Entrepreneurial climate: the soft factor with its policy bonus; incubators
    // add their graduates on top.
    const double climate =
        std::max(0.0, p.startup_climate_base + region.soft_factor + c.soft_factor_bonus);
    const std::uint32_t startups = rng.poisson(
        (p.startup_rate * region.population / 1e6 * climate + c.incubator_startups_per_year) * dt);
    // Spin-offs follow the research the region's universities did this tick
    // (knowledge creation): more research, more spin-offs. They need an active
    // university: none in a Porter cluster, where universities only train.
    const double research = r < state.research_output.size() ? state.research_output[r] : 0.0;
    const std::uint32_t spinoffs =
        universities.empty() || !c.spinoffs ? 0u : rng.poisson(p.spinoff_research_yield * research);
    std::uint32_t k = 0;
    for (std::uint32_t i = 0; i < startups; ++i) {
      sim::BirthProposal birth;
      birth.order_key = sim::birth_key(proposer, k++);
      birth.agent = new_firm(p, region_index, c, rng);
      birth.agent.knowledge.resize(fields);
      for (float& x : birth.agent.knowledge)
        x = static_cast<float>(rng.uniform(0.0, p.initial_knowledge));
      // An ecosystem (stage 2 on) absorbs startups: an established firm takes
      // the newcomer on as partner, or as supplier when it is a large firm.
      if (!firms.empty() && c.mentoring_share > 0.0 && rng.bernoulli(c.mentoring_share)) {
        const std::uint32_t mentor = firms[rng.below(static_cast<std::uint32_t>(firms.size()))];
        birth.link_to_parent = true;
        birth.parent = agents.ids()[mentor];
        birth.parent_link.kind = agents.kinds()[mentor] == AgentKind::LargeFirm
                                     ? sim::EdgeKind::Supplier
                                     : sim::EdgeKind::RndPartnership;
      }
      tick.changes.propose_birth(std::move(birth));
    }
    for (std::uint32_t i = 0; i < spinoffs; ++i) {
      // A spin-off carries a share of its university's knowledge and keeps a tie to it.
      const std::uint32_t parent =
          universities[rng.below(static_cast<std::uint32_t>(universities.size()))];
      sim::BirthProposal birth;
      birth.order_key = sim::birth_key(proposer, k++);
      birth.agent = new_firm(p, region_index, c, rng);
      const std::span<const float> parent_knowledge = agents.knowledge(parent);
      birth.agent.knowledge.assign(parent_knowledge.begin(), parent_knowledge.end());
      const auto share = static_cast<float>(p.spinoff_knowledge_share);
      for (float& x : birth.agent.knowledge) x *= share;
      birth.link_to_parent = true;
      birth.parent = agents.ids()[parent];
      birth.parent_link.kind = sim::EdgeKind::UniversityIndustry;
      tick.changes.propose_birth(std::move(birth));
    }
    state.births_by_region[r] = startups + spinoffs;
  }
}

}  // namespace

void update_demography(sim::TickContext& tick, const ModelParams& p, ModelState& state) {
  exits_and_relocations(tick, p, state);
  births(tick, p, state);
  sim::AgentStore& agents = tick.world.agents;
  sim::for_slot_ranges(agents.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t s = begin; s < end; ++s) ++agents.age()[s];
  });
  state.clustering_fresh = false;
  state.tie_measures_fresh = false;
}

}  // namespace clustersim::mechanisms
