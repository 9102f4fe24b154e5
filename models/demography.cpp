// Entry of startups and university spin-offs, and ageing. (Exit on exhausted
// capital is decided in production.cpp, where capital changes.)
#include <algorithm>

#include "models/phases.hpp"
#include "sim/parallel.hpp"

namespace clustersim::models {

using sim::AgentKind;

namespace {
sim::NewAgent new_firm(const ModelParams& p, sim::RegionIndex region, sim::RandomStream& rng) {
  sim::NewAgent firm;
  firm.kind = AgentKind::Sme;
  firm.firm_type =
      rng.bernoulli(p.product_firm_share) ? sim::FirmType::Product : sim::FirmType::Content;
  firm.region = region;
  firm.employees = static_cast<float>(p.startup_employees);
  firm.capital = p.startup_capital;
  firm.rd_intensity = static_cast<float>(p.rd_intensity);
  return firm;
}
}  // namespace

void enter_and_age(sim::TickContext& tick, const ModelParams& p, ModelState& state) {
  sim::World& world = tick.world;
  sim::AgentStore& agents = world.agents;
  const std::size_t fields = agents.fields();
  const double dt = tick.tick_length;
  index_regions(world, state);
  state.births_by_region.assign(world.regions.size(), 0.0);

  for (std::size_t r = 0; r < world.regions.size(); ++r) {
    const sim::Region& region = world.regions[r];
    const auto region_index = static_cast<sim::RegionIndex>(r);
    std::vector<std::uint32_t> universities;
    for (std::uint32_t i = state.region_start[r]; i < state.region_start[r + 1]; ++i) {
      const std::uint32_t s = state.region_members[i];
      if (agents.kinds()[s] == AgentKind::University) universities.push_back(s);
    }
    auto rng =
        tick.stream(sim::kRegionStreamBase + static_cast<std::uint32_t>(r), sim::Purpose::Entry);
    const std::uint32_t startups =
        rng.poisson(p.startup_rate * region.population / 1e6 * (0.5 + region.soft_factor) * dt);
    const std::uint32_t spinoffs =
        universities.empty()
            ? 0u
            : rng.poisson(p.spinoff_rate * static_cast<double>(universities.size()) * dt);
    const std::uint32_t proposer = sim::kRegionStreamBase + static_cast<std::uint32_t>(r);
    std::uint32_t k = 0;
    for (std::uint32_t i = 0; i < startups; ++i) {
      sim::BirthProposal birth;
      birth.order_key = sim::birth_key(proposer, k++);
      birth.agent = new_firm(p, region_index, rng);
      birth.agent.knowledge.resize(fields);
      for (float& x : birth.agent.knowledge)
        x = static_cast<float>(rng.uniform(0.0, p.initial_knowledge));
      tick.changes.propose_birth(std::move(birth));
    }
    for (std::uint32_t i = 0; i < spinoffs; ++i) {
      // A spin-off carries half of its university's knowledge and keeps a tie to it.
      const std::uint32_t parent =
          universities[rng.below(static_cast<std::uint32_t>(universities.size()))];
      sim::BirthProposal birth;
      birth.order_key = sim::birth_key(proposer, k++);
      birth.agent = new_firm(p, region_index, rng);
      const std::span<const float> parent_knowledge = std::as_const(agents).knowledge(parent);
      birth.agent.knowledge.assign(parent_knowledge.begin(), parent_knowledge.end());
      for (float& x : birth.agent.knowledge) x *= 0.5f;
      birth.link_to_parent = true;
      birth.parent = agents.ids()[parent];
      birth.parent_link.kind = sim::EdgeKind::UniversityIndustry;
      tick.changes.propose_birth(std::move(birth));
    }
    state.births_by_region[r] = startups + spinoffs;
  }

  sim::for_slot_ranges(agents.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t s = begin; s < end; ++s) ++agents.age()[s];
  });
}

}  // namespace clustersim::models
