// The scenario keys of the institutional layer: governance:, policy: and the
// stage thresholds under model:, with located errors and suggestions.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "model_namespaces.hpp"
#include "models/scenario/reader.hpp"
#include "scenario_text.hpp"

namespace clustersim::model_tests {
namespace {

const std::string kValid = R"(name: t
governance: triple_helix
model:
  stage_advance_ticks: 6
policy:
  national_budget: 1000
  regional_budget: 50
  targeting: stage_aware
  cofinancing: false
  timing: {start: 1, end: 9, every: 0.5}
  instruments:
    business_receptivity: {share: 0.4, strength: 0.5, stages: [1, 2], conditional: true}
    link_building:
      share: 0.6
      stages: [2, 3, 4]
      initiator: business
regions:
  - name: A
    lat: 43.2
    lon: 76.9
    agents: {smes: 10, universities: 1}
)";

const InstrumentSpec& spec_of(const Scenario& s, Instrument i) {
  return s.institutions.policy.instruments[static_cast<std::size_t>(i)];
}

TEST(PolicyReader, ReadsGovernancePolicyAndStageThresholds) {
  const Scenario s = parse_scenario(kValid, "s.yaml");
  EXPECT_EQ(s.institutions.governance, GovernanceMode::TripleHelix);
  EXPECT_EQ(s.model.stage_advance_ticks, 6);
  const PolicySpec& p = s.institutions.policy;
  EXPECT_EQ(p.national_budget, 1000.0);
  EXPECT_EQ(p.regional_budget, 50.0);
  EXPECT_EQ(p.targeting, Targeting::StageAware);
  EXPECT_FALSE(p.cofinancing);
  EXPECT_EQ(p.start_year, 1.0);
  EXPECT_EQ(p.end_year, 9.0);
  EXPECT_EQ(p.every_years, 0.5);
  const InstrumentSpec& br = spec_of(s, Instrument::BusinessReceptivity);
  EXPECT_EQ(br.share, 0.4);
  EXPECT_EQ(br.strength, 0.5);
  EXPECT_EQ(br.stages, stage_bit(1) | stage_bit(2));
  EXPECT_TRUE(br.conditional);
  EXPECT_EQ(br.initiator, Initiator::State);
  const InstrumentSpec& lb = spec_of(s, Instrument::LinkBuilding);
  EXPECT_EQ(lb.share, 0.6);
  EXPECT_EQ(lb.strength, instrument_info(Instrument::LinkBuilding).default_strength);
  EXPECT_EQ(lb.stages, stage_bit(2) | stage_bit(3) | stage_bit(4));
  EXPECT_EQ(lb.initiator, Initiator::Business);
  EXPECT_EQ(spec_of(s, Instrument::GreenIt).share, 0.0);
}

TEST(PolicyReader, DefaultsAreAClusterWithoutPolicy) {
  const Scenario s = parse_scenario("name: t\nregions: [{name: A, lat: 1, lon: 2}]\n", "s.yaml");
  EXPECT_EQ(s.institutions.governance, GovernanceMode::Cluster);
  EXPECT_EQ(s.institutions.policy.national_budget, 0.0);
  EXPECT_EQ(s.institutions.policy.targeting, Targeting::Uniform);
  EXPECT_TRUE(s.institutions.policy.cofinancing);
  EXPECT_EQ(spec_of(s, Instrument::ClusterManagement).stages, stage_bit(3) | stage_bit(4));
}

TEST(PolicyReader, UnknownEnumValuesAreLocatedAndGetSuggestions) {
  const ScenarioError mode =
      refuse(replace(kValid, "governance: triple_helix", "governance: tripple_helix"));
  EXPECT_EQ(mode.key_path(), "governance");
  EXPECT_EQ(mode.line(), 2);
  EXPECT_EQ(mode.column(), 13);
  EXPECT_EQ(std::string(mode.what())
                .rfind("s.yaml:2:13: governance: unknown governance mode "
                       "'tripple_helix'; did you mean 'triple_helix'?",
                       0),
            0u)
      << mode.what();
  const ScenarioError targeting =
      refuse(replace(kValid, "targeting: stage_aware", "targeting: growth_pole"));
  EXPECT_EQ(targeting.key_path(), "policy.targeting");
  EXPECT_NE(targeting.message().find("did you mean 'growth_poles'"), std::string::npos);
  const ScenarioError initiator =
      refuse(replace(kValid, "initiator: business", "initiator: akimat"));
  EXPECT_EQ(initiator.key_path(), "policy.instruments.link_building.initiator");
  EXPECT_NE(initiator.message().find("(one of state, business)"), std::string::npos);
}

TEST(PolicyReader, UnknownKeysGetTheNearestName) {
  const ScenarioError instrument =
      refuse(replace(kValid, "    link_building:", "    link_bilding:"));
  EXPECT_EQ(instrument.key_path(), "policy.instruments.link_bilding");
  EXPECT_EQ(instrument.line(), 13);
  EXPECT_NE(instrument.message().find("did you mean 'link_building'"), std::string::npos);
  EXPECT_EQ(refuse(replace(kValid, "  targeting:", "  targetting:")).key_path(),
            "policy.targetting");
  EXPECT_EQ(refuse(replace(kValid, "share: 0.6", "shares: 0.6")).key_path(),
            "policy.instruments.link_building.shares");
  EXPECT_EQ(refuse(replace(kValid, "stage_advance_ticks", "stage_advance_tick")).message(),
            "unknown key; did you mean 'stage_advance_ticks'?");
}

TEST(PolicyReader, ValuesOutOfRangeAndBadListsAreRefused) {
  EXPECT_EQ(refuse(replace(kValid, "national_budget: 1000", "national_budget: -1")).key_path(),
            "policy.national_budget");
  EXPECT_EQ(refuse(replace(kValid, "strength: 0.5", "strength: 0.95")).key_path(),
            "policy.instruments.business_receptivity.strength");
  EXPECT_EQ(refuse(replace(kValid, "stages: [1, 2]", "stages: [1, 5]")).key_path(),
            "policy.instruments.business_receptivity.stages[1]");
  EXPECT_EQ(refuse(replace(kValid, "stages: [1, 2]", "stages: [0]")).key_path(),
            "policy.instruments.business_receptivity.stages[0]");
  const ScenarioError twice = refuse(replace(kValid, "stages: [1, 2]", "stages: [2, 2]"));
  EXPECT_EQ(twice.message(), "stage listed twice");
  EXPECT_EQ(refuse(replace(kValid, "stages: [1, 2]", "stages: []")).key_path(),
            "policy.instruments.business_receptivity.stages");
  EXPECT_EQ(refuse(replace(kValid, "conditional: true", "conditional: maybe")).message(),
            "expected true or false, got 'maybe'");
  EXPECT_EQ(refuse(replace(kValid, "end: 9", "end: 1")).key_path(), "policy.timing.end");
  EXPECT_EQ(refuse(replace(kValid, "model:\n  stage_advance_ticks: 6",
                           "model:\n  stage_advance_ticks: 0"))
                .key_path(),
            "model.stage_advance_ticks");
}

TEST(PolicyReader, SharesMustSumToOneAndABudgetNeedsInstruments) {
  const ScenarioError sum = refuse(replace(kValid, "share: 0.6", "share: 0.5"));
  EXPECT_EQ(sum.key_path(), "policy.instruments");
  EXPECT_EQ(sum.message(), "the instruments' shares sum to 0.9; they must sum to 1");
  const ScenarioError none =
      refuse("name: t\npolicy: {national_budget: 5}\nregions: [{name: A, lat: 1, lon: 2}]\n");
  EXPECT_EQ(none.key_path(), "policy.instruments");
}

TEST(PolicyReader, CivilSocietyNeedsAHelixModeWithIt) {
  const ScenarioError e = refuse(replace(kValid, "universities: 1", "civil_society: 2"));
  EXPECT_EQ(e.key_path(), "regions[0].agents.civil_society");
  EXPECT_NE(e.message().find("quadruple_helix"), std::string::npos);
  EXPECT_NO_THROW(parse_scenario(replace(replace(kValid, "universities: 1", "civil_society: 2"),
                                         "triple_helix", "quadruple_helix"),
                                 "s.yaml"));
}

TEST(PolicyReader, OverridesReachTheNewKeys) {
  const Scenario s = parse_scenario(
      kValid, "s.yaml",
      {parse_override("governance=quintuple_helix"), parse_override("policy.targeting=uniform"),
       parse_override("policy.instruments.link_building.strength=2")});
  EXPECT_EQ(s.institutions.governance, GovernanceMode::QuintupleHelix);
  EXPECT_EQ(s.institutions.policy.targeting, Targeting::Uniform);
  EXPECT_EQ(spec_of(s, Instrument::LinkBuilding).strength, 2.0);
  const ScenarioError bad = refuse(kValid, {parse_override("governance=helix")});
  EXPECT_EQ(bad.file(), "<command line>");
  EXPECT_EQ(bad.key_path(), "governance");
}

TEST(PolicyReader, ShippedInstitutionScenariosAreValid) {
  const char* root = std::getenv("CLUSTERSIM_SOURCE_DIR");
  ASSERT_NE(root, nullptr);
  const std::pair<const char*, GovernanceMode> files[] = {
      {"cluster_baseline", GovernanceMode::Cluster},
      {"triple_helix", GovernanceMode::TripleHelix},
      {"quadruple_helix", GovernanceMode::QuadrupleHelix},
      {"quintuple_helix", GovernanceMode::QuintupleHelix},
      {"stage_aware", GovernanceMode::Cluster},
      {"stage_skipping", GovernanceMode::Cluster},
      {"growth_poles", GovernanceMode::Cluster},
      {"uniform", GovernanceMode::Cluster},
  };
  for (const auto& [name, mode] : files) {
    const Scenario s = read_scenario(std::string(root) + "/scenarios/" + name + ".yaml");
    EXPECT_EQ(s.institutions.governance, mode) << name;
  }
}

TEST(PolicyReader, RegionalProgrammeNamesExistingRegions) {
  const std::string two =
      replace(kValid, "regions:\n", "regions:\n  - {name: Astana, lat: 51.1, lon: 71.4}\n");
  const Scenario s = parse_scenario(
      replace(two, "  cofinancing: false\n", "  cofinancing: false\n  regions: [A]\n"), "s.yaml");
  EXPECT_EQ(s.institutions.policy.regions, (std::vector<std::size_t>{1}));

  const ScenarioError unknown =
      refuse(replace(two, "  cofinancing: false\n", "  cofinancing: false\n  regions: [Astna]\n"));
  EXPECT_EQ(unknown.key_path(), "policy.regions[0]");
  EXPECT_EQ(unknown.line(), 10);
  EXPECT_EQ(unknown.column(), 13);
  EXPECT_NE(unknown.message().find("no region named 'Astna'; did you mean 'Astana'?"),
            std::string::npos)
      << unknown.what();
  EXPECT_NE(
      refuse(replace(two, "  cofinancing: false\n", "  cofinancing: false\n  regions: [A, A]\n"))
          .message()
          .find("listed twice"),
      std::string::npos);
}

}  // namespace
}  // namespace clustersim::model_tests
