#pragma once
// The model's behavioural rules as pure functions of a few numbers. The phases
// apply them to every agent; the unit tests check each one on constructed
// two- or three-agent situations with exact expected results. docs/MODEL.md
// section 7 gives the same equations.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>

namespace clustersim::mechanisms::rules {

/// Absorptive capacity in [0, 1): A = 1 − exp(−(k̄/k_A + R/L_A)), growing with
/// the agent's own mean knowledge k̄ and its R&D staff R (Cohen & Levinthal 1990).
inline double absorptive_capacity(double mean_knowledge, double rd_staff, double knowledge_scale,
                                  double staff_scale) {
  const double x = (knowledge_scale > 0 ? mean_knowledge / knowledge_scale : 0.0) +
                   (staff_scale > 0 ? rd_staff / staff_scale : 0.0);
  return 1.0 - std::exp(-std::max(0.0, x));
}

/// Cognitive distance 1 − cos(a, b) of two non-negative knowledge profiles, in
/// [0, 1]; 1 when either profile is empty (nothing in common).
inline double cognitive_distance(std::span<const float> a, std::span<const float> b) {
  double ab = 0, aa = 0, bb = 0;
  for (std::size_t f = 0; f < a.size(); ++f) {
    ab += static_cast<double>(a[f]) * b[f];
    aa += static_cast<double>(a[f]) * a[f];
    bb += static_cast<double>(b[f]) * b[f];
  }
  if (aa <= 0 || bb <= 0) return 1.0;
  return std::clamp(1.0 - ab / std::sqrt(aa * bb), 0.0, 1.0);
}

/// Inverted-U effect of cognitive distance d on learning, with a cut-off at
/// d_max: 4 (d/d_max)(1 − d/d_max) for d < d_max (peak 1 at d_max/2), 0 beyond.
/// Too similar: little to learn; too different: nothing can be absorbed
/// (Nooteboom et al. 2007).
inline double distance_effect(double d, double d_max) {
  if (!(d_max > 0) || d >= d_max || d <= 0) return 0.0;
  const double x = d / d_max;
  return 4.0 * x * (1.0 - x);
}

/// Geographic decay of spillovers: 2^(−distance / half_distance).
inline double geographic_decay(double distance_km, double half_distance_km) {
  if (!(half_distance_km > 0)) return distance_km <= 0 ? 1.0 : 0.0;
  return std::exp2(-distance_km / half_distance_km);
}

/// Similarity of two regions' field profiles (shares summing to 1):
/// 1 − ½ Σ|a_f − b_f|, in [0, 1] (1: identical profiles).
inline double profile_similarity(std::span<const double> a, std::span<const double> b) {
  double diff = 0;
  for (std::size_t f = 0; f < a.size(); ++f) diff += std::abs(a[f] - b[f]);
  return std::clamp(1.0 - 0.5 * diff, 0.0, 1.0);
}

/// Novelty of what an agent combines: N = max(0, 1 − h · O), with O the mean
/// knowledge overlap (cosine similarity) between the agent and its partners
/// and h the homogenisation strength. No partners: O = 0.
inline double novelty(double mean_overlap, double homogenisation_strength) {
  return std::max(0.0, 1.0 - homogenisation_strength * mean_overlap);
}

/// Innovation hazard per year: λ = rate · A · N · (1 + Σ_j d_ij), where each
/// partner j adds a combination opportunity worth its cognitive distance d_ij.
inline double innovation_hazard(double rate, double absorptive, double novelty_value,
                                double sum_partner_distance) {
  return rate * absorptive * novelty_value * (1.0 + sum_partner_distance);
}

/// Probability of at least one event in dt years at hazard λ per year.
inline double event_probability(double hazard_per_year, double dt) {
  return 1.0 - std::exp(-std::max(0.0, hazard_per_year) * dt);
}

/// Yearly cost of one tie for an agent with local clustering C:
/// c · (1 + κ · C), κ the coordination-cost strength.
inline double tie_cost(double link_cost, double coordination_strength, double clustering) {
  return link_cost * (1.0 + coordination_strength * clustering);
}

/// A firm's persistent productivity (ability) from a standard normal draw z:
/// a = exp(σ·z − σ²/2), lognormal with mean 1 and log standard deviation σ.
inline double productivity_from_normal(double z, double dispersion) {
  return std::exp(dispersion * z - 0.5 * dispersion * dispersion);
}

/// The productivity at which a firm breaks even: a·y1·(1 − r) = w·L + F, with
/// y1 its value added at productivity 1, r the share of value added spent on
/// R&D, w·L its wage bill and F its fixed cost. 0 when y1·(1 − r) ≤ 0.
inline double break_even_productivity(double y1, double rd_share, double wage_bill,
                                      double fixed_cost) {
  const double net = y1 * (1.0 - rd_share);
  return net > 0 ? std::max(0.0, wage_bill + fixed_cost) / net : 0.0;
}

/// Lowest factor by which a wage can move in one tick. Not a parameter: it is a
/// guard that keeps wages positive when wage_adjustment·Δt is large (a long
/// tick), and binds only then; at the defaults a tick moves wages by ≤ 20%.
inline constexpr double kWageFloorFactorPerTick = 0.5;

/// Wage adjustment: w ← w · max(0.5, 1 + α·Δt·τ), with the labour-market tension
/// τ = (demand − pool) / (demand + pool) in [−1, 1] (0 when both are 0).
inline double next_wage(double wage, double demand, double pool, double adjustment, double dt) {
  const double total = demand + pool;
  const double tension = total > 0 ? (demand - pool) / total : 0.0;
  return wage * std::max(kWageFloorFactorPerTick, 1.0 + adjustment * dt * tension);
}

/// Probability that an acceptance of probability p happens when an anchor
/// customer (a in [0, 1]) underwrites the relation: p + a (1 − p).
inline double with_anchor(double p, double anchor) {
  const double a = std::clamp(anchor, 0.0, 1.0);
  return p + a * (1.0 - p);
}

}  // namespace clustersim::mechanisms::rules
