#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "model_namespaces.hpp"
#include "models/scenario/reader.hpp"

namespace clustersim::model_tests {
namespace {

class ScenarioInclude : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("clustersim_include_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "common");
    write("common/regions.yaml",
          "regions:\n"
          "  - {name: A, lat: 43.2, lon: 76.9, agents: {smes: 10}}\n"
          "  - {name: B, lat: 51.1, lon: 71.4}\n"
          "model:\n"
          "  link_cost: 0.3\n"
          "  max_partners: 5\n");
    write("common/long.yaml", "ticks: 80\nmodel:\n  link_decay: 0.4\n");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  ScenarioError refuse(const std::string& file) {
    try {
      read_scenario(dir_ / file);
    } catch (const ScenarioError& e) {
      return e;
    }
    ADD_FAILURE() << file << " was accepted";
    return ScenarioError("", 0, 0, "", "");
  }
  std::filesystem::path dir_;
};

TEST_F(ScenarioInclude, MapsMergeListsAndValuesReplaceTheIncluderWins) {
  write("main.yaml",
        "include: [common/regions.yaml, common/long.yaml]\n"
        "name: merged\n"
        "model:\n"
        "  link_cost: 0.9\n");
  const Scenario s = read_scenario(dir_ / "main.yaml");
  EXPECT_EQ(s.name, "merged");
  EXPECT_EQ(s.ticks, 80u);                   // from the second include
  EXPECT_DOUBLE_EQ(s.model.link_cost, 0.9);  // the including file wins
  EXPECT_EQ(s.model.max_partners, 5);        // maps merge key by key
  EXPECT_DOUBLE_EQ(s.model.link_decay, 0.4);
  ASSERT_EQ(s.regions.size(), 2u);
  EXPECT_EQ(s.regions[0].agents[sim::AgentKind::Sme], 10);
  ASSERT_EQ(s.included_files.size(), 2u);
  EXPECT_NE(s.included_files[0].find("regions.yaml"), std::string::npos);
  // The resolved text is self-contained: no include key, every merged value.
  EXPECT_EQ(s.resolved_text.find("include"), std::string::npos);
  EXPECT_NE(s.resolved_text.find("link_decay"), std::string::npos);

  write("replace.yaml",
        "include: common/regions.yaml\nname: one\nregions:\n  - {name: C, lat: 1, lon: 2}\n");
  const Scenario replaced = read_scenario(dir_ / "replace.yaml");
  ASSERT_EQ(replaced.regions.size(), 1u);  // lists replace, they do not append
  EXPECT_EQ(replaced.regions[0].region.name, "C");
}

TEST_F(ScenarioInclude, ErrorsPointIntoTheFileWhereTheKeyIs) {
  write("common/typo.yaml", "model:\n  link_cots: 0.3\n");
  write("main.yaml", "include: [common/regions.yaml, common/typo.yaml]\nname: x\n");
  const ScenarioError e = refuse("main.yaml");
  EXPECT_NE(e.file().find("typo.yaml"), std::string::npos) << e.what();
  EXPECT_EQ(e.line(), 2);
  EXPECT_EQ(e.column(), 3);
  EXPECT_EQ(e.key_path(), "model.link_cots");

  write("common/broken.yaml", "model: [\n");
  write("broken_main.yaml", "include: common/broken.yaml\nname: x\n");
  EXPECT_NE(refuse("broken_main.yaml").file().find("broken.yaml"), std::string::npos);
}

TEST_F(ScenarioInclude, MissingAndCyclicIncludesAreRefusedWhereTheyAreNamed) {
  write("missing.yaml", "name: x\ninclude:\n  - common/regions.yaml\n  - nowhere.yaml\n");
  const ScenarioError missing = refuse("missing.yaml");
  EXPECT_NE(missing.file().find("missing.yaml"), std::string::npos);
  EXPECT_EQ(missing.line(), 4);
  EXPECT_EQ(missing.key_path(), "include[1]");
  EXPECT_NE(missing.message().find("no such file"), std::string::npos);

  write("a.yaml", "include: b.yaml\nname: a\n");
  write("b.yaml", "include: a.yaml\n");
  const ScenarioError cycle = refuse("a.yaml");
  EXPECT_NE(cycle.message().find("include cycle: a.yaml -> b.yaml -> a.yaml"), std::string::npos)
      << cycle.what();

  write("self.yaml", "include: self.yaml\nname: s\n");
  EXPECT_NE(refuse("self.yaml").message().find("include cycle"), std::string::npos);
  write("bad_type.yaml", "include: {a: 1}\nname: s\n");
  EXPECT_EQ(refuse("bad_type.yaml").key_path(), "include");
  write("inclde.yaml", "inclde: common/regions.yaml\nname: s\n");
  EXPECT_NE(refuse("inclde.yaml").message().find("did you mean 'include'"), std::string::npos);
}

TEST_F(ScenarioInclude, RegionsFromACsvFileRelativeToTheFileThatNamesIt) {
  write("common/regions.csv",
        "# two regions\nregion,lat,lon,population_k,smes\nA,43.2,76.9,1703,40\nB,51.1,71.4,873,\n");
  write("common/csv_regions.yaml",
        "regions:\n  csv: regions.csv\n  defaults: {soft_factor: 0.4, agents: {smes: 9, "
        "universities: 2}}\n");
  write("main.yaml", "include: common/csv_regions.yaml\nname: from_csv\n");
  const Scenario s = read_scenario(dir_ / "main.yaml");
  ASSERT_EQ(s.regions.size(), 2u);
  EXPECT_EQ(s.regions[0].region.name, "A");
  EXPECT_DOUBLE_EQ(s.regions[0].region.population, 1703000.0);
  EXPECT_EQ(s.regions[0].agents[sim::AgentKind::Sme], 40);
  EXPECT_EQ(s.regions[1].agents[sim::AgentKind::Sme], 9);  // empty cell: the default
  EXPECT_EQ(s.regions[1].agents[sim::AgentKind::University], 2);
  EXPECT_DOUBLE_EQ(s.regions[1].region.soft_factor, 0.4);

  write("common/bad.csv", "region,lat,lon\nA,1,x\n");
  write("bad.yaml", "name: b\nregions:\n  csv: common/bad.csv\n");
  const ScenarioError e = refuse("bad.yaml");
  EXPECT_EQ(e.key_path(), "regions.csv");
  EXPECT_EQ(e.line(), 3);
  EXPECT_NE(e.message().find("bad.csv:2:5: expected a number, got 'x'"), std::string::npos)
      << e.what();
  write("typo.yaml", "name: b\nregions:\n  csv: common/regions.csv\n  defaults: {sof_factor: 1}\n");
  EXPECT_NE(refuse("typo.yaml").message().find("did you mean 'soft_factor'"), std::string::npos);
  write("nofile.yaml", "name: b\nregions: {csv: nowhere.csv}\n");
  EXPECT_NE(refuse("nofile.yaml").message().find("cannot open"), std::string::npos);
}

TEST_F(ScenarioInclude, CsvRegionsKeepTheGovernanceModesOfTheirKinds) {
  // Civil society only in the quadruple and quintuple helix: from a CSV column
  // as from an inline region, and from the CSV's defaults.
  write("civil.csv", "region,lat,lon,civil_society\nA,43.2,76.9,0\nB,51.1,71.4,2\n");
  write("cluster.yaml", "name: c\nregions: {csv: civil.csv}\n");
  const ScenarioError row = refuse("cluster.yaml");
  EXPECT_EQ(row.key_path(), "regions.csv");
  EXPECT_NE(row.message().find("region 'B': civil-society organisations take part only in "
                               "quadruple_helix and quintuple_helix governance"),
            std::string::npos)
      << row.what();
  write("defaults.yaml",
        "name: d\nregions:\n  csv: civil.csv\n  defaults: {agents: {civil_society: 1}}\n");
  EXPECT_EQ(refuse("defaults.yaml").key_path(), "regions.defaults.agents.civil_society");
  write("quadruple.yaml", "name: q\ngovernance: quadruple_helix\nregions: {csv: civil.csv}\n");
  EXPECT_EQ(read_scenario(dir_ / "quadruple.yaml").regions[1].agents[sim::AgentKind::CivilSociety],
            2);
}

}  // namespace
}  // namespace clustersim::model_tests
