// docs/MODEL.md carries the parameter table between two markers. This test
// fails when the table in the code and the one in the document differ, and
// rewrites the document's table when CLUSTERSIM_UPDATE_DOCS=1 is set, so the
// two change together.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "models/parameters.hpp"

namespace clustersim::models {
namespace {

constexpr std::string_view kBegin =
    "<!-- parameters:begin (generated; see tests/models/model_doc_test.cpp) -->";
constexpr std::string_view kEnd = "<!-- parameters:end -->";

TEST(ModelDocument, ParameterTableMatchesTheCode) {
  const char* root = std::getenv("CLUSTERSIM_SOURCE_DIR");
  ASSERT_NE(root, nullptr) << "run through ctest, which sets CLUSTERSIM_SOURCE_DIR";
  const std::string path = std::string(root) + "/docs/MODEL.md";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot read " << path;
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string doc = buffer.str();
  const auto begin = doc.find(kBegin);
  const auto end = doc.find(kEnd);
  ASSERT_NE(begin, std::string::npos) << "marker missing: " << kBegin;
  ASSERT_NE(end, std::string::npos) << "marker missing: " << kEnd;
  const std::size_t from = begin + kBegin.size();
  const std::string expected = parameter_table_markdown();
  const std::string actual = doc.substr(from, end - from);
  if (actual != expected && std::getenv("CLUSTERSIM_UPDATE_DOCS") != nullptr) {
    doc.replace(from, end - from, expected);
    std::ofstream(path) << doc;
    GTEST_SKIP() << "rewrote the parameter table in " << path;
  }
  EXPECT_EQ(actual, expected) << "docs/MODEL.md's parameter table is out of date; run\n"
                              << "  CLUSTERSIM_UPDATE_DOCS=1 ctest -R ModelDocument\n"
                              << "in the build directory and review the diff.";
}

}  // namespace
}  // namespace clustersim::models
