#include "models/scenario/region_csv.hpp"
#include "model_namespaces.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace clustersim::model_tests {
namespace {

std::filesystem::path write(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("clustersim_region_csv_" + name);
  std::ofstream(path) << text;
  return path;
}

std::string error_of(const std::string& text) {
  try {
    read_regions_csv(write("bad.csv", text), RegionSpec{});
  } catch (const TableError& e) {
    const std::string what = e.what();
    return what.substr(what.find(".csv") + 4);  // drop the temporary directory
  }
  return "accepted";
}

TEST(RegionCsv, ReadsTheShippedKazakhRegions) {
  const char* root = std::getenv("CLUSTERSIM_SOURCE_DIR");
  ASSERT_NE(root, nullptr);
  RegionSpec defaults;
  defaults.region.hard_factor = 0.5;
  defaults.agents[sim::AgentKind::Sme] = 7;
  const RegionCsv csv =
      read_regions_csv(std::string(root) + "/scenarios/data/kz_regions.csv", defaults);
  ASSERT_EQ(csv.regions.size(), 16u);
  const RegionSpec& almaty = csv.regions.back();
  EXPECT_EQ(almaty.region.name, "Almaty city");
  EXPECT_DOUBLE_EQ(almaty.region.lat, 43.24);
  EXPECT_DOUBLE_EQ(almaty.region.lon, 76.89);
  EXPECT_DOUBLE_EQ(almaty.region.population, 1703000.0);  // population_2016_k, thousands
  EXPECT_DOUBLE_EQ(almaty.region.hard_factor, 0.5);       // from the defaults
  EXPECT_EQ(almaty.agents[sim::AgentKind::Sme], 7);
  // centre, innovation_index_2010 and rank_2010 are not region inputs.
  EXPECT_EQ(csv.unused_columns,
            (std::vector<std::string>{"centre", "innovation_index_2010", "rank_2010"}));
}

TEST(RegionCsv, FileValuesOverrideDefaultsAndEmptyCellsKeepThem) {
  RegionSpec defaults;
  defaults.agents[sim::AgentKind::University] = 2;
  const RegionCsv csv =
      read_regions_csv(write("ok.csv",
                             "name,lat,lon,population,soft_factor,smes,universities\n"
                             "A,10,20,1000,0.7,12,\n\"B, north\",11,21,2000,,3,1\n"),
                       defaults);
  ASSERT_EQ(csv.regions.size(), 2u);
  EXPECT_EQ(csv.regions[0].agents[sim::AgentKind::Sme], 12);
  EXPECT_EQ(csv.regions[0].agents[sim::AgentKind::University], 2);
  EXPECT_EQ(csv.regions[1].region.name, "B, north");
  EXPECT_EQ(csv.regions[1].agents[sim::AgentKind::University], 1);
  EXPECT_DOUBLE_EQ(csv.regions[1].region.soft_factor, 0.0);
}

TEST(RegionCsv, MistakesAreLocated) {
  EXPECT_EQ(error_of("region,lat\nA,1\n"), ":1:1: required column 'lon' is missing");
  EXPECT_EQ(error_of("region,lat,lon\nA,1,x\n"), ":2:5: expected a number, got 'x'");
  EXPECT_EQ(error_of("region,lat,lon\nA,100,1\n"),
            ":2:3: value 100 is out of range [-90, 90] for 'lat'");
  EXPECT_EQ(error_of("region,lat,lon,smes\nA,1,1,2.5\n"), ":2:7: expected a whole number");
  EXPECT_EQ(error_of("region,lat,lon\nA,1,1\nA,2,2\n"), ":3:1: region 'A' appears twice");
  EXPECT_EQ(error_of("region,lat,lon\nA,1\n"), ":2:1: expected 3 cells as in the header, found 2");
  EXPECT_EQ(error_of("region,lat,lon,lat\nA,1,1,1\n"),
            ":1:16: column 'lat' repeats a column given earlier");
  EXPECT_EQ(error_of("region,lat,lon\n"), ":1:1: the file has a header but no regions");
  EXPECT_EQ(error_of("region,lat,lon\n,1,1\n"), ":2:1: empty region name");
}

}  // namespace
}  // namespace clustersim::model_tests
