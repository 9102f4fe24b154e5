// The indicator table and its writer: values go to series by name, and a tick
// that writes a name nobody declared, writes a series twice or leaves one
// without values is refused instead of recording wrong numbers.
#include "sim/indicators.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace clustersim::sim {
namespace {

IndicatorTable two_series() {
  return IndicatorTable({{"a", "1", "first"}, {"b", "agents", "second", "mean"}}, 3);
}

TEST(IndicatorTable, RefusesTwoSeriesOfOneName) {
  EXPECT_THROW(IndicatorTable({{"a", "1", "x"}, {"a", "1", "y"}}, 2), std::invalid_argument);
}

TEST(IndicatorTable, FindsSeriesByName) {
  const IndicatorTable table = two_series();
  EXPECT_EQ(table.index_of("b"), 1u);
  EXPECT_THROW((void)table.index_of("c"), std::out_of_range);
}

TEST(IndicatorWriter, RefusesAValueUnderAnUndeclaredName) {
  IndicatorTable table = two_series();
  IndicatorWriter out(table);
  EXPECT_THROW(out.row("c"), std::out_of_range);
}

TEST(IndicatorWriter, RefusesASeriesWrittenTwiceInATick) {
  IndicatorTable table = two_series();
  IndicatorWriter out(table);
  out.row("a");
  EXPECT_THROW(out.row("a"), std::logic_error);
}

TEST(IndicatorWriter, NamesTheDeclaredSeriesThatGotNoValue) {
  IndicatorTable table = two_series();
  IndicatorWriter out(table);
  out.row("a");
  try {
    out.finish();
    FAIL() << "finish() accepted a tick without values for 'b'";
  } catch (const std::logic_error& e) {
    EXPECT_NE(std::string(e.what()).find("'b'"), std::string::npos) << e.what();
  }
  out.row("b");
  EXPECT_NO_THROW(out.finish());
}

struct Inputs {
  std::vector<double> base;
};

TEST(Observables, ValuesLandInTheSeriesOfTheirName) {
  // Declared in the opposite order of the table: only the names can pair them.
  const std::vector<Observable<Inputs>> observables = {
      {{"b", "agents", "second", "mean"},
       [](const Inputs& in, std::size_t r) { return in.base[r] * 10; }},
      {{"a", "1", "first"}, [](const Inputs& in, std::size_t r) { return in.base[r]; }},
  };
  IndicatorTable table = two_series();
  IndicatorWriter out(table);
  write_observables<Inputs>(observables, Inputs{{1, 2, 3}}, out);
  out.finish();
  EXPECT_EQ(table.at(table.index_of("a"), 2), 3.0);
  EXPECT_EQ(table.at(table.index_of("b"), 0), 10.0);
  const std::vector<SeriesInfo> declared = series_of<Inputs>(observables);
  ASSERT_EQ(declared.size(), 2u);
  EXPECT_EQ(declared[0].name, "b");
  EXPECT_EQ(declared[0].aggregation, "mean");
}

}  // namespace
}  // namespace clustersim::sim
