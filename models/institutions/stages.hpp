#pragma once
// The four stages of a regional IT cluster (Kireyeva & Tsoi 2018), in strict
// sequence: 1 resource concentration, 2 ecosystem formation, 3 breakthrough,
// 4 maturity. Stage 0 is not a stage of the cluster: the region has none yet.
// A region advances one stage after the next stage's entry conditions (and its
// current stage's) have held for stage_advance_ticks ticks in a row, and falls
// back one stage after its current stage's conditions have failed for
// stage_fallback_ticks ticks in a row.
#include <cstdint>
#include <string_view>
#include <vector>

#include "models/mechanisms/region_conditions.hpp"
#include "models/parameters/parameters.hpp"
#include "sim/world.hpp"

namespace clustersim::institutions {

inline constexpr int kMaxStage = 4;

/// "none", "resource_concentration", "ecosystem_formation", "breakthrough", "maturity".
std::string_view stage_name(int stage);

/// What a region's stage is judged on, measured every tick.
struct RegionMeasures {
  double firms = 0;
  double smes = 0;
  double large_firms = 0;
  double employees = 0;           ///< persons
  double value_added = 0;         ///< million tenge / year
  double capital = 0;             ///< million tenge
  double rd_spending = 0;         ///< million tenge / year, Σ r·Y over firms
  double mean_knowledge = 0;      ///< mean over firms of their mean knowledge per field
  double internal_ties = 0;       ///< ties with both ends in the region
  double stable_tie_share = 0;    ///< share of internal ties older than stable_tie_years
  double external_ties = 0;       ///< ties from the region to other regions
  double infrastructure = 0;      ///< soft factor plus the policy bonus to it
  double value_added_growth = 0;  ///< per year, over the last year (0 until a year has passed)
  double birth_rate = 0;          ///< firm births per year per firm, over the last year
  double exits = 0;               ///< this tick
  double population = 0;          ///< persons
  double rd_firms = 0;            ///< firms doing R&D this tick (profitable before R&D)
  double universities = 0;
};

/// Whether the entry conditions of `stage` (1..4) hold; stage 0 always holds.
bool stage_conditions_hold(int stage, const RegionMeasures& m, const parameters::ModelParams& p);

/// What a region's agents can do at `stage`, written into its conditions:
/// stage 2 and later give startups a mentor tie (the ecosystem absorbs them),
/// stage 3 and later scale-up finance, stage 4 links into wider value chains.
/// Thresholds change outcomes through these, with or without policy.
void apply_stage_capabilities(int stage, const parameters::ModelParams& p,
                              mechanisms::RegionConditions& conditions);

/// The last year of each region's value added and births, for the growth and
/// birth-rate measures (a ring of `window` ticks per region).
struct MeasureHistory {
  std::size_t window = 1;
  std::size_t recorded = 0;         ///< ticks recorded so far (saturates at window)
  std::size_t next = 0;             ///< ring position of the next record
  std::vector<double> value_added;  ///< [position][region]
  std::vector<double> births;       ///< [position][region]
  void reset(std::size_t regions, double tick_length);
};

/// Measures every region from the world (sums in a fixed order, the same at
/// any thread count) and records this tick in `history` (null: no history, so
/// no growth, and the birth rate of this tick alone). `births` and `exits` are
/// this tick's per region (empty: none); `soft_bonus` is each region's policy
/// bonus to the soft factor.
std::vector<RegionMeasures> measure_regions(const sim::World& world,
                                            const parameters::ModelParams& p, double tick_length,
                                            const std::vector<double>& births,
                                            const std::vector<double>& exits,
                                            const std::vector<double>& soft_bonus,
                                            MeasureHistory* history);

struct StageTransition {
  std::uint32_t tick;  ///< the tick whose end the change belongs to
  std::uint32_t region;
  int from, to;
};

class StageTracker {
 public:
  /// Every region at stage 0, counters cleared, no transitions.
  void reset(std::size_t regions);
  /// Places region r at its starting stage: the highest s whose conditions and
  /// all earlier stages' hold now (no persistence is asked of the history
  /// before the run). Not recorded as a transition.
  void diagnose(std::size_t r, const RegionMeasures& m, const parameters::ModelParams& p);
  /// One tick of region r; returns the change of stage (−1, 0 or +1) and
  /// records it when not 0.
  int update(std::uint32_t tick, std::size_t r, const RegionMeasures& m,
             const parameters::ModelParams& p);

  int stage(std::size_t r) const { return stage_[r]; }
  int last_change(std::size_t r) const { return change_[r]; }
  std::size_t regions() const { return stage_.size(); }
  /// Every change since reset, in order of ticks, regions by index within a tick.
  const std::vector<StageTransition>& transitions() const { return transitions_; }

 private:
  std::vector<int> stage_, held_, failed_, change_;
  std::vector<StageTransition> transitions_;
};

}  // namespace clustersim::institutions
