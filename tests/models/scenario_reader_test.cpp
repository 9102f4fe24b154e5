#include "model_namespaces.hpp"
#include "models/scenario/reader.hpp"
#include "scenario_text.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace clustersim::model_tests {
namespace {

const std::string kValid = R"(name: t
seed: 7
ticks: 12
tick_length: 0.5
model:
  link_cost: 0.3
  max_partners: 5
regions:
  - name: A
    lat: 43.2
    lon: 76.9
    population: 1000000
    hard_factor: 0.5
    soft_factor: 0.7
    agents: {large_firms: 2, smes: 10, universities: 1}
  - name: B
    lat: 51.1
    lon: 71.4
)";

TEST(ScenarioReader, ReadsAValidScenario) {
  const Scenario s = parse_scenario(kValid, "s.yaml");
  EXPECT_EQ(s.name, "t");
  EXPECT_EQ(s.seed, 7u);
  EXPECT_EQ(s.ticks, 12u);
  EXPECT_DOUBLE_EQ(s.tick_length, 0.5);
  EXPECT_DOUBLE_EQ(s.model.link_cost, 0.3);
  EXPECT_EQ(s.model.max_partners, 5);
  EXPECT_DOUBLE_EQ(s.model.link_decay, ModelParams::defaults().link_decay);
  ASSERT_EQ(s.regions.size(), 2u);
  EXPECT_EQ(s.regions[0].agents[sim::AgentKind::Sme], 10);
  EXPECT_EQ(s.regions[1].agents[sim::AgentKind::Government], 1);  // default
  EXPECT_EQ(s.regions[1].region.name, "B");
  EXPECT_NE(s.resolved_text.find("link_cost"), std::string::npos);
}

TEST(ScenarioReader, UnknownKeyIsLocatedAndGetsASuggestion) {
  const ScenarioError e = refuse(replace(kValid, "link_cost:", "link_cots:"));
  EXPECT_EQ(e.file(), "s.yaml");
  EXPECT_EQ(e.line(), 6);
  EXPECT_EQ(e.column(), 3);
  EXPECT_EQ(e.key_path(), "model.link_cots");
  EXPECT_NE(std::string(e.what()).find("did you mean 'link_cost'"), std::string::npos) << e.what();
  EXPECT_EQ(std::string(e.what()).rfind("s.yaml:6:3: model.link_cots: unknown key", 0), 0u)
      << e.what();
}

TEST(ScenarioReader, DuplicateKeyIsRefused) {
  const ScenarioError e = refuse(replace(kValid, "ticks: 12\n", "ticks: 12\nticks: 13\n"));
  EXPECT_EQ(e.key_path(), "ticks");
  EXPECT_EQ(e.line(), 4);
  EXPECT_NE(e.message().find("duplicate"), std::string::npos);
}

TEST(ScenarioReader, WrongTypesAndRanges) {
  EXPECT_EQ(refuse(replace(kValid, "ticks: 12", "ticks: many")).key_path(), "ticks");
  EXPECT_EQ(refuse(replace(kValid, "ticks: 12", "ticks: 1.5")).key_path(), "ticks");
  EXPECT_EQ(refuse(replace(kValid, "ticks: 12", "ticks: -1")).key_path(), "ticks");
  EXPECT_EQ(refuse(replace(kValid, "link_cost: 0.3", "link_cost: 1e400")).key_path(),
            "model.link_cost");
  EXPECT_EQ(refuse(replace(kValid, "link_cost: 0.3", "link_cost: .nan")).key_path(),
            "model.link_cost");
  EXPECT_EQ(refuse(replace(kValid, "max_partners: 5", "max_partners: 2.5")).key_path(),
            "model.max_partners");
  EXPECT_EQ(refuse(replace(kValid, "lat: 43.2", "lat: 143.2")).key_path(), "regions[0].lat");
  EXPECT_EQ(refuse(replace(kValid, "smes: 10", "smes: [1]")).key_path(), "regions[0].agents.smes");
  EXPECT_EQ(refuse(replace(kValid, "seed: 7", "seed: -7")).key_path(), "seed");
  EXPECT_EQ(refuse(replace(kValid, "seed: 7", "seed: 18446744073709551616")).key_path(), "seed");
  const ScenarioError range = refuse(replace(kValid, "soft_factor: 0.7", "soft_factor: 7"));
  EXPECT_EQ(range.key_path(), "regions[0].soft_factor");
  EXPECT_EQ(range.line(), 14);
  EXPECT_NE(range.message().find("out of range"), std::string::npos);
}

TEST(ScenarioReader, StructuralMistakes) {
  EXPECT_EQ(refuse(replace(kValid, "  - name: B", "  - name: A")).key_path(), "regions[1].name");
  EXPECT_EQ(refuse(replace(kValid, "    lon: 71.4\n", "")).key_path(), "regions[1].lon");
  EXPECT_EQ(refuse("name: x\nregions: []\n").key_path(), "regions");
  EXPECT_EQ(refuse("regions: []\n").key_path(), "name");
  EXPECT_EQ(refuse("- just\n- a list\n").key_path(), "");
  const ScenarioError broken = refuse("name: x\nregions: [\n  {name: A\n");
  EXPECT_GT(broken.line(), 0);
  EXPECT_EQ(refuse("").message(), "file is empty");
  const ScenarioError nul = refuse(std::string("name: x\0y", 9));
  EXPECT_EQ(nul.message(), "file is not UTF-8 text (a NUL or invalid byte here)");
  EXPECT_EQ(nul.line(), 1);
  EXPECT_EQ(nul.column(), 8);
  const ScenarioError invalid = refuse("name: x\nregions: \xff\xfe\n");
  EXPECT_EQ(invalid.line(), 2);
  EXPECT_EQ(invalid.column(), 10);
}

TEST(ScenarioReader, AbsurdNestingAndAliasBombsAreRefusedQuickly) {
  std::string deep = "name: x\nregions: ";
  for (int i = 0; i < 200; ++i) deep += "[";
  for (int i = 0; i < 200; ++i) deep += "]";
  EXPECT_NE(refuse(deep + "\n").message().find("nesting"), std::string::npos);
  // Nine levels of ten aliases each expand to 10^9 nodes.
  std::string bomb = "name: x\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) bomb += std::string(k ? ", " : "") + "*a" + std::to_string(i - 1);
    bomb += "]\n";
  }
  EXPECT_NE(refuse(bomb).message().find("1,000,000"), std::string::npos);
}

TEST(ScenarioReader, OverridesApplyAndAreValidatedAsCommandLine) {
  const Scenario s =
      parse_scenario(kValid, "s.yaml",
                     {parse_override("model.link_cost=0.9"),
                      parse_override("regions[1].agents.smes=4"), parse_override("seed=11")});
  EXPECT_DOUBLE_EQ(s.model.link_cost, 0.9);
  EXPECT_EQ(s.regions[1].agents[sim::AgentKind::Sme], 4);
  EXPECT_EQ(s.seed, 11u);
  EXPECT_NE(s.resolved_text.find("0.9"), std::string::npos);

  const ScenarioError bad = refuse(kValid, {parse_override("model.link_cost=-1")});
  EXPECT_EQ(bad.file(), "<command line>");
  EXPECT_EQ(bad.key_path(), "model.link_cost");
  EXPECT_NE(bad.message().find("--set model.link_cost=-1"), std::string::npos);
  EXPECT_EQ(refuse(kValid, {parse_override("model.link_cots=1")}).key_path(), "model.link_cots");
  EXPECT_EQ(refuse(kValid, {parse_override("regions[5].lat=1")}).file(), "<command line>");
  EXPECT_THROW(parse_override("no_equals_sign"), ScenarioError);
}

TEST(ScenarioReader, NearestName) {
  EXPECT_EQ(nearest_name("tiks", top_level_keys()), "ticks");
  EXPECT_EQ(nearest_name("regoins", top_level_keys()), "regions");
  EXPECT_EQ(nearest_name("completely_different", top_level_keys()), "");
}

TEST(ScenarioReader, MissingFile) {
  try {
    read_scenario("/nonexistent/x.yaml");
    FAIL();
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.message(), "no such file");
  }
}

TEST(ScenarioReader, ShippedDemoScenarioIsValid) {
  const char* root = std::getenv("CLUSTERSIM_SOURCE_DIR");
  ASSERT_NE(root, nullptr);
  const Scenario s = read_scenario(std::string(root) + "/scenarios/demo.yaml");
  EXPECT_EQ(s.name, "demo");
  EXPECT_EQ(s.regions.size(), 3u);
}

}  // namespace
}  // namespace clustersim::model_tests
