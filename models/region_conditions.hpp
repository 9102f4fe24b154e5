#pragma once
// Per-region conditions that institutions (government policy, governance mode)
// change and the agent mechanisms read. The neutral values below mean "no
// policy": a run without instruments behaves exactly as if this struct did not
// exist. Each field names the mechanism that reads it, so an instrument's
// effect can be traced from the policy code to the agent rule.
namespace clustersim::models {

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
};

}  // namespace clustersim::models
