// Tie decay, reinforcement by use and dissolution; partner search weighted by
// geographic and cognitive proximity, complementarity, prior ties and triadic
// closure; the two-sided acceptance of SME–large-firm supplier ties.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "models/mechanisms/phases.hpp"
#include "models/mechanisms/rules.hpp"
#include "sim/parallel.hpp"

namespace clustersim::mechanisms {

using parameters::ModelParams;

using sim::AgentKind;
using sim::EdgeKind;

namespace {

EdgeKind kind_of_tie(AgentKind a, AgentKind b) {
  const auto has = [&](AgentKind k) { return a == k || b == k; };
  if (has(AgentKind::Government)) return EdgeKind::GovernmentProgramme;
  if (has(AgentKind::University)) return EdgeKind::UniversityIndustry;
  // A large firm buying from an SME is the supplier relation of the brief.
  if (has(AgentKind::LargeFirm) && has(AgentKind::Sme)) return EdgeKind::Supplier;
  return EdgeKind::RndPartnership;
}

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
/// and the region-to-region geographic decay, computed once.
struct NetworkTick {
  sim::TickContext& tick;
  const ModelParams& p;
  ModelState& state;
  const sim::AgentStore& agents;
  sim::Network& network;
  std::size_t n;
  std::size_t fields;
  std::size_t regions;
  double dt;
  float keep;                 ///< strength kept per tick before reinforcement
  float threshold;            ///< strength below which a tie dissolves
  std::size_t cap;            ///< most partners an agent seeks
  bool picks;                 ///< whether knowledge exchange left partner picks this tick
  std::vector<double> decay;  ///< geographic decay, regions × regions

  NetworkTick(sim::TickContext& t, const ModelParams& params, ModelState& s)
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
        picks(s.partner_pick.size() == n && s.pick_effect.size() == n),
        decay(regions * regions) {
    for (std::size_t a = 0; a < regions; ++a) {
      for (std::size_t b = 0; b < regions; ++b) {
        decay[a * regions + b] = rules::geographic_decay(t.world.regions.distance_km(a, b),
                                                         params.spillover_half_distance_km);
      }
    }
  }

  bool takes_part(const RegionConditions& c, std::size_t slot) const {
    return c.takes_part(static_cast<std::uint8_t>(agents.kinds()[slot]));
  }
};

/// Decays, reinforces and ages agent s's ties, and proposes the dissolution of
/// those that fell below the threshold or that the governance mode keeps out
/// (recording them in `dissolved`).
void update_ties(const NetworkTick& t, std::size_t s, std::vector<std::uint64_t>& dissolved) {
  const auto v = static_cast<sim::Network::Vertex>(s);
  const sim::AgentId id = t.agents.ids()[s];
  const auto partners = t.network.neighbours(v);
  const std::span<sim::EdgeAttributes> ties = t.network.mutable_attributes(v);
  const RegionConditions& c = conditions_of(t.state, t.agents.regions()[s]);
  for (std::size_t i = 0; i < ties.size(); ++i) {
    const std::uint32_t j = partners[i];
    // Both halves of an edge apply the same symmetric rule to the same
    // value, so they stay equal without coordination. A tie is used when
    // either end learned over it this tick; use renews it in proportion
    // to how much there was to learn.
    // The learning effect is the one exchange measured (cognitive
    // distance is symmetric, so both ends read the same value) and
    // saves a second gather of the partner's knowledge.
    float strength = ties[i].strength * t.keep;
    if (t.picks && (t.state.partner_pick[s] == j || t.state.partner_pick[j] == v)) {
      const float effect =
          t.state.partner_pick[s] == j ? t.state.pick_effect[s] : t.state.pick_effect[j];
      strength = std::min(1.0f, strength + static_cast<float>(t.p.link_reinforcement * t.dt *
                                                              static_cast<double>(effect)));
    }
    ties[i].strength = strength;
    if (ties[i].age < 0xFFFF) ++ties[i].age;
    // The lower endpoint speaks for the pair, so each edge is proposed once.
    // Ties with a kind the governance mode keeps out dissolve too.
    const bool allowed = t.takes_part(c, s) && t.takes_part(c, j);
    if ((strength < t.threshold || !allowed) && v < j) {
      t.tick.changes.dissolve_edge(id, t.agents.ids()[j]);
      dissolved.push_back(pair_key(id, t.agents.ids()[j]));
    }
  }
}

/// The best of `partner_candidates` candidates for agent s (s itself when none
/// scores above 0), and its score.
std::pair<std::size_t, double> best_candidate(const NetworkTick& t, std::size_t s,
                                              sim::RandomStream& rng) {
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
    } else if (rng.bernoulli(t.p.cross_region_search_share)) {
      candidate = rng.below(static_cast<std::uint32_t>(t.n));
    } else {
      candidate = t.state.region_members[first + rng.below(count)];
    }
    const auto cv = static_cast<sim::Network::Vertex>(candidate);
    if (candidate == s || t.network.has_edge(v, cv) || t.network.degree(cv) >= t.cap ||
        !t.takes_part(c, candidate)) {
      continue;
    }
    const std::size_t q = agents.regions()[candidate];
    const sim::AgentId cid = agents.ids()[candidate];
    // Cheap factors first: a candidate out of cognitive reach scores 0.
    const double proximity =
        t.decay[r * t.regions + q] *
        rules::distance_effect(
            rules::cognitive_distance(agents.knowledge(s), agents.knowledge(candidate)),
            t.p.cognitive_distance_limit);
    if (!(proximity > 0)) continue;
    const bool complementary = agents.kinds()[candidate] != agents.kinds()[s] ||
                               primary_field(cid, t.fields) != primary_field(id, t.fields);
    const double score =
        proximity * (1.0 + t.p.complementarity_weight * (complementary ? 1.0 : 0.0)) *
        (1.0 +
         t.p.prior_tie_weight * (was_partner(t.state.former_ties, pair_key(id, cid)) ? 1.0 : 0.0)) *
        (1.0 + t.p.closure_weight * (via_partner ? 1.0 : 0.0)) *
        (q != r ? 1.0 + conditions_of(t.state, q).branding : 1.0);
    if (score > best_score) {
      best_score = score;
      best = candidate;
    }
  }
  return {best, best_score};
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

/// Agent s searches for a partner with probability link_formation_rate ·
/// matchmaking · Δt and proposes a tie to the best candidate it accepts.
void search_partner(const NetworkTick& t, std::size_t s) {
  const auto v = static_cast<sim::Network::Vertex>(s);
  const sim::AgentId id = t.agents.ids()[s];
  const RegionConditions& c = conditions_of(t.state, t.agents.regions()[s]);
  auto rng = t.tick.stream(id, sim::Purpose::LinkFormation);
  if (!rng.bernoulli(std::min(1.0, t.p.link_formation_rate * c.matchmaking * t.dt)) ||
      t.network.degree(v) >= t.cap || !t.takes_part(c, s)) {
    return;
  }
  const auto [best, best_score] = best_candidate(t, s, rng);
  if (best == s || !rng.bernoulli(std::min(1.0, best_score))) return;
  const EdgeKind kind = kind_of_tie(t.agents.kinds()[s], t.agents.kinds()[best]);
  if (kind == EdgeKind::Supplier && !supplier_tie_accepted(t, s, best, rng)) return;
  // The cap is checked against the start-of-tick degree: several searches
  // landing on one agent in the same tick can pass it by a few links.
  sim::EdgeAttributes tie;
  tie.kind = kind;
  t.tick.changes.propose_edge(id, id, t.agents.ids()[best], tie);
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

  const NetworkTick t(tick, p, state);
  const std::size_t blocks = (t.n + kBlock - 1) / kBlock;
  std::vector<std::vector<std::uint64_t>> dissolved(blocks);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks, 1), [&](const auto& range) {
    for (std::size_t b = range.begin(); b < range.end(); ++b) {
      for (std::size_t s = b * kBlock; s < std::min(t.n, (b + 1) * kBlock); ++s) {
        update_ties(t, s, dissolved[b]);
        search_partner(t, s);
      }
    }
  });
  remember_dissolved(dissolved, tick.tick, state.former_ties);
  state.clustering_fresh = false;  // the network changes after this phase
}

}  // namespace clustersim::mechanisms
