#include "models/cluster_model/cluster_model.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>

#include "models/cluster_model/initial_network.hpp"
#include "models/mechanisms/region_conditions.hpp"
#include "models/mechanisms/rules.hpp"

namespace clustersim::cluster_model {

using institutions::InstitutionState;
using institutions::run_policy;
using institutions::run_stage_transitions;
using institutions::start_institutions;
using mechanisms::create_knowledge;
using mechanisms::ensure_region_state;
using mechanisms::exchange_knowledge;
using mechanisms::index_regions;
using mechanisms::innovate;
using mechanisms::ModelState;
using mechanisms::produce;
using mechanisms::update_demography;
using mechanisms::update_labour_markets;
using mechanisms::update_network;
using observables::compute_indicators;
using parameters::ModelParams;

using sim::AgentKind;

namespace {
/// A standard normal draw conditioned on z ≥ lo: plain rejection while that
/// keeps at least 2% of the draws, beyond it Robert's (1995) exponential
/// proposal (Statistics and Computing 5:121), exact for any lo.
double normal_at_least(sim::RandomStream& rng, double lo) {
  if (lo < 2.0) {
    for (;;) {
      const double z = rng.normal();
      if (z >= lo) return z;
    }
  }
  const double rate = 0.5 * (lo + std::sqrt(lo * lo + 4.0));
  for (;;) {
    const double z = lo - std::log(1.0 - rng.uniform()) / rate;
    if (rng.uniform() <= std::exp(-0.5 * (z - rate) * (z - rate))) return z;
  }
}

/// An initial firm's productivity (docs/MODEL.md section 5). The initial firms
/// are incumbents, the survivors of earlier selection: their productivity is
/// the entrants' lognormal conditioned on breaking even at their initial staff,
/// capital, knowledge and region at the initial wage (Melitz 2003: the active
/// firms' distribution is the entry distribution truncated at the cut-off).
double incumbent_productivity(const ModelParams& p, const sim::NewAgent& firm,
                              const sim::Region& region, sim::RandomStream& rng) {
  const double sigma = p.productivity_dispersion;
  if (!(sigma > 0)) return 1.0;
  const double staff = std::max(1.0f, firm.employees);
  double knowledge = 0;
  for (const float x : firm.knowledge) knowledge += x;
  if (!firm.knowledge.empty()) knowledge /= static_cast<double>(firm.knowledge.size());
  const double y1 = p.productivity * std::pow(staff, p.labour_elasticity) *
                    std::pow(1.0 + knowledge, p.knowledge_elasticity) *
                    std::pow(1.0 + std::max(0.0, firm.capital) / staff, p.capital_elasticity) *
                    mechanisms::local_factor_multiplier(p, firm.firm_type, region,
                                                        mechanisms::RegionConditions{});
  const double a0 =
      mechanisms::rules::break_even_productivity(y1, p.rd_intensity, p.wage * staff, p.fixed_cost);
  // ln a = σ z − σ²/2 ≥ ln a0  ⇔  z ≥ (ln a0 + σ²/2) / σ.
  const double lo = a0 > 0 ? (std::log(a0) + 0.5 * sigma * sigma) / sigma : -1e300;
  return mechanisms::rules::productivity_from_normal(normal_at_least(rng, lo), sigma);
}

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
      agent.productivity =
          static_cast<float>(incumbent_productivity(p, agent, world.regions[region], rng));
    }
    agents.add(agent);
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

  add_initial_ties(*world, scenario);
  return world;
}

namespace {
/// The tick, declared once: every phase's name, what it does (for the
/// schedule in docs/MODEL.md section 3, generated from here) and what runs in
/// it, in order. attach() registers these and phase_order() lists them, so
/// the code and the document cannot disagree.
struct PhaseEntry {
  const char* name;
  const char* description;  ///< one line
  const char* sections;     ///< where docs/MODEL.md describes it
  void (*run)(sim::TickContext&, const ModelParams&, InstitutionState&, ModelState&);
};
constexpr PhaseEntry kPhases[] = {
    {"knowledge_creation", "obsolescence, own R&D, university research", "7.1",
     [](sim::TickContext& t, const ModelParams& p, InstitutionState&, ModelState& st) {
       create_knowledge(t, p, st);
     }},
    {"knowledge_exchange",
     "every agent learns from each partner, in proportion to the tie and what there is to learn",
     "7.2",
     [](sim::TickContext& t, const ModelParams& p, InstitutionState&, ModelState& st) {
       exchange_knowledge(t, p, st);
     }},
    {"innovation", "explorations and exploitations by recombination", "7.3",
     [](sim::TickContext& t, const ModelParams& p, InstitutionState&, ModelState& st) {
       innovate(t, p, st);
     }},
    {"production",
     "value added, costs, profit, R&D budget, hiring from the regional pool and the knowledge "
     "hires bring, growth into a large firm",
     "7.3",
     [](sim::TickContext& t, const ModelParams& p, InstitutionState&, ModelState& st) {
       produce(t, p, st);
     }},
    {"labour_market",
     "wages, the pools' knowledge profiles, graduates, attrition, migration by wage gap and "
     "distance",
     "7.3",
     [](sim::TickContext& t, const ModelParams& p, InstitutionState&, ModelState& st) {
       update_labour_markets(t, p, st);
     }},
    {"network_dynamics",
     "firms keep ties worth their cost and drop the rest; tie decay and reinforcement; partner "
     "search",
     "7.4",
     [](sim::TickContext& t, const ModelParams& p, InstitutionState&, ModelState& st) {
       update_network(t, p, st);
     }},
    {"demography",
     "exits, relocations, startups, incubator graduates and spin-offs; every agent ages one tick",
     "7.5",
     [](sim::TickContext& t, const ModelParams& p, InstitutionState&, ModelState& st) {
       update_demography(t, p, st);
     }},
    {"policy",
     "governments measure the regions, choose growth poles, allocate and co-finance their "
     "budgets, record spending and waste, and set the regions' conditions that the next tick's "
     "mechanisms read; civil society and the environment move",
     "7.8",
     [](sim::TickContext& t, const ModelParams& p, InstitutionState& in, ModelState& st) {
       run_policy(t, p, in, st);
     }},
    {"stage_transitions", "each regional cluster advances, holds or falls back one stage", "7.8",
     [](sim::TickContext& t, const ModelParams& p, InstitutionState& in, ModelState& st) {
       run_stage_transitions(t, p, in, st);
     }},
    {"indicators", "per-region indicators for the observers", "7.6, 7.8",
     [](sim::TickContext& t, const ModelParams&, InstitutionState& in, ModelState& st) {
       compute_indicators(t.world, in, st);
     }},
};
}  // namespace

std::string phase_schedule_markdown() {
  std::string out = "\n";
  const std::size_t count = std::size(kPhases);
  for (std::size_t i = 0; i < count; ++i) {
    const PhaseEntry& phase = kPhases[i];
    out += std::to_string(i + 1) + ". `" + phase.name + "` — " + phase.description + " (" +
           phase.sections + ")" + (i + 1 < count ? ";" : ".") + "\n";
  }
  return out;
}

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
