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

/// Mean over fields of b's lead over a: (1/F) Σ_f max(0, b_f − a_f), what a can
/// still learn from b (0 for empty profiles).
inline double mean_lead(std::span<const float> a, std::span<const float> b) {
  double lead = 0;
  for (std::size_t f = 0; f < a.size(); ++f) lead += std::max(0.0f, b[f] - a[f]);
  return a.empty() ? 0.0 : lead / static_cast<double>(a.size());
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

/// How much of a partner's knowledge a firm can use at cognitive distance d:
/// 1 − d/d_max, 0 from d_max on. Exploitation (improving what a firm already
/// knows) draws on close partners: shared codes, trust, the same technology.
inline double absorbability(double d, double d_max) {
  if (!(d_max > 0) || d >= d_max) return 0.0;
  return 1.0 - std::max(0.0, d) / d_max;
}

/// What a partner at cognitive distance d brings to exploration (new
/// combinations): (1 − x)(1 − h·max(0, 1 − 2x)), x = d/d_max, 0 from d_max on.
/// The first factor is what can be absorbed; the second the novelty lost to
/// closeness, for partners nearer than half the limit. At h = 1 it is
/// Nooteboom's inverted U (a near-copy of oneself brings nothing new, a
/// stranger cannot be understood; peak at d_max/2); at h = 0 closeness costs no
/// novelty. h, the homogenisation strength, only ever lowers the value.
inline double exploration_value(double d, double d_max, double h) {
  if (!(d_max > 0) || d >= d_max) return 0.0;
  const double x = std::max(0.0, d) / d_max;
  return (1.0 - x) * (1.0 - h * std::max(0.0, 1.0 - 2.0 * x));
}

/// Share of a firm's attention each tie gets: 1/(1 + Σ s / n_a), Σ s the
/// strengths of its ties and n_a the partner attention. A firm cannot
/// recombine with any number of partners at once: what partners bring to
/// innovation saturates at about n_a partners' worth.
inline double attention_share(double strength_sum, double partner_attention) {
  if (!(partner_attention > 0)) return 0.0;
  return 1.0 / (1.0 + std::max(0.0, strength_sum) / partner_attention);
}

/// Yearly hazard of one kind of innovation: λ = rate · A · (w + S), A the
/// absorptive capacity, S what partners bring (the strength-weighted sum of
/// each one's exploration_value or absorbability, times the attention share)
/// and w what the firm's own stock brings: an isolated firm can still
/// recombine and improve what it knows.
inline double recombination_hazard(double rate, double absorptive, double own_weight,
                                   double partner_sum) {
  return rate * absorptive * (own_weight + partner_sum);
}

/// Probability of at least one event in dt years at hazard λ per year.
inline double event_probability(double hazard_per_year, double dt) {
  return 1.0 - std::exp(-std::max(0.0, hazard_per_year) * dt);
}

/// Yearly cost of one tie for an agent with local clustering C, to a partner
/// D km away: c · (1 + κ · C) · (1 + D / D_c). Clustering stands for the
/// redundancy a tie adds inside a closed group (κ the coordination-cost
/// strength); distance for travel and coordination across the country (D_c the
/// distance at which a tie costs twice as much as a local one).
inline double tie_cost(double link_cost, double coordination_strength, double clustering,
                       double distance_km, double distance_cost_km) {
  const double distance =
      distance_cost_km > 0 ? std::max(0.0, distance_km) / distance_cost_km : 0.0;
  return link_cost * (1.0 + coordination_strength * clustering) * (1.0 + distance);
}

/// Longest horizon over which knowledge is valued: a guard, not a parameter,
/// that keeps the value of a knowledge flow finite when knowledge does not
/// depreciate (knowledge_depreciation = 0); at the default (15%/year) knowledge
/// lives about 7 years and the guard does not bind.
inline constexpr double kMaxKnowledgeLifetimeYears = 100.0;

/// Yearly value to a firm of a sustained knowledge inflow q (mean knowledge
/// units per year): the extra stock it keeps up, q/δ, times the marginal value
/// added of mean knowledge, β·VA/(1 + k̄) (the production function's knowledge
/// term). Million tenge per year when VA is.
inline double value_of_knowledge_flow(double q, double value_added, double mean_knowledge,
                                      double knowledge_elasticity, double depreciation) {
  const double lifetime = depreciation > 0
                              ? std::min(kMaxKnowledgeLifetimeYears, 1.0 / depreciation)
                              : kMaxKnowledgeLifetimeYears;
  return q * lifetime * knowledge_elasticity * std::max(0.0, value_added) /
         (1.0 + std::max(0.0, mean_knowledge));
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
