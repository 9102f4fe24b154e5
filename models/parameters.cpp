#include "models/parameters.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace clustersim::models {
namespace {

using P = ModelParams;
constexpr std::string_view kAssumption = "modelling assumption; see docs/MODEL.md";

// clang-format off
const std::array kTable = {
  // ---- knowledge ----
  ParamSpec{"knowledge_fields", &P::knowledge_fields, 8, 1, 64, "fields",
            "technology fields in every agent's knowledge vector", "model design: F technology fields (default 8)", "knowledge"},
  ParamSpec{"initial_knowledge", &P::initial_knowledge, 1.0, 0, 1e6, "knowledge units",
            "upper bound of the uniform initial stock in each field", kAssumption, "knowledge"},
  ParamSpec{"rd_efficiency", &P::rd_efficiency, 2.0, 0, 1e6, "knowledge units / (year * person^0.5)",
            "knowledge a firm adds per year per unit of R&D intensity and square root of staff", kAssumption, "knowledge"},
  ParamSpec{"university_research_rate", &P::university_research_rate, 1.0, 0, 1e6, "knowledge units / year",
            "basic research a university adds to every field per year", kAssumption, "knowledge"},
  ParamSpec{"knowledge_depreciation", &P::knowledge_depreciation, 0.15, 0, 1, "1 / year",
            "share of knowledge stock that becomes obsolete per year",
            "Hall, Mairesse & Mohnen (2010), Handbook of the Economics of Innovation 2: 15%/year R&D capital depreciation", "knowledge"},
  ParamSpec{"absorption_rate", &P::absorption_rate, 0.5, 0, 4, "1 / year",
            "share of a partner's knowledge lead absorbed per year over a tie of strength 1", kAssumption, "knowledge"},
  // ---- production ----
  ParamSpec{"productivity", &P::productivity, 5.0, 0, 1e6, "million tenge / (year * person^labour_elasticity)",
            "total factor productivity of an IT firm", kAssumption, "production"},
  ParamSpec{"productivity_shock_sd", &P::productivity_shock_sd, 0.2, 0, 5, "1 (log scale, per year^0.5)",
            "standard deviation of a firm's idiosyncratic log value-added shock", kAssumption, "production"},
  ParamSpec{"labour_elasticity", &P::labour_elasticity, 0.9, 0, 1, "1",
            "output elasticity of staff (below 1: decreasing returns bound firm size)", kAssumption, "production"},
  ParamSpec{"knowledge_elasticity", &P::knowledge_elasticity, 0.3, 0, 2, "1",
            "output elasticity of (1 + mean knowledge)", kAssumption, "production"},
  ParamSpec{"hard_factor_sensitivity_product", &P::hard_factor_sensitivity_product, 0.4, 0, 10, "1",
            "value-added gain of a product (hardware) firm per unit of the region's hard factor",
            "direction: Kireyeva & Tsoi (2018) hypothesis; size: assumption", "production"},
  ParamSpec{"soft_factor_sensitivity_product", &P::soft_factor_sensitivity_product, 0.1, 0, 10, "1",
            "value-added gain of a product firm per unit of the region's soft factor",
            "direction: Kireyeva & Tsoi (2018) hypothesis; size: assumption", "production"},
  ParamSpec{"hard_factor_sensitivity_content", &P::hard_factor_sensitivity_content, 0.1, 0, 10, "1",
            "value-added gain of a content (software) firm per unit of the region's hard factor",
            "direction: Kireyeva & Tsoi (2018) hypothesis; size: assumption", "production"},
  ParamSpec{"soft_factor_sensitivity_content", &P::soft_factor_sensitivity_content, 0.4, 0, 10, "1",
            "value-added gain of a content firm per unit of the region's soft factor",
            "direction: Kireyeva & Tsoi (2018) hypothesis; size: assumption", "production"},
  ParamSpec{"product_firm_share", &P::product_firm_share, 0.3, 0, 1, "1",
            "share of firms (initial and new) that make IT products rather than content", kAssumption, "production"},
  ParamSpec{"wage", &P::wage, 3.0, 0, 1e6, "million tenge / (person * year)",
            "annual wage cost per employee", "order of magnitude of IT wages in Kazakhstan; assumption", "production"},
  ParamSpec{"rd_intensity", &P::rd_intensity, 0.05, 0, 1, "1",
            "share of value added a firm spends on R&D", kAssumption, "production"},
  ParamSpec{"employment_adjustment", &P::employment_adjustment, 0.5, 0, 10, "1 / year",
            "speed at which staff follows the profit margin", kAssumption, "production"},
  ParamSpec{"large_firm_threshold", &P::large_firm_threshold, 250, 1, 1e7, "persons",
            "staff at which an SME becomes a large firm",
            "EU SME definition, Recommendation 2003/361/EC; Kazakhstan's Entrepreneurial Code uses the same bound", "production"},
  // ---- network ----
  ParamSpec{"link_formation_rate", &P::link_formation_rate, 1.0, 0, 100, "1 / year",
            "expected partner searches per agent per year", kAssumption, "network"},
  ParamSpec{"triadic_closure_share", &P::triadic_closure_share, 0.5, 0, 1, "1",
            "share of partner searches that look among partners' partners", kAssumption, "network"},
  ParamSpec{"max_partners", &P::max_partners, 20, 1, 10000, "links",
            "cap on an agent's partners; searches stop at the cap", kAssumption, "network"},
  ParamSpec{"link_cost", &P::link_cost, 0.1, 0, 1e6, "million tenge / (link * year)",
            "cost to a firm of keeping one partnership", kAssumption, "network"},
  ParamSpec{"link_decay", &P::link_decay, 0.2, 0, 10, "1 / year",
            "rate at which tie strength fades", kAssumption, "network"},
  ParamSpec{"link_dissolve_below", &P::link_dissolve_below, 0.1, 0, 1, "1",
            "tie strength below which a partnership dissolves", kAssumption, "network"},
  ParamSpec{"initial_partners", &P::initial_partners, 4, 0, 1000, "links",
            "mean number of partners each agent starts with, inside its region", kAssumption, "network"},
  // ---- demography ----
  ParamSpec{"startup_rate", &P::startup_rate, 10.0, 0, 1e6, "firms / (million persons * year)",
            "startups per year per million inhabitants, scaled by (0.5 + soft factor)", kAssumption, "demography"},
  ParamSpec{"spinoff_rate", &P::spinoff_rate, 0.5, 0, 1e3, "firms / (university * year)",
            "university spin-offs per year", kAssumption, "demography"},
  ParamSpec{"startup_employees", &P::startup_employees, 5, 1, 1e6, "persons",
            "staff of a new firm", kAssumption, "demography"},
  ParamSpec{"startup_capital", &P::startup_capital, 5.0, 0, 1e9, "million tenge",
            "capital of a new firm (initial firms get it in proportion to their staff)", kAssumption, "demography"},
};
// clang-format on

}  // namespace

std::span<const ParamSpec> parameter_table() {
  return kTable;
}

const ParamSpec* find_parameter(std::string_view key) {
  for (const ParamSpec& spec : kTable) {
    if (spec.key == key) return &spec;
  }
  return nullptr;
}

bool set_parameter(ModelParams& params, const ParamSpec& spec, double value) {
  if (!(value >= spec.min && value <= spec.max)) return false;
  std::visit(
      [&](auto member) {
        using T = std::remove_reference_t<decltype(params.*member)>;
        params.*member = static_cast<T>(value);
      },
      spec.field);
  return true;
}

double get_parameter(const ModelParams& params, const ParamSpec& spec) {
  return std::visit([&](auto member) { return static_cast<double>(params.*member); }, spec.field);
}

std::string parameter_table_markdown() {
  const auto number = [](double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", v);
    return std::string(buffer);
  };
  std::string out;
  std::string_view group;
  for (const ParamSpec& spec : kTable) {
    if (spec.group != group) {
      group = spec.group;
      out += "\n**" + std::string(group) + "**\n\n";
      out += "| key | default | unit | range | meaning | source |\n";
      out += "| --- | --- | --- | --- | --- | --- |\n";
    }
    out += "| `" + std::string(spec.key) + "` | " + number(spec.default_value) + " | " +
           std::string(spec.unit) + " | [" + number(spec.min) + ", " + number(spec.max) + "] | " +
           std::string(spec.meaning) + " | " + std::string(spec.source) + " |\n";
  }
  return out;
}

ModelParams ModelParams::defaults() {
  ModelParams p{};
  for (const ParamSpec& spec : kTable) set_parameter(p, spec, spec.default_value);
  return p;
}

}  // namespace clustersim::models
