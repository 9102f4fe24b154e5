#pragma once
// The model's parameters, each declared once in parameter_table() with its
// default, unit, allowed range, meaning and source. The scenario reader,
// the validator and docs/MODEL.md all read that one table.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace clustersim::models {

struct ModelParams {
  // Knowledge
  int knowledge_fields;
  double initial_knowledge;
  double rd_efficiency;
  double university_research_rate;
  double knowledge_depreciation;
  double absorption_rate;
  // Production and firms
  double productivity;
  double productivity_shock_sd;
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
  // Network
  double link_formation_rate;
  double triadic_closure_share;
  int max_partners;
  double link_cost;
  double link_decay;
  double link_dissolve_below;
  int initial_partners;
  // Demography
  double startup_rate;
  double spinoff_rate;
  double startup_employees;
  double startup_capital;

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

}  // namespace clustersim::models
