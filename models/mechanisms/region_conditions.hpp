#pragma once
// Per-region conditions that institutions (government policy, governance mode)
// change and the agent mechanisms read. The neutral values below mean "no
// policy": a run without instruments behaves exactly as if this struct did not
// exist. Each field names the mechanism that reads it, so an instrument's
// effect can be traced from the policy code to the agent rule.
#include <cstdint>

#include "sim/agents.hpp"

namespace clustersim::mechanisms {

static_assert(sim::kAgentKindCount <= 8, "RegionConditions::tie_kinds has one bit per kind");
/// Every agent kind's bit of RegionConditions::tie_kinds: no governance rule.
inline constexpr auto kEveryAgentKind = static_cast<std::uint8_t>((1u << sim::kAgentKindCount) - 1);

struct RegionConditions {
  /// Multiplies firms' R&D cost (tax relief, business receptivity): < 1 makes
  /// R&D cheaper. Read by production (R&D spending) and knowledge creation.
  double rd_cost_factor = 1.0;
  /// Added to the region's hard factor (state support, development
  /// institutions). Read by production.
  double hard_factor_bonus = 0.0;
  /// Added to the region's soft factor (infrastructure, training, local
  /// universities). Read by production and entry.
  double soft_factor_bonus = 0.0;
  /// Multiplies university research output (science and education
  /// efficiency). Read by knowledge creation.
  double research_efficiency = 1.0;
  /// Skilled workers added to the regional labour pool per year (human
  /// capital: training, jobs). Read by the labour market.
  double trained_workers_per_year = 0.0;
  /// Multiplies the rate of partner searches (link building, matchmaking).
  /// Read by network dynamics.
  double matchmaking = 1.0;
  /// Extra startups per year (innovation-centre infrastructure: technoparks,
  /// incubators). Read by entry.
  double incubator_startups_per_year = 0.0;
  /// Capital grant to each new firm, million tenge (support for new IT firms).
  /// Read by entry.
  double startup_grant = 0.0;
  /// Multiplies green-IT knowledge creation (green-IT research). Read by
  /// knowledge creation where an environment is modelled.
  double green_research = 1.0;
  /// Attractiveness of the region to firms and links from elsewhere (cluster
  /// management and branding). Read by relocation and cross-region partner search.
  double branding = 0.0;
  /// Firms' own R&D effort multiplier: unconditional subsidies can crowd out
  /// own effort (< 1). Read by production (R&D intensity).
  double own_rd_effort = 1.0;
  /// Anchor-customer commitment in [0, 1] (a large buyer or the state
  /// underwrites SME supply contracts): closes that share of the gap to
  /// certain acceptance on both sides of an SME–large-firm supplier tie.
  /// Read by network dynamics.
  double anchor_customer = 0.0;

  // ---- what the cluster's stage lets agents do (models/institutions/stages.cpp) ----
  /// Share of startups that get a tie to an established local firm at birth
  /// (stage 2 and later: the ecosystem absorbs startups). Read by entry.
  double mentoring_share = 0.0;
  /// Relative rise of the speed at which profitable firms add staff (stage 3
  /// and later: scale-up finance). Read by production.
  double scaleup_finance = 0.0;
  /// Multiplies the share of partner searches that look in other regions
  /// (stage 4: integration into wider value chains). Read by network dynamics.
  double value_chain_search = 1.0;

  // ---- governance channels (models/institutions/governance.cpp) ----
  /// Agent kinds that take part in cooperation ties, one bit per
  /// sim::AgentKind (bit k set: kind k may). Read by network dynamics: no tie
  /// is proposed with a kind whose bit is clear, and such ties dissolve. A
  /// Porter cluster keeps only firms; the helix modes add universities and
  /// government, then civil society.
  std::uint8_t tie_kinds = kEveryAgentKind;
  /// Whether agents of kind `kind` (a sim::AgentKind value) take part in ties.
  bool takes_part(std::uint8_t kind) const { return ((tie_kinds >> kind) & 1u) != 0; }
  /// Universities spin off firms (triple helix and beyond). Read by entry.
  bool spinoffs = true;
  /// Civil-society demand for innovation: firms' innovation hazards, and the
  /// value added of a firm in the tick it innovates, are multiplied by
  /// (1 + demand_pull). Read by innovation and production.
  double demand_pull = 0.0;
  /// Environmental limit on growth in (0, 1]: firms' value added is multiplied
  /// by it (quintuple helix). Read by production.
  double environmental_limit = 1.0;
  /// Multiplies firms' own R&D output: 1 + green_knowledge_effect · green-IT
  /// adoption (quintuple helix). Read by knowledge creation.
  double green_knowledge = 1.0;
};

}  // namespace clustersim::mechanisms
