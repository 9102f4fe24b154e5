// Ties as decisions. A firm keeps a tie while what it is expected to bring
// (knowledge flow, chances of exploration and exploitation, valued at the
// marginal value added of knowledge) exceeds its cost, which grows with the
// firm's local clustering (redundancy) and with distance; ties also decay
// unless used, and dissolve when weak. Partner search picks among candidates
// found in the region, the country and through partners (triadic closure) by
// that net value, with bonuses for complementarity, prior ties and closure;
// SME–large-firm supplier ties need two-sided acceptance.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/mechanisms/phases.hpp"
#include "models/mechanisms/rules.hpp"
#include "sim/parallel.hpp"

namespace clustersim::mechanisms {

using parameters::ModelParams;

using sim::AgentKind;
using sim::EdgeKind;

EdgeKind kind_of_tie(AgentKind a, AgentKind b) {
  const auto has = [&](AgentKind k) { return a == k || b == k; };
  // Civil society's ties are its own kind, whoever the other end is: they are
  // not R&D partnerships (and a government tie with an association is not a
  // government programme for firms).
  if (has(AgentKind::CivilSociety)) return EdgeKind::CivilSociety;
  if (has(AgentKind::Government)) return EdgeKind::GovernmentProgramme;
  if (has(AgentKind::University)) return EdgeKind::UniversityIndustry;
  // A large firm buying from an SME is the supplier relation of the brief.
  if (has(AgentKind::LargeFirm) && has(AgentKind::Sme)) return EdgeKind::Supplier;
  return EdgeKind::RndPartnership;
}

namespace {

std::uint64_t pair_key(sim::AgentId a, sim::AgentId b) {
  return (static_cast<std::uint64_t>(std::min(a, b)) << 32) | std::max(a, b);
}

bool was_partner(const std::vector<FormerTie>& former, std::uint64_t pair) {
  const auto it = std::lower_bound(former.begin(), former.end(), pair,
                                   [](const FormerTie& t, std::uint64_t k) { return t.pair < k; });
  return it != former.end() && it->pair == pair;
}

constexpr std::size_t kBlock = 4096;  // fixed, so collected dissolutions come out in slot order

/// What every agent's network update in one tick reads: the tick's constants
/// and the region-to-region distances, looked up once.
struct NetworkTick {
  sim::TickContext& tick;
  const ModelParams& p;
  const ModelState& state;
  const sim::AgentStore& agents;
  sim::Network& network;
  std::size_t n;
  std::size_t fields;
  std::size_t regions;
  double dt;
  float keep;              ///< strength kept per tick before reinforcement
  float threshold;         ///< strength below which a tie dissolves
  std::size_t cap;         ///< most partners an agent may have
  std::vector<double> km;  ///< distance, regions × regions

  NetworkTick(sim::TickContext& t, const ModelParams& params, const ModelState& s)
      : tick(t),
        p(params),
        state(s),
        agents(t.world.agents),
        network(t.world.network),
        n(agents.size()),
        fields(agents.fields()),
        regions(t.world.regions.size()),
        dt(t.tick_length),
        keep(static_cast<float>(std::max(0.0, 1.0 - params.link_decay * t.tick_length))),
        threshold(static_cast<float>(params.link_dissolve_below)),
        cap(static_cast<std::size_t>(params.max_partners)),
        km(regions * regions) {
    for (std::size_t a = 0; a < regions; ++a) {
      for (std::size_t b = 0; b < regions; ++b)
        km[a * regions + b] = t.world.regions.distance_km(a, b);
    }
  }

  bool takes_part(const RegionConditions& c, std::size_t slot) const {
    return c.takes_part(static_cast<std::uint8_t>(agents.kinds()[slot]));
  }
  double distance_km(std::size_t a, std::size_t b) const {
    return km[agents.regions()[a] * regions + agents.regions()[b]];
  }
};

/// Net yearly value of a tie to agent a (million tenge per year) with partner
/// b at cognitive distance d, b's mean lead over a being `gap`: what the tie
/// is expected to bring — the knowledge flow over it, and the chances of
/// exploration and exploitation it adds (docs/MODEL.md 7.4) — valued at the
/// marginal value added of knowledge, times `bonus` (how the search perceives
/// the candidate), less the tie's cost. Only firms weigh ties: other agents
/// (universities, governments, civil society) keep what they are offered, so
/// for them the value is infinite. `existing`: the tie is in the network (its
/// strength is already in a's strength sum), not a candidate's.
double tie_net_value(const NetworkTick& t, std::size_t a, std::size_t b, double d, double gap,
                     double strength, double bonus, bool existing) {
  if (!sim::is_firm(t.agents.kinds()[a])) return std::numeric_limits<double>::infinity();
  const ModelParams& p = t.p;
  const double capacity = t.state.capacity[a];
  const double mean = t.state.mean_knowledge[a];
  const bool university =
      t.agents.kinds()[a] == AgentKind::University || t.agents.kinds()[b] == AgentKind::University;
  const double flow = p.absorption_rate * strength * capacity *
                      rules::distance_effect(d, p.cognitive_distance_limit) *
                      (university ? 1.0 + p.university_flow_boost : 1.0) * gap;
  // A tie's share of the innovation hazards: its strength times the attention
  // share the firm gives each tie (with this tie counted, for a candidate).
  const double strengths = t.state.strength_sum[a] + (existing ? 0.0 : strength);
  const double innovation =
      strength * rules::attention_share(strengths, p.partner_attention) * capacity * (1.0 + mean) /
      static_cast<double>(t.fields) *
      (p.exploration_rate * p.exploration_step *
           rules::exploration_value(d, p.cognitive_distance_limit, p.homogenisation_strength) +
       p.exploitation_rate * p.exploitation_step *
           rules::absorbability(d, p.cognitive_distance_limit));
  const double value =
      bonus * rules::value_of_knowledge_flow(flow + innovation, t.agents.value_added()[a], mean,
                                             p.knowledge_elasticity, p.knowledge_depreciation);
  const double cost =
      rules::tie_cost(p.link_cost, p.coordination_cost_strength, t.state.clustering[a],
                      t.distance_km(a, b), p.tie_distance_cost_km);
  return value - cost;
}

/// Decays, reinforces and ages agent s's ties, and proposes the dissolution of
/// those that fell below the threshold, that a firm at either end no longer
/// finds worth its cost, or that the governance mode keeps out (recording
/// them in `dissolved`).
void update_ties(const NetworkTick& t, std::size_t s, std::vector<std::uint64_t>& dissolved) {
  const auto v = static_cast<sim::Network::Vertex>(s);
  const sim::AgentId id = t.agents.ids()[s];
  const auto partners = t.network.neighbours(v);
  const std::span<sim::EdgeAttributes> ties = t.network.mutable_attributes(v);
  const std::span<const std::uint32_t> rows = t.network.row_starts();
  const RegionConditions& c = conditions_of(t.state, t.agents.regions()[s]);
  for (std::size_t i = 0; i < ties.size(); ++i) {
    const std::uint32_t j = partners[i];
    // Both halves of an edge apply the same symmetric rule to the same values
    // (cognitive distance is symmetric to the bit), so they stay equal without
    // coordination. A tie is renewed by use: in proportion to the learning
    // effect of the partners' cognitive distance, what there is to learn over it.
    const double d = t.state.tie_distance[rows[v] + i];
    float strength = ties[i].strength * t.keep;
    strength = std::min(1.0f, strength + static_cast<float>(t.p.link_reinforcement * t.dt *
                                                            rules::distance_effect(
                                                                d, t.p.cognitive_distance_limit)));
    ties[i].strength = strength;
    if (ties[i].age < 0xFFFF) ++ties[i].age;
    // The lower endpoint speaks for the pair, so each edge is proposed once.
    if (v > j) continue;
    const bool allowed = t.takes_part(c, s) && t.takes_part(c, j);
    bool keep = allowed && strength >= t.threshold;
    if (keep) {
      const std::ptrdiff_t back = t.network.find(j, v);
      keep = tie_net_value(t, s, j, d, t.state.tie_gap[rows[v] + i], strength, 1.0, true) >= 0 &&
             tie_net_value(t, j, s, d, t.state.tie_gap[rows[j] + static_cast<std::size_t>(back)],
                           strength, 1.0, true) >= 0;
    }
    if (!keep) {
      t.tick.changes.dissolve_edge(id, t.agents.ids()[j]);
      dissolved.push_back(pair_key(id, t.agents.ids()[j]));
    }
  }
}

/// A candidate's appeal to the searcher s: its net value to s as a firm sees
/// it, or, for a searcher that is not a firm, the value to the candidate (an
/// institution offers ties to whoever gains most from them).
double appeal(const NetworkTick& t, std::size_t s, std::size_t candidate, double d, double bonus) {
  const std::span<const float> own = t.agents.knowledge(s);
  const std::span<const float> theirs = t.agents.knowledge(candidate);
  if (sim::is_firm(t.agents.kinds()[s])) {
    return tie_net_value(t, s, candidate, d, rules::mean_lead(own, theirs), 1.0, bonus, false);
  }
  if (sim::is_firm(t.agents.kinds()[candidate])) {
    return tie_net_value(t, candidate, s, d, rules::mean_lead(theirs, own), 1.0, bonus, false);
  }
  return bonus * rules::distance_effect(d, t.p.cognitive_distance_limit);
}

/// The most appealing of `partner_candidates` candidates for agent s (s itself
/// when none appeals), leaving out those in `taken`.
std::size_t best_candidate(const NetworkTick& t, std::size_t s, sim::RandomStream& rng,
                           const std::vector<std::size_t>& taken) {
  const auto v = static_cast<sim::Network::Vertex>(s);
  const sim::AgentStore& agents = t.agents;
  const sim::AgentId id = agents.ids()[s];
  const auto partners = t.network.neighbours(v);
  const RegionConditions& c = conditions_of(t.state, agents.regions()[s]);
  const std::size_t r = agents.regions()[s];
  const std::uint32_t first = t.state.region_start[r];
  const std::uint32_t count = t.state.region_start[r + 1] - first;
  double best_score = 0;
  std::size_t best = s;
  for (int k = 0; k < t.p.partner_candidates; ++k) {
    std::size_t candidate = s;
    bool via_partner = false;
    if (!partners.empty() && rng.bernoulli(t.p.triadic_closure_share)) {
      const auto friend_slot = partners[rng.below(static_cast<std::uint32_t>(partners.size()))];
      const auto theirs = t.network.neighbours(friend_slot);
      candidate = theirs[rng.below(static_cast<std::uint32_t>(theirs.size()))];
      via_partner = true;
    } else if (rng.bernoulli(std::min(1.0, t.p.cross_region_search_share * c.value_chain_search))) {
      // Any agent, uniformly: first its region (by member count), then a
      // member of it. Two draws rather than one slot number, so that births
      // and exits in one region do not change whom a search finds in another.
      const std::uint32_t u = rng.below(static_cast<std::uint32_t>(t.n));
      const auto& starts = t.state.region_start;
      const auto q = static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), u) -
                                              starts.begin() - 1);
      candidate = t.state.region_members[starts[q] + rng.below(starts[q + 1] - starts[q])];
    } else {
      candidate = t.state.region_members[first + rng.below(count)];
    }
    const auto cv = static_cast<sim::Network::Vertex>(candidate);
    if (candidate == s || t.network.has_edge(v, cv) || t.network.degree(cv) >= t.cap ||
        !t.takes_part(c, candidate) ||
        std::find(taken.begin(), taken.end(), candidate) != taken.end()) {
      continue;
    }
    const std::size_t q = agents.regions()[candidate];
    const sim::AgentId cid = agents.ids()[candidate];
    const double d = rules::cognitive_distance(agents.knowledge(s), agents.knowledge(candidate));
    if (!(d < t.p.cognitive_distance_limit)) continue;  // out of cognitive reach
    const bool complementary = agents.kinds()[candidate] != agents.kinds()[s] ||
                               primary_field(agents.stream_keys()[candidate], t.fields) !=
                                   primary_field(agents.stream_keys()[s], t.fields);
    const double bonus =
        (1.0 + t.p.complementarity_weight * (complementary ? 1.0 : 0.0)) *
        (1.0 +
         t.p.prior_tie_weight * (was_partner(t.state.former_ties, pair_key(id, cid)) ? 1.0 : 0.0)) *
        (1.0 + t.p.closure_weight * (via_partner ? 1.0 : 0.0)) *
        (q != r ? 1.0 + conditions_of(t.state, q).branding : 1.0);
    const double score = appeal(t, s, candidate, d, bonus);
    if (score > best_score) {
      best_score = score;
      best = candidate;
    }
  }
  return best;
}

/// Whether both sides of a supplier tie between SME and large firm commit.
/// Two-sided coordination failure: the large firm must trust the SME and the
/// SME must expect demand; an anchor customer in the SME's region underwrites
/// both.
bool supplier_tie_accepted(const NetworkTick& t, std::size_t s, std::size_t partner,
                           sim::RandomStream& rng) {
  const std::size_t sme = t.agents.kinds()[s] == AgentKind::Sme ? s : partner;
  const double anchor = conditions_of(t.state, t.agents.regions()[sme]).anchor_customer;
  const bool large_accepts =
      rng.bernoulli(rules::with_anchor(t.p.supplier_acceptance_large, anchor));
  const bool sme_accepts = rng.bernoulli(rules::with_anchor(t.p.supplier_acceptance_sme, anchor));
  return large_accepts && sme_accepts;
}

/// Agent s makes Poisson(link_formation_rate · matchmaking · Δt) partner
/// searches this tick — no cap: a higher rate always means more searches —
/// and proposes a tie to the best candidate of each search when the tie is
/// worth its cost to both sides.
void search_partners(const NetworkTick& t, std::size_t s) {
  const auto v = static_cast<sim::Network::Vertex>(s);
  const sim::AgentId id = t.agents.ids()[s];
  const RegionConditions& c = conditions_of(t.state, t.agents.regions()[s]);
  auto rng = t.tick.stream(t.agents.stream_keys()[s], sim::Purpose::LinkFormation);
  const std::uint32_t searches = rng.poisson(t.p.link_formation_rate * c.matchmaking * t.dt);
  if (searches == 0 || !t.takes_part(c, s)) return;
  std::vector<std::size_t> proposed;
  for (std::uint32_t k = 0; k < searches; ++k) {
    // The cap is checked against the start-of-tick degree: several searches
    // landing on one agent in the same tick can pass it by a few links.
    if (t.network.degree(v) + proposed.size() >= t.cap) return;
    const std::size_t best = best_candidate(t, s, rng, proposed);
    if (best == s) continue;
    const double d = rules::cognitive_distance(t.agents.knowledge(s), t.agents.knowledge(best));
    if (tie_net_value(t, best, s, d,
                      rules::mean_lead(t.agents.knowledge(best), t.agents.knowledge(s)), 1.0, 1.0,
                      false) <= 0) {
      continue;  // the candidate declines: the tie is not worth its cost to it
    }
    const EdgeKind kind = kind_of_tie(t.agents.kinds()[s], t.agents.kinds()[best]);
    if (kind == EdgeKind::Supplier && !supplier_tie_accepted(t, s, best, rng)) continue;
    sim::EdgeAttributes tie;
    tie.kind = kind;
    t.tick.changes.propose_edge(id, id, t.agents.ids()[best], tie);
    proposed.push_back(best);
  }
}

/// Adds this tick's dissolutions (collected per block in slot order) to the
/// memory of former ties, keeping it sorted by pair.
void remember_dissolved(const std::vector<std::vector<std::uint64_t>>& dissolved,
                        std::uint32_t tick, std::vector<FormerTie>& former) {
  std::vector<FormerTie> fresh;
  for (const auto& block : dissolved) {
    for (const std::uint64_t pair : block) fresh.push_back({pair, tick});
  }
  const auto by_pair = [](const FormerTie& a, const FormerTie& b) { return a.pair < b.pair; };
  std::sort(fresh.begin(), fresh.end(), by_pair);
  std::vector<FormerTie> merged;
  merged.reserve(former.size() + fresh.size());
  std::merge(former.begin(), former.end(), fresh.begin(), fresh.end(), std::back_inserter(merged),
             by_pair);
  former = std::move(merged);
}

}  // namespace

void update_network(sim::TickContext& tick, const ModelParams& p, ModelState& state) {
  index_regions(tick.world, state);

  // Forget ties dissolved longer ago than the memory.
  const double memory_ticks = p.prior_tie_memory / tick.tick_length;
  std::erase_if(state.former_ties, [&](const FormerTie& t) {
    return static_cast<double>(tick.tick - t.ticks) > memory_ticks;
  });

  ensure_tie_measures(tick.world, p, state);
  if (!state.clustering_fresh || state.clustering.size() != tick.world.agents.size()) {
    compute_clustering(tick.world, state);
  }
  const NetworkTick t(tick, p, state);
  const std::size_t blocks = (t.n + kBlock - 1) / kBlock;
  std::vector<std::vector<std::uint64_t>> dissolved(blocks);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks, 1), [&](const auto& range) {
    for (std::size_t b = range.begin(); b < range.end(); ++b) {
      for (std::size_t s = b * kBlock; s < std::min(t.n, (b + 1) * kBlock); ++s) {
        update_ties(t, s, dissolved[b]);
        search_partners(t, s);
      }
    }
  });
  remember_dissolved(dissolved, tick.tick, state.former_ties);
  state.clustering_fresh = false;  // the network changes after this phase
  state.tie_measures_fresh = false;
}

}  // namespace clustersim::mechanisms
