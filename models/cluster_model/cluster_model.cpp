#include "models/cluster_model/cluster_model.hpp"

#include <cmath>
#include <stdexcept>

namespace clustersim::cluster_model {

using institutions::InstitutionState;
using institutions::run_policy;
using institutions::run_stage_transitions;
using institutions::start_institutions;
using mechanisms::create_knowledge;
using mechanisms::ensure_region_state;
using mechanisms::enter_and_age;
using mechanisms::exchange_knowledge;
using mechanisms::index_regions;
using mechanisms::innovate;
using mechanisms::ModelState;
using mechanisms::produce;
using mechanisms::update_labour_markets;
using mechanisms::update_network;
using observables::compute_indicators;
using parameters::ModelParams;

using sim::AgentKind;

namespace {
void add_agents(sim::World& world, const Scenario& scenario, std::size_t region, AgentKind kind,
                int count) {
  const ModelParams& p = scenario.model;
  sim::AgentStore& agents = world.agents;
  for (int i = 0; i < count; ++i) {
    sim::RandomStream rng(scenario.seed, 0, agents.next_id(), sim::Purpose::Initialisation);
    sim::NewAgent agent;
    agent.kind = kind;
    agent.region = static_cast<sim::RegionIndex>(region);
    agent.knowledge.resize(agents.fields());
    for (float& x : agent.knowledge) x = static_cast<float>(rng.uniform(0.0, p.initial_knowledge));
    if (sim::is_firm(kind)) {
      agent.firm_type =
          rng.bernoulli(p.product_firm_share) ? sim::FirmType::Product : sim::FirmType::Content;
      // Initial staff: SMEs between a startup and the large-firm bound, large
      // firms between that bound and four times it (log-uniform).
      const double lo = kind == AgentKind::Sme ? p.startup_employees : p.large_firm_threshold;
      const double hi =
          kind == AgentKind::Sme ? p.large_firm_threshold : 4.0 * p.large_firm_threshold;
      const double staff = lo * std::pow(hi / lo, rng.uniform());
      agent.employees =
          static_cast<float>(std::min(staff, hi - (kind == AgentKind::Sme ? 1.0 : 0.0)));
      agent.capital = p.startup_capital * staff / p.startup_employees;
      agent.rd_intensity = static_cast<float>(p.rd_intensity);
    }
    const sim::AgentId id = agents.add(agent);
    // Initial firms are established: the higher exit hazard of young firms is
    // for the firms that enter during the run.
    if (sim::is_firm(kind) && scenario.tick_length > 0) {
      agents.age()[agents.slot_of(id)] =
          static_cast<std::uint32_t>(std::ceil(p.exit_young_years / scenario.tick_length));
    }
  }
}
}  // namespace

std::unique_ptr<sim::World> build_world(const Scenario& scenario) {
  if (scenario.regions.empty()) throw std::invalid_argument("a scenario needs at least one region");
  std::vector<sim::Region> regions;
  for (const RegionSpec& r : scenario.regions) regions.push_back(r.region);
  auto world =
      std::make_unique<sim::World>(static_cast<std::size_t>(scenario.model.knowledge_fields),
                                   sim::RegionTable(std::move(regions)));
  for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
    // Region by region, kind by kind in table order: the ids (and so every
    // random stream) follow from that order.
    for (const parameters::AgentKindSpec& k : parameters::agent_kinds()) {
      add_agents(*world, scenario, r, k.kind, scenario.regions[r].agents[k.kind]);
    }
  }
  world->network.add_vertices(world->agents.size());
  world->network.commit();

  // Initial ties: each agent proposes initial_partners / 2 ties to agents of its
  // own region (so the mean degree is about initial_partners), in slot order.
  ModelState scratch;
  index_regions(*world, scratch);
  const sim::AgentStore& agents = world->agents;
  const int per_agent = scenario.model.initial_partners / 2 + scenario.model.initial_partners % 2;
  for (std::size_t s = 0; s < agents.size(); ++s) {
    const std::size_t r = agents.regions()[s];
    const std::uint32_t first = scratch.region_start[r];
    const std::uint32_t count = scratch.region_start[r + 1] - first;
    if (count < 2) continue;
    sim::RandomStream rng(scenario.seed, 0, agents.ids()[s], sim::Purpose::LinkFormation);
    for (int i = 0; i < per_agent; ++i) {
      const std::uint32_t other = scratch.region_members[first + rng.below(count)];
      if (other == s) continue;
      sim::EdgeAttributes tie;
      tie.kind = sim::EdgeKind::RndPartnership;
      world->network.add_edge(static_cast<std::uint32_t>(s), other, tie);
    }
  }
  world->network.commit();
  return world;
}

namespace {
/// The tick, declared once: every phase's name and what runs in it, in the
/// order of docs/MODEL.md section 3. attach() registers these and
/// phase_order() lists them, so the two cannot disagree.
struct PhaseEntry {
  const char* name;
  void (*run)(sim::TickContext&, const ModelParams&, InstitutionState&, ModelState&);
};
constexpr PhaseEntry kPhases[] = {
    {"knowledge_creation", [](sim::TickContext& t, const ModelParams& p, InstitutionState&,
                              ModelState& st) { create_knowledge(t, p, st); }},
    {"knowledge_exchange", [](sim::TickContext& t, const ModelParams& p, InstitutionState&,
                              ModelState& st) { exchange_knowledge(t, p, st); }},
    {"innovation", [](sim::TickContext& t, const ModelParams& p, InstitutionState&,
                      ModelState& st) { innovate(t, p, st); }},
    {"production", [](sim::TickContext& t, const ModelParams& p, InstitutionState&,
                      ModelState& st) { produce(t, p, st); }},
    {"labour_market", [](sim::TickContext& t, const ModelParams& p, InstitutionState&,
                         ModelState& st) { update_labour_markets(t, p, st); }},
    {"network_dynamics", [](sim::TickContext& t, const ModelParams& p, InstitutionState&,
                            ModelState& st) { update_network(t, p, st); }},
    {"entry", [](sim::TickContext& t, const ModelParams& p, InstitutionState&,
                 ModelState& st) { enter_and_age(t, p, st); }},
    {"policy", [](sim::TickContext& t, const ModelParams& p, InstitutionState& in,
                  ModelState& st) { run_policy(t, p, in, st); }},
    {"stage_transitions", [](sim::TickContext& t, const ModelParams& p, InstitutionState& in,
                             ModelState& st) { run_stage_transitions(t, p, in, st); }},
    {"indicators", [](sim::TickContext& t, const ModelParams&, InstitutionState& in,
                      ModelState& st) { compute_indicators(t.world, in, st); }},
};
}  // namespace

std::vector<std::string> ClusterModel::phase_order() {
  std::vector<std::string> names;
  for (const PhaseEntry& phase : kPhases) names.emplace_back(phase.name);
  return names;
}

void ClusterModel::attach(sim::Engine& engine, sim::World& world) {
  const ModelParams& p = params_;
  ModelState& st = state_;
  InstitutionState& in = institutions_state_;
  for (const PhaseEntry& phase : kPhases) {
    engine.add_phase(phase.name,
                     [run = phase.run, &p, &in, &st](sim::TickContext& t) { run(t, p, in, st); });
  }
  in.spec = institutions_;
  start_institutions(world, p, in, st);  // sets the conditions the first tick reads
  ensure_region_state(world, p, st);
  compute_indicators(world, in, st);
}

}  // namespace clustersim::cluster_model
