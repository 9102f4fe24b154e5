#pragma once
// Regional assessment indices of Kireyeva, Mussabalina & Tolysbaev (2018) and
// the concentration and specialisation measures used with them. The same
// functions serve `clustersim indices` (indices from user data) and the
// model's indicators (indices from simulated quantities).
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace clustersim::indices {

/// Each value as a share of the total, in [0, 1]; the modified Krugman index
/// KSI_R = X_R / Σ X when X is IT value added. Missing values (nullopt: "no
/// production") count as 0. All zero: every share is 0.
std::vector<double> shares_of_total(std::span<const std::optional<double>> values);

/// Herfindahl–Hirschman index Σ s_R² of the shares of the total, in [1/n, 1]
/// (0 when the total is 0). Multiply by 10,000 for the antitrust convention.
double herfindahl_hirschman(std::span<const std::optional<double>> values);

/// Classic Krugman specialisation index of one region: Σ_k |s_Rk − s_k|, with
/// s_Rk the share of sector (or field) k in the region and s_k its share in the
/// whole country. region[k] and country[k] are the sector totals. In [0, 2].
double krugman_specialisation(std::span<const double> region, std::span<const double> country);

/// Each indicator as a share of the leading region, in percent:
/// I_R = X_R / X_max · 100 (0 for missing values; all 0 when X_max <= 0).
std::vector<double> relative_to_leader(std::span<const std::optional<double>> values);

/// The six indicators of one region, already relative to the leader (percent).
struct AssessmentInputs {
  double labour_productivity;
  double fixed_assets_impact;
  double production_sustainability;
  double rnd_per_employee;
  double tech_innovation_spend_per_employed;
  double innovative_output_per_capita;
};

struct AssessmentIndex {
  double susceptibility;  ///< IIS, percent
  double activity;        ///< IIA, percent
  double aggregated;      ///< (IIS + IIA) / 2, percent
};

AssessmentIndex assessment_index(const AssessmentInputs& inputs);

/// Symbolic rank of an aggregated index: C (< 20), C+ [20, 30), C++ [30, 40),
/// B [40, 50), B+ [50, 60), A (>= 60).
std::string_view symbolic_rank(double aggregated_index);

}  // namespace clustersim::indices
