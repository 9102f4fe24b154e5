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

}  // namespace

void update_network(sim::TickContext& tick, const ModelParams& p, ModelState& state) {
  sim::World& world = tick.world;
  const sim::AgentStore& agents = world.agents;
  sim::Network& network = world.network;
  const std::size_t n = agents.size();
  const std::size_t fields = agents.fields();
  const double dt = tick.tick_length;
  const auto keep = static_cast<float>(std::max(0.0, 1.0 - p.link_decay * dt));
  const auto threshold = static_cast<float>(p.link_dissolve_below);
  const auto cap = static_cast<std::size_t>(p.max_partners);
  const bool picks = state.partner_pick.size() == n && state.pick_effect.size() == n;
  index_regions(world, state);

  // Forget ties dissolved longer ago than the memory.
  const double memory_ticks = p.prior_tie_memory / dt;
  std::erase_if(state.former_ties, [&](const FormerTie& t) {
    return static_cast<double>(tick.tick - t.ticks) > memory_ticks;
  });

  // Geographic decay between every pair of regions, once per tick.
  const std::size_t regions = world.regions.size();
  std::vector<double> decay(regions * regions);
  for (std::size_t a = 0; a < regions; ++a) {
    for (std::size_t b = 0; b < regions; ++b) {
      decay[a * regions + b] =
          rules::geographic_decay(world.regions.distance_km(a, b), p.spillover_half_distance_km);
    }
  }

  const std::size_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<std::vector<std::uint64_t>> dissolved(blocks);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks, 1), [&](const auto& range) {
    for (std::size_t b = range.begin(); b < range.end(); ++b) {
      for (std::size_t s = b * kBlock; s < std::min(n, (b + 1) * kBlock); ++s) {
        const auto v = static_cast<sim::Network::Vertex>(s);
        const sim::AgentId id = agents.ids()[s];
        const auto partners = network.neighbours(v);
        const std::span<sim::EdgeAttributes> ties = network.mutable_attributes(v);
        const RegionConditions& c = conditions_of(state, agents.regions()[s]);
        for (std::size_t i = 0; i < ties.size(); ++i) {
          const std::uint32_t j = partners[i];
          // Both halves of an edge apply the same symmetric rule to the same
          // value, so they stay equal without coordination. A tie is used when
          // either end learned over it this tick; use renews it in proportion
          // to how much there was to learn.
          // The learning effect is the one exchange measured (cognitive
          // distance is symmetric, so both ends read the same value) and
          // saves a second gather of the partner's knowledge.
          float strength = ties[i].strength * keep;
          if (picks && (state.partner_pick[s] == j || state.partner_pick[j] == v)) {
            const float effect =
                state.partner_pick[s] == j ? state.pick_effect[s] : state.pick_effect[j];
            strength = std::min(1.0f, strength + static_cast<float>(p.link_reinforcement * dt *
                                                                    static_cast<double>(effect)));
          }
          ties[i].strength = strength;
          if (ties[i].age < 0xFFFF) ++ties[i].age;
          // The lower endpoint speaks for the pair, so each edge is proposed once.
          // Ties with a kind the governance mode keeps out dissolve too.
          const bool allowed = c.takes_part(static_cast<std::uint8_t>(agents.kinds()[s])) &&
                               c.takes_part(static_cast<std::uint8_t>(agents.kinds()[j]));
          if ((strength < threshold || !allowed) && v < j) {
            tick.changes.dissolve_edge(id, agents.ids()[j]);
            dissolved[b].push_back(pair_key(id, agents.ids()[j]));
          }
        }

        auto rng = tick.stream(id, sim::Purpose::LinkFormation);
        if (!rng.bernoulli(std::min(1.0, p.link_formation_rate * c.matchmaking * dt)) ||
            partners.size() >= cap || !c.takes_part(static_cast<std::uint8_t>(agents.kinds()[s]))) {
          continue;
        }
        const std::size_t r = agents.regions()[s];
        const std::uint32_t first = state.region_start[r];
        const std::uint32_t count = state.region_start[r + 1] - first;
        double best_score = 0;
        std::size_t best = s;
        for (int k = 0; k < p.partner_candidates; ++k) {
          std::size_t candidate = s;
          bool via_partner = false;
          if (!partners.empty() && rng.bernoulli(p.triadic_closure_share)) {
            const auto friend_slot =
                partners[rng.below(static_cast<std::uint32_t>(partners.size()))];
            const auto theirs = network.neighbours(friend_slot);
            candidate = theirs[rng.below(static_cast<std::uint32_t>(theirs.size()))];
            via_partner = true;
          } else if (rng.bernoulli(p.cross_region_search_share)) {
            candidate = rng.below(static_cast<std::uint32_t>(n));
          } else {
            candidate = state.region_members[first + rng.below(count)];
          }
          const auto cv = static_cast<sim::Network::Vertex>(candidate);
          if (candidate == s || network.has_edge(v, cv) || network.degree(cv) >= cap ||
              !c.takes_part(static_cast<std::uint8_t>(agents.kinds()[candidate]))) {
            continue;
          }
          const std::size_t q = agents.regions()[candidate];
          const sim::AgentId cid = agents.ids()[candidate];
          // Cheap factors first: a candidate out of cognitive reach scores 0.
          const double proximity =
              decay[r * regions + q] *
              rules::distance_effect(
                  rules::cognitive_distance(agents.knowledge(s), agents.knowledge(candidate)),
                  p.cognitive_distance_limit);
          if (!(proximity > 0)) continue;
          const bool complementary = agents.kinds()[candidate] != agents.kinds()[s] ||
                                     primary_field(cid, fields) != primary_field(id, fields);
          const double score =
              proximity * (1.0 + p.complementarity_weight * (complementary ? 1.0 : 0.0)) *
              (1.0 + p.prior_tie_weight *
                         (was_partner(state.former_ties, pair_key(id, cid)) ? 1.0 : 0.0)) *
              (1.0 + p.closure_weight * (via_partner ? 1.0 : 0.0)) *
              (q != r ? 1.0 + conditions_of(state, q).branding : 1.0);
          if (score > best_score) {
            best_score = score;
            best = candidate;
          }
        }
        if (best == s || !rng.bernoulli(std::min(1.0, best_score))) continue;
        const AgentKind mine = agents.kinds()[s];
        const AgentKind theirs = agents.kinds()[best];
        const EdgeKind kind = kind_of_tie(mine, theirs);
        if (kind == EdgeKind::Supplier) {
          // Two-sided coordination failure: the large firm must trust the SME
          // and the SME must expect demand; an anchor customer in the SME's
          // region underwrites both.
          const std::size_t sme_region = agents.regions()[mine == AgentKind::Sme ? s : best];
          const double anchor = conditions_of(state, sme_region).anchor_customer;
          const bool large_accepts =
              rng.bernoulli(rules::with_anchor(p.supplier_acceptance_large, anchor));
          const bool sme_accepts =
              rng.bernoulli(rules::with_anchor(p.supplier_acceptance_sme, anchor));
          if (!large_accepts || !sme_accepts) continue;
        }
        // The cap is checked against the start-of-tick degree: several searches
        // landing on one agent in the same tick can pass it by a few links.
        sim::EdgeAttributes tie;
        tie.kind = kind;
        tick.changes.propose_edge(id, id, agents.ids()[best], tie);
      }
    }
  });

  // Remember what dissolved (blocks are in slot order, so the list is sorted).
  std::vector<FormerTie> fresh;
  for (const auto& block : dissolved) {
    for (const std::uint64_t pair : block) fresh.push_back({pair, tick.tick});
  }
  std::sort(fresh.begin(), fresh.end(),
            [](const FormerTie& a, const FormerTie& b) { return a.pair < b.pair; });
  std::vector<FormerTie> merged;
  merged.reserve(state.former_ties.size() + fresh.size());
  std::merge(state.former_ties.begin(), state.former_ties.end(), fresh.begin(), fresh.end(),
             std::back_inserter(merged),
             [](const FormerTie& a, const FormerTie& b) { return a.pair < b.pair; });
  state.former_ties = std::move(merged);
  state.clustering_fresh = false;  // the network changes after this phase
}

}  // namespace clustersim::mechanisms
