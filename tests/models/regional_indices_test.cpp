#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include "model_namespaces.hpp"
#include "models/indices/indices_report.hpp"
#include "models/indices/regional_indices.hpp"
#include "models/indices/regional_table.hpp"

namespace clustersim::model_tests {
namespace {

using V = std::vector<std::optional<double>>;

TEST(RegionalIndices, SharesAndHhiByHand) {
  const V values = {60.0, 30.0, std::nullopt, 10.0};
  const auto shares = shares_of_total(values);
  EXPECT_DOUBLE_EQ(shares[0], 0.6);
  EXPECT_DOUBLE_EQ(shares[1], 0.3);
  EXPECT_DOUBLE_EQ(shares[2], 0.0);
  EXPECT_DOUBLE_EQ(shares[3], 0.1);
  EXPECT_DOUBLE_EQ(herfindahl_hirschman(values), 0.36 + 0.09 + 0.01);
  EXPECT_DOUBLE_EQ(herfindahl_hirschman(V{5.0, 5.0, 5.0, 5.0}), 0.25);
  EXPECT_EQ(herfindahl_hirschman(V{std::nullopt, 0.0}), 0.0);
}

TEST(RegionalIndices, KrugmanSpecialisationByHand) {
  // Region: 80% software, 20% hardware; country: 50/50 -> |0.8-0.5| + |0.2-0.5| = 0.6.
  const std::vector<double> region = {8, 2}, country = {50, 50};
  EXPECT_NEAR(krugman_specialisation(region, country), 0.6, 1e-12);
  EXPECT_EQ(krugman_specialisation(country, country), 0.0);
  EXPECT_THROW(krugman_specialisation(region, std::vector<double>{1}), std::invalid_argument);
}

TEST(RegionalIndices, AssessmentIndexAndRanks) {
  const auto relative = relative_to_leader(V{50.0, 200.0, std::nullopt});
  EXPECT_DOUBLE_EQ(relative[0], 25.0);
  EXPECT_DOUBLE_EQ(relative[1], 100.0);
  EXPECT_DOUBLE_EQ(relative[2], 0.0);
  const AssessmentIndex a = assessment_index({30, 60, 90, 10, 20, 30});
  EXPECT_DOUBLE_EQ(a.susceptibility, 60.0);
  EXPECT_DOUBLE_EQ(a.activity, 20.0);
  EXPECT_DOUBLE_EQ(a.aggregated, 40.0);
  EXPECT_EQ(symbolic_rank(19.99), "C");
  EXPECT_EQ(symbolic_rank(20), "C+");
  EXPECT_EQ(symbolic_rank(35), "C++");
  EXPECT_EQ(symbolic_rank(40), "B");
  EXPECT_EQ(symbolic_rank(51.93), "B+");  // Almaty city, 2010
  EXPECT_EQ(symbolic_rank(60), "A");
}

// The shipped IT-output table, 2010: values added by hand from the table give
// a national total of 16,554.6 million tenge.
TEST(RegionalIndices, KazakhstanItOutput2010MatchesHandComputation) {
  const char* root = std::getenv("CLUSTERSIM_SOURCE_DIR");
  ASSERT_NE(root, nullptr);
  const RegionalTable table =
      read_regional_table(std::string(root) + "/scenarios/data/kz_it_output_2010_2016.csv");
  EXPECT_EQ(table.regions.size(), 16u);
  EXPECT_EQ(table.years.front(), 2010);
  EXPECT_EQ(table.years.back(), 2016);
  const IndexReport report = compute_index_report(table, 2010);
  ASSERT_EQ(report.rows.size(), 16u);
  const auto row = [&](const std::string& region) {
    for (const IndexRow& r : report.rows) {
      if (r.region == region) return r;
    }
    ADD_FAILURE() << region;
    return IndexRow{};
  };
  EXPECT_NEAR(row("Almaty city").share, 11268.1 / 16554.6, 1e-12);
  EXPECT_NEAR(row("Aktobe region").share, 3258.1 / 16554.6, 1e-12);
  EXPECT_FALSE(row("Atyrau region").value.has_value());  // a dash in the source
  EXPECT_EQ(row("Atyrau region").share, 0.0);
  // HHI: the sum of the squared shares of the eleven regions with output.
  double hhi = 0;
  for (double v : {46.8, 3258.1, 165.8, 36.5, 0.1, 660.7, 53.1, 340.0, 75.1, 650.3, 11268.1}) {
    hhi += (v / 16554.6) * (v / 16554.6);
  }
  EXPECT_NEAR(row("Almaty city").hhi, hhi, 1e-12);
  EXPECT_NEAR(hhi, 0.5057375, 1e-7);
  EXPECT_THROW(compute_index_report(table, 2020), std::invalid_argument);
  EXPECT_EQ(compute_index_report(table, std::nullopt).rows.size(), 16u * 7u);
}

TEST(RegionalTable, LongTableWithSectorsAndIndicators) {
  const RegionalTable sectors = parse_regional_table(
      "# comment\nregion,year,sector,value\nA,2020,software,8\nA,2020,hardware,2\n"
      "B,2020,software,42\nB,2020,hardware,48\n",
      "t.csv");
  const IndexReport report = compute_index_report(sectors, 2020);
  ASSERT_TRUE(report.has_krugman);
  // Country: software 50, hardware 50; A: 80/20 -> 0.6.
  EXPECT_NEAR(*report.rows[0].krugman, 0.6, 1e-12);
  EXPECT_NEAR(report.rows[0].share, 0.1, 1e-12);

  const RegionalTable six = parse_regional_table(
      "region,labour_productivity,fixed_assets_impact,production_sustainability,"
      "rnd_per_employee,tech_innovation_spend_per_employed,innovative_output_per_capita\n"
      "A,10,10,10,10,10,10\nB,5,10,2.5,0,5,10\n",
      "six.csv");
  const IndexReport index = compute_index_report(six, std::nullopt);
  ASSERT_TRUE(index.has_assessment);
  EXPECT_DOUBLE_EQ(index.rows[0].assessment->aggregated, 100.0);
  // B relative to A: 50, 100, 25 -> IIS 58.33; 0, 50, 100 -> IIA 50; aggregated 54.17 (B+).
  EXPECT_NEAR(index.rows[1].assessment->susceptibility, 175.0 / 3.0, 1e-12);
  EXPECT_NEAR(index.rows[1].assessment->activity, 50.0, 1e-12);
  EXPECT_EQ(symbolic_rank(index.rows[1].assessment->aggregated), "B+");
  EXPECT_NE(to_csv(index).find(",B+\n"), std::string::npos);
}

TEST(RegionalTable, BadTablesAreLocated) {
  const auto error = [](const std::string& text) {
    try {
      parse_regional_table(text, "t.csv");
    } catch (const TableError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(error("name,2010\nA,1\n").rfind("t.csv:1:1:", 0), 0u);
  EXPECT_EQ(error("region,2010\nA,abc\n"),
            "t.csv:2:3: year 2010: expected a number or an empty cell, got 'abc'");
  EXPECT_EQ(error("region,2010\nA,1,2\n").rfind("t.csv:2:1: expected 2 cells", 0), 0u);
  EXPECT_EQ(error("region,2010\nA,1\nA,2\n").rfind("t.csv:3:", 0), 0u);
  EXPECT_NE(error("region,labour_productivity\nA,1\n").find("missing: fixed_assets_impact"),
            std::string::npos);
  EXPECT_NE(error("region,centre\nA,x\n").find("no data columns"), std::string::npos);
  EXPECT_NE(error("").find("empty"), std::string::npos);
  EXPECT_NE(error("region,2010\n\"A,1\n").find("unclosed quote"), std::string::npos);
  EXPECT_EQ(error("region,value\n\"A, B\",1\n"), "accepted");
}

}  // namespace
}  // namespace clustersim::model_tests
