// Policy instruments, allocation, co-financing, stage-fit and the two phases
// of the institutional layer.
#include "models/institutions/policy.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <optional>

#include "models/indices/regional_indices.hpp"
#include "models/mechanisms/phases.hpp"
#include "sim/enum_names.hpp"

namespace clustersim::institutions {

using indices::assessment_index;
using indices::AssessmentIndex;
using indices::relative_to_leader;
using indices::shares_of_total;
using mechanisms::RegionConditions;
using parameters::ModelParams;

namespace {
constexpr StageSet kStages12 = stage_bit(1) | stage_bit(2);
constexpr StageSet kStages123 = stage_bit(1) | stage_bit(2) | stage_bit(3);
constexpr StageSet kStages23 = stage_bit(2) | stage_bit(3);
constexpr StageSet kStages234 = stage_bit(2) | stage_bit(3) | stage_bit(4);
constexpr StageSet kStages34 = stage_bit(3) | stage_bit(4);

// Stage lists: the medium-term instruments of Kireyeva & Tsoi (2018, table 1)
// build resource concentration and the early ecosystem; the long-term ones
// (table 2) need an ecosystem to work on. Which stage each fits is a
// modelling assumption read from the stage descriptions (docs/MODEL.md). No
// list may bar the instrument that builds what the next stage requires:
// support infrastructure (stage 2's condition) fits stage 1, and green IT
// fits every stage the environmental limit can hold a region at.
// clang-format off
const std::array<InstrumentInfo, kInstrumentCount> kInstruments = {{
  {"business_receptivity", "rd_cost_factor × (1 − strength·x)", 0.3, 0.9, "1", kStages12, true, false, "medium term", "firms doing R&D"},
  {"hard_factors", "hard_factor_bonus + strength·x; startup_grant + strength·x·startup_capital", 0.2, 1, "1", kStages12, true, false, "medium term", "firm births"},
  {"science_education", "research_efficiency × (1 + strength·x)", 0.5, 10, "1", kStages12, false, false, "medium term", "universities"},
  {"human_capital", "trained_workers_per_year + strength·x", 500, 1e6, "persons / year", kStages23, false, false, "medium term", "a labour shortage (hires asked / (hires asked + job seekers))"},
  {"leader_regions", "hard_factor_bonus + strength·x; branding + strength·x (fits growth poles only)", 0.2, 1, "1", kStages34, false, true, "medium term", "a growth pole with an anchor core of large firms"},
  {"green_it", "green_research × (1 + strength·x)", 1.0, 10, "1", kStages234, false, false, "long term", "a modelled environment and firms doing R&D"},
  {"soft_factors", "soft_factor_bonus + strength·x", 0.2, 1, "1", kStages123, false, true, "long term", "firms to use it"},
  {"link_building", "matchmaking × (1 + strength·x)", 1.0, 10, "1", kStages23, false, false, "long term", "firms to match"},
  {"innovation_centre", "incubator_startups_per_year + strength·x", 10, 1e4, "startups / year", kStages23, false, true, "long term", "SMEs (mentors, customers)"},
  {"cluster_management", "branding + strength·x", 0.5, 10, "1", kStages34, false, false, "long term", "an anchor core of large firms"},
  {"anchor_customer", "anchor_customer + strength·x (at most 1)", 0.8, 1, "1", kStages23, false, false, "medium term", "SMEs to supply"},
}};
// clang-format on
}  // namespace

std::span<const InstrumentInfo> instrument_table() {
  return kInstruments;
}
const InstrumentInfo& instrument_info(Instrument instrument) {
  return kInstruments[static_cast<std::size_t>(instrument)];
}
std::vector<std::string> instrument_names() {
  std::vector<std::string> names;
  for (const InstrumentInfo& i : kInstruments) names.emplace_back(i.key);
  return names;
}

std::string instrument_table_markdown() {
  std::string out =
      "| instrument | horizon | acts on (x: intensity) | default strength | unit | max | "
      "default stages | subsidy | running costs | absorbed by |\n"
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n";
  for (const InstrumentInfo& i : kInstruments) {
    std::string stages;
    for (int s = 1; s <= kMaxStage; ++s) {
      if ((i.default_stages & stage_bit(s)) != 0) {
        stages += (stages.empty() ? "" : ", ") + std::to_string(s);
      }
    }
    char numbers[64];
    std::snprintf(numbers, sizeof numbers, "%g | %s | %g", i.default_strength,
                  std::string(i.strength_unit).c_str(), i.max_strength);
    out += "| `" + std::string(i.key) + "` | " + std::string(i.horizon) + " | " +
           std::string(i.levers) + " | " + numbers + " | " + stages + " | " +
           (i.subsidy ? "yes" : "no") + " | " + (i.infrastructure ? "yes" : "no") + " | " +
           std::string(i.needs) + " |\n";
  }
  return out;
}

constexpr std::array<std::string_view, 3> kTargetingNames = {"uniform", "growth_poles",
                                                             "stage_aware"};

std::string_view to_string(Targeting targeting) {
  return sim::enum_name(kTargetingNames, targeting);
}
std::vector<std::string> targeting_names() {
  return sim::enum_names(kTargetingNames);
}
std::string_view to_string(Initiator initiator) {
  return initiator == Initiator::State ? "state" : "business";
}

std::array<InstrumentSpec, kInstrumentCount> PolicySpec::default_instruments() {
  std::array<InstrumentSpec, kInstrumentCount> out{};
  for (std::size_t i = 0; i < kInstrumentCount; ++i) {
    out[i].strength = kInstruments[i].default_strength;
    out[i].stages = kInstruments[i].default_stages;
  }
  return out;
}

bool instrument_fits(Instrument instrument, const InstrumentSpec& spec, int stage, bool pole) {
  if (stage < 0 || stage > kMaxStage || (spec.stages & stage_bit(stage)) == 0) return false;
  return instrument != Instrument::LeaderRegions || pole;
}

double state_share(Initiator initiator, const ModelParams& p, bool cofinancing) {
  if (!cofinancing) return 1.0;
  return initiator == Initiator::State ? p.state_share_state_started
                                       : p.state_share_business_started;
}

namespace {
/// Capital descending, slot ascending on ties: a strict total order, so the
/// ranking is unique and does not depend on how it was reached.
struct RicherFirst {
  std::span<const double> capital;
  bool operator()(std::uint32_t a, std::uint32_t b) const {
    return capital[a] != capital[b] ? capital[a] > capital[b] : a < b;
  }
};
}  // namespace

std::vector<std::uint32_t> rank_by_capital(std::span<const std::uint32_t> firm_slots,
                                           std::span<const double> capital) {
  std::vector<std::uint32_t> ranked(firm_slots.begin(), firm_slots.end());
  std::sort(ranked.begin(), ranked.end(), RicherFirst{capital});
  return ranked;
}

Cofinancing cofinance(double required, std::span<const std::uint32_t> firm_slots,
                      std::span<double> capital) {
  std::vector<std::uint32_t> ranked = rank_by_capital(firm_slots, capital);
  return cofinance_ranked(required, ranked, capital);
}

Cofinancing cofinance_ranked(double required, std::vector<std::uint32_t>& ranked,
                             std::span<double> capital) {
  Cofinancing result;
  if (!(required > 0.0) || ranked.empty()) return result;
  // The k-th richest can pay required/k: raising k lowers each part but adds a
  // poorer payer; the largest such k spreads the cost widest.
  std::size_t k = 0;
  for (std::size_t n = 1; n <= ranked.size(); ++n) {
    if (capital[ranked[n - 1]] >= required / static_cast<double>(n)) k = n;
  }
  if (k == 0) return result;
  const double part = required / static_cast<double>(k);
  for (std::size_t i = 0; i < k; ++i) capital[ranked[i]] -= part;
  // Equal payments rarely change the ranking; re-rank only when they did.
  const RicherFirst order{capital};
  if (!std::is_sorted(ranked.begin(), ranked.end(), order)) {
    std::sort(ranked.begin(), ranked.end(), order);
  }
  result.joined = k;
  result.firm_money = part * static_cast<double>(k);
  return result;
}

namespace {
/// x / (x + half): 0 without users, 1/2 at `half`, toward 1 beyond.
double saturating(double x, double half) {
  return x > 0.0 ? x / (x + half) : 0.0;
}
}  // namespace

double absorption(Instrument instrument, const AbsorptionInputs& in, const ModelParams& p) {
  const RegionMeasures& m = in.measures;
  switch (instrument) {
    case Instrument::BusinessReceptivity:  // a tax relief on R&D needs firms doing R&D
      return saturating(m.rd_firms, p.absorption_half_firms);
    case Instrument::HardFactors:  // support for new firms needs new firms
      return saturating(m.birth_rate * m.firms, p.absorption_half_startups);
    case Instrument::ScienceEducation:  // research efficiency needs universities
      return saturating(m.universities, 1.0);
    case Instrument::HumanCapital: {  // trained workers help where firms lack workers
      const double wanted = std::max(0.0, in.labour_demand);
      return wanted > 0.0 ? wanted / (wanted + std::max(0.0, in.labour_pool)) : 0.0;
    }
    case Instrument::LeaderRegions:  // a leader programme needs a pole to lead
      return in.pole ? saturating(m.large_firms, p.absorption_half_large_firms) : 0.0;
    case Instrument::GreenIt:  // green research needs an environment and R&D firms
      return in.environment ? saturating(m.rd_firms, p.absorption_half_firms) : 0.0;
    case Instrument::SoftFactors:   // infrastructure needs firms to use it
    case Instrument::LinkBuilding:  // matchmaking needs firms to match
      return saturating(m.firms, p.absorption_half_firms);
    case Instrument::InnovationCentre:  // incubators need SMEs as mentors and customers
    case Instrument::AnchorCustomer:    // procurement from SMEs needs SMEs to supply
      return saturating(m.smes, p.absorption_half_firms);
    case Instrument::ClusterManagement:  // branding needs an anchor core to show
      return saturating(m.large_firms, p.absorption_half_large_firms);
  }
  return 0.0;
}

double working_share(double a, const ModelParams& p) {
  return 1.0 - p.absorption_strength * (1.0 - std::clamp(a, 0.0, 1.0));
}

double intensity(double stock, const ModelParams& p) {
  if (!(stock > 0.0)) return 0.0;
  return stock / (stock + p.policy_half_saturation);
}

void apply_instrument(Instrument instrument, const InstrumentSpec& spec, double x,
                      const ModelParams& p, RegionConditions& c) {
  const double e = spec.strength * x;
  switch (instrument) {
    case Instrument::BusinessReceptivity:
      c.rd_cost_factor *= 1.0 - e;
      break;
    case Instrument::HardFactors:
      c.hard_factor_bonus += e;
      c.startup_grant += e * p.startup_capital;
      break;
    case Instrument::ScienceEducation:
      c.research_efficiency *= 1.0 + e;
      break;
    case Instrument::HumanCapital:
      c.trained_workers_per_year += e;
      break;
    case Instrument::LeaderRegions:
      c.hard_factor_bonus += e;
      c.branding += e;
      break;
    case Instrument::GreenIt:
      c.green_research *= 1.0 + e;
      break;
    case Instrument::SoftFactors:
      c.soft_factor_bonus += e;
      break;
    case Instrument::LinkBuilding:
      c.matchmaking *= 1.0 + e;
      break;
    case Instrument::InnovationCentre:
      c.incubator_startups_per_year += e;
      break;
    case Instrument::ClusterManagement:
      c.branding += e;
      break;
    case Instrument::AnchorCustomer:
      c.anchor_customer = std::min(1.0, c.anchor_customer + e);
      break;
  }
  // Money handed to firms whatever they do replaces some of their own R&D
  // effort; money paid against results does not.
  if (instrument_info(instrument).subsidy && !spec.conditional)
    c.own_rd_effort *= 1.0 - p.crowding_out * x;
}

double capture_by_loss_makers(double money, std::span<const std::uint32_t> firm_slots,
                              std::span<const double> operating_profit, double years,
                              std::span<double> capital, std::span<double> support) {
  double losses = 0.0;
  for (const std::uint32_t s : firm_slots) losses += std::max(0.0, -operating_profit[s]) * years;
  if (!(money > 0.0) || !(losses > 0.0)) return 0.0;
  const double captured = std::min(money, losses);
  for (const std::uint32_t s : firm_slots) {
    const double part = captured * std::max(0.0, -operating_profit[s]) * years / losses;
    capital[s] += part;
    support[s] += part;
  }
  return captured;
}

PoleScores pole_scores(const std::vector<RegionMeasures>& measures) {
  const std::size_t n = measures.size();
  const auto column = [&](auto value) {
    std::vector<std::optional<double>> v(n);
    for (std::size_t r = 0; r < n; ++r) v[r] = value(measures[r]);
    return v;
  };
  const auto ratio = [](double a, double b) { return b > 0.0 ? a / b : 0.0; };
  const auto va = column([](const RegionMeasures& m) { return m.value_added; });
  const auto productivity = relative_to_leader(
      column([&](const RegionMeasures& m) { return ratio(m.value_added, m.employees); }));
  const auto assets = relative_to_leader(
      column([&](const RegionMeasures& m) { return ratio(m.value_added, m.capital); }));
  const auto survival = relative_to_leader(column([&](const RegionMeasures& m) {
    return m.firms > 0 ? std::max(0.0, 1.0 - m.exits / m.firms) : 0.0;
  }));
  const auto rd = relative_to_leader(
      column([&](const RegionMeasures& m) { return ratio(m.rd_spending, m.employees); }));
  const auto knowledge =
      relative_to_leader(column([](const RegionMeasures& m) { return m.mean_knowledge; }));
  const auto output = relative_to_leader(
      column([&](const RegionMeasures& m) { return ratio(m.value_added, m.population); }));
  PoleScores s;
  s.value_added_share = shares_of_total(va);
  s.innovation_index.resize(n);
  s.score.resize(n);
  for (std::size_t r = 0; r < n; ++r) {
    const AssessmentIndex index =
        assessment_index({productivity[r], assets[r], survival[r], rd[r], knowledge[r], output[r]});
    s.innovation_index[r] = index.aggregated;
    s.score[r] = 0.5 * (s.value_added_share[r] + index.aggregated / 100.0);
  }
  return s;
}

std::vector<std::uint8_t> choose_poles(const std::vector<double>& score, int count) {
  std::vector<std::size_t> order(score.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return score[a] > score[b]; });
  std::vector<std::uint8_t> pole(score.size(), 0);
  for (std::size_t i = 0; i < order.size() && i < static_cast<std::size_t>(count); ++i) {
    pole[order[i]] = 1;
  }
  return pole;
}

void PolicyState::reset(std::size_t region_count) {
  regions = region_count;
  effect.assign(kInstrumentCount * regions, 0.0);
  spending.assign(kInstrumentCount * regions, 0.0);
  waste.assign(kInstrumentCount * regions, 0.0);
  absorption.assign(kInstrumentCount * regions, 0.0);
  running_costs.assign(regions, 0.0);
  firm_money.assign(regions, 0.0);
  joined_firms.assign(regions, 0.0);
  unspent.assign(regions, 0.0);
  captured.assign(regions, 0.0);
  pole.assign(regions, 0);
  scores = {};
}

}  // namespace clustersim::institutions
