#pragma once
// The model's parameters, each declared once in parameter_table() with its
// default, unit, allowed range, meaning and source. The scenario reader,
// the validator and docs/MODEL.md all read that one table.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace clustersim::parameters {

/// The most regions a scenario may have. Not a behavioural parameter: a bound
/// that keeps the region-by-region distance matrix (8 B per pair) and the
/// per-region series small; the scenario reader, the schema and the
/// growth-pole count all take it from here.
inline constexpr int kMaxRegions = 4096;

struct ModelParams {
  // Knowledge
  int knowledge_fields;
  double initial_knowledge;
  double rd_efficiency;
  double rd_primary_field_share;
  double university_research_rate;
  double knowledge_depreciation;
  double absorption_rate;
  double absorptive_knowledge_scale;
  double absorptive_staff_scale;
  double cognitive_distance_limit;
  double university_flow_boost;
  // Innovation
  double exploration_rate;
  double exploration_step;
  double own_exploration_weight;
  double exploitation_rate;
  double exploitation_step;
  double homogenisation_strength;
  double partner_attention;
  double coordination_cost_strength;
  // Production and firms
  double productivity;
  double productivity_shock_sd;
  double productivity_dispersion;
  double fixed_cost;
  double labour_elasticity;
  double knowledge_elasticity;
  double hard_factor_sensitivity_product;
  double soft_factor_sensitivity_product;
  double hard_factor_sensitivity_content;
  double soft_factor_sensitivity_content;
  double product_firm_share;
  double wage;
  double rd_intensity;
  double employment_adjustment;
  double large_firm_threshold;
  double capital_elasticity;
  double supplier_demand_bonus;
  double supplier_demand_reference;
  double scaleup_growth_boost;
  // Labour market
  double labour_pool_per_million;
  double graduates_per_university;
  double labour_attrition;
  double migration_rate;
  double migration_distance_scale_km;
  double hire_knowledge_transfer;
  double graduate_knowledge_share;
  double wage_adjustment;
  // Network
  double link_formation_rate;
  double triadic_closure_share;
  int max_partners;
  double link_cost;
  double tie_distance_cost_km;
  double link_decay;
  double link_dissolve_below;
  int partner_candidates;
  double cross_region_search_share;
  double complementarity_weight;
  double prior_tie_weight;
  double prior_tie_memory;
  double closure_weight;
  double link_reinforcement;
  double supplier_acceptance_large;
  double supplier_acceptance_sme;
  double initial_tie_strength_min;
  double initial_tie_age_max;
  // Demography
  double startup_rate;
  double startup_climate_base;
  double spinoff_research_yield;
  double spinoff_knowledge_share;
  double startup_employees;
  double startup_capital;
  double exit_hazard;
  double relocation_rate;
  double relocation_threshold;
  double pole_weight;
  double relocation_half_distance_km;
  double university_pull;
  double relocation_wage_weight;
  double mentoring_share;
  // Institutions: cluster stages (models/institutions/stages.cpp)
  int stage_advance_ticks;
  int stage_fallback_ticks;
  double stable_tie_years;
  double stage1_min_knowledge;
  double stage1_min_firms;
  double stage2_min_smes;
  double stage2_min_stable_ties;
  double stage2_min_infrastructure;
  double stage3_min_growth;
  double stage3_min_birth_rate;
  double stage4_min_large_firms;
  double stage4_min_external_ties_per_firm;
  double stage4_min_infrastructure;
  double value_chain_search_boost;
  // Institutions: policy (models/institutions/policy.cpp)
  double absorption_strength;
  double absorption_half_firms;
  double absorption_half_large_firms;
  double absorption_half_startups;
  double infrastructure_running_cost;
  double policy_half_saturation;
  double policy_effect_decay;
  double crowding_out;
  double zombie_capture;
  double support_memory_years;
  double state_share_state_started;
  double state_share_business_started;
  int growth_pole_count;
  // Institutions: governance (models/institutions/governance.cpp)
  double civil_interest_mean;
  double civil_interest_reversion;
  double civil_interest_volatility;
  double political_pressure_rate;
  double political_pressure_years;
  double political_pressure_cut;
  double civil_demand_effect;
  double civil_university_effect;
  double energy_intensity;
  double grid_emission_factor;
  double green_energy_saving;
  double green_adoption_rate;
  double environmental_capacity;
  double environmental_limit_strength;
  double civil_half_organisations;
  double green_knowledge_effect;
  double environment_memory_years;
  double government_tie_reach;
  double civil_tie_reach;

  /// Every parameter at its default.
  static ModelParams defaults();
};

/// One parameter's declaration. `field` points at the member it sets.
struct ParamSpec {
  std::string_view key;
  std::variant<double ModelParams::*, int ModelParams::*> field;
  double default_value;
  double min, max;  ///< inclusive range
  std::string_view unit;
  std::string_view meaning;
  std::string_view source;
  std::string_view group;  ///< submodel that uses it, for the documentation
};

std::span<const ParamSpec> parameter_table();
/// The spec of a key, or nullptr.
const ParamSpec* find_parameter(std::string_view key);
/// Sets one parameter (rounding is the caller's business: integer parameters
/// must be given integral values). Returns false if out of range.
bool set_parameter(ModelParams& params, const ParamSpec& spec, double value);
double get_parameter(const ModelParams& params, const ParamSpec& spec);

/// The parameter table as Markdown, one table per submodel, for docs/MODEL.md
/// (a test keeps the document and this table in step).
std::string parameter_table_markdown();

}  // namespace clustersim::parameters
