// Stage measures, entry conditions and the persistence rule.
#include "models/institutions/stages.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "sim/parallel.hpp"

namespace clustersim::institutions {

using parameters::ModelParams;

std::string_view stage_name(int stage) {
  switch (stage) {
    case 1:
      return "resource_concentration";
    case 2:
      return "ecosystem_formation";
    case 3:
      return "breakthrough";
    case 4:
      return "maturity";
    default:
      return "none";
  }
}

bool stage_conditions_hold(int stage, const RegionMeasures& m, const ModelParams& p) {
  switch (stage) {
    case 1:  // R&D potential accumulates, entrepreneurial activity appears
      return m.mean_knowledge >= p.stage1_min_knowledge && m.firms >= p.stage1_min_firms;
    case 2:  // SMEs and startups, stable links between firms, support infrastructure
      return m.smes >= p.stage2_min_smes && m.stable_tie_share >= p.stage2_min_stable_ties &&
             m.infrastructure >= p.stage2_min_infrastructure;
    case 3:  // fast growth and many startups
      return m.value_added_growth >= p.stage3_min_growth && m.birth_rate >= p.stage3_min_birth_rate;
    case 4:  // an anchor core of large firms, links to other regions
      return m.large_firms >= p.stage4_min_large_firms &&
             m.external_ties >= p.stage4_min_external_ties_per_firm * m.firms &&
             m.infrastructure >= p.stage4_min_infrastructure;
    default:
      return true;
  }
}

void apply_stage_capabilities(int stage, const ModelParams& p, mechanisms::RegionConditions& c) {
  if (stage >= 2) c.mentoring_share = p.mentoring_share;
  if (stage >= 3) c.scaleup_finance = p.scaleup_growth_boost;
  if (stage >= 4) c.value_chain_search = 1.0 + p.value_chain_search_boost;
}

void MeasureHistory::reset(std::size_t regions, double tick_length) {
  window = std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(1.0 / tick_length)));
  recorded = 0;
  next = 0;
  value_added.assign(window * regions, 0.0);
  births.assign(window * regions, 0.0);
}

namespace {
enum Column : std::size_t {
  kFirms,
  kSmes,
  kLarge,
  kEmployees,
  kValueAdded,
  kCapital,
  kRd,
  kKnowledge,
  kInternalHalf,
  kStableHalf,
  kExternalHalf,
  kRdFirms,
  kUniversities,
  kColumns
};
}  // namespace

std::vector<RegionMeasures> measure_regions(const sim::World& world, const ModelParams& p,
                                            double tick_length, const std::vector<double>& births,
                                            const std::vector<double>& exits,
                                            const std::vector<double>& soft_bonus,
                                            MeasureHistory* history) {
  const sim::AgentStore& agents = world.agents;
  const sim::Network& network = world.network;
  const std::size_t regions = world.regions.size();
  const double stable_ticks = p.stable_tie_years / tick_length;
  const std::vector<double> sums = sim::deterministic_accumulate(
      agents.size(), regions * kColumns, [&](std::size_t s, double* table) {
        const std::size_t r = agents.regions()[s];
        double* row = table + r * kColumns;
        const sim::AgentKind kind = agents.kinds()[s];
        if (sim::is_firm(kind)) {
          row[kFirms] += 1.0;
          row[kind == sim::AgentKind::Sme ? kSmes : kLarge] += 1.0;
          row[kEmployees] += agents.employees()[s];
          row[kValueAdded] += agents.value_added()[s];
          row[kCapital] += agents.capital()[s];
          row[kRd] += agents.rd_intensity()[s] * agents.value_added()[s];
          row[kRdFirms] += agents.rd_intensity()[s] > 0.0f ? 1.0 : 0.0;
          const std::span<const float> k = agents.knowledge(s);
          row[kKnowledge] +=
              std::accumulate(k.begin(), k.end(), 0.0) / static_cast<double>(k.size());
        } else if (kind == sim::AgentKind::University) {
          row[kUniversities] += 1.0;
        }
        const auto v = static_cast<std::uint32_t>(s);
        const auto partners = network.neighbours(v);
        const auto ties = network.attributes(v);
        for (std::size_t i = 0; i < partners.size(); ++i) {
          if (agents.regions()[partners[i]] == r) {
            row[kInternalHalf] += 1.0;
            if (ties[i].age >= stable_ticks) row[kStableHalf] += 1.0;
          } else {
            row[kExternalHalf] += 1.0;
          }
        }
      });

  // This tick's value added and births replace the oldest record; the growth
  // and birth rate compare with the ring's contents from before.
  std::vector<RegionMeasures> out(regions);
  for (std::size_t r = 0; r < regions; ++r) {
    const double* row = sums.data() + r * kColumns;
    RegionMeasures& m = out[r];
    m.firms = row[kFirms];
    m.smes = row[kSmes];
    m.large_firms = row[kLarge];
    m.employees = row[kEmployees];
    m.value_added = row[kValueAdded];
    m.capital = row[kCapital];
    m.rd_spending = row[kRd];
    m.mean_knowledge = m.firms > 0 ? row[kKnowledge] / m.firms : 0.0;
    m.internal_ties = row[kInternalHalf] / 2.0;
    m.stable_tie_share = row[kInternalHalf] > 0 ? row[kStableHalf] / row[kInternalHalf] : 0.0;
    m.external_ties = row[kExternalHalf];
    m.infrastructure = world.regions[r].soft_factor + (r < soft_bonus.size() ? soft_bonus[r] : 0.0);
    m.exits = r < exits.size() ? exits[r] : 0.0;
    m.population = world.regions[r].population;
    m.rd_firms = row[kRdFirms];
    m.universities = row[kUniversities];
    const double born = r < births.size() ? births[r] : 0.0;
    if (history == nullptr) {
      m.birth_rate = born / tick_length / std::max(1.0, m.firms);
      continue;
    }
    const std::size_t w = history->window;
    double& va_slot = history->value_added[history->next * regions + r];
    if (history->recorded == w && va_slot > 0.0) {
      // The slot about to be overwritten holds the value of exactly w ticks ago.
      const double years = static_cast<double>(w) * tick_length;
      m.value_added_growth = std::pow(m.value_added / va_slot, 1.0 / years) - 1.0;
    }
    va_slot = m.value_added;
    history->births[history->next * regions + r] = born;
    double births_in_window = 0.0;
    for (std::size_t i = 0; i < w; ++i) births_in_window += history->births[i * regions + r];
    const double years_recorded =
        static_cast<double>(std::min(history->recorded + 1, w)) * tick_length;
    m.birth_rate = births_in_window / years_recorded / std::max(1.0, m.firms);
  }
  if (history != nullptr) {
    history->next = (history->next + 1) % history->window;
    history->recorded = std::min(history->recorded + 1, history->window);
  }
  return out;
}

void StageTracker::reset(std::size_t regions) {
  stage_.assign(regions, 0);
  held_.assign(regions, 0);
  failed_.assign(regions, 0);
  change_.assign(regions, 0);
  transitions_.clear();
}

void StageTracker::diagnose(std::size_t r, const RegionMeasures& m, const ModelParams& p) {
  int s = 0;
  while (s < kMaxStage && stage_conditions_hold(s + 1, m, p)) ++s;
  stage_[r] = s;
  held_[r] = failed_[r] = change_[r] = 0;
}

int StageTracker::update(std::uint32_t tick, std::size_t r, const RegionMeasures& m,
                         const ModelParams& p) {
  const int s = stage_[r];
  const bool current = stage_conditions_hold(s, m, p);
  // Strict sequence: only the next stage is ever in view, and only while the
  // current stage's own conditions still hold.
  held_[r] = s < kMaxStage && current && stage_conditions_hold(s + 1, m, p) ? held_[r] + 1 : 0;
  failed_[r] = s > 0 && !current ? failed_[r] + 1 : 0;
  int change = 0;
  if (held_[r] >= p.stage_advance_ticks) {
    change = 1;
  } else if (failed_[r] >= p.stage_fallback_ticks) {
    change = -1;
  }
  change_[r] = change;
  if (change != 0) {
    stage_[r] = s + change;
    held_[r] = failed_[r] = 0;
    transitions_.push_back({tick, static_cast<std::uint32_t>(r), s, s + change});
  }
  return change;
}

}  // namespace clustersim::institutions
