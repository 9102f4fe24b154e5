#pragma once
// Documents carry generated blocks between two markers (parameter tables, the
// scenario reference). check_generated_block() fails a test when a block is out
// of date and, with CLUSTERSIM_UPDATE_DOCS=1, rewrites it, so a document and
// the code it describes change together.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace clustersim::testing {

inline void check_generated_block(const std::string& relative_path, const std::string& name,
                                  const std::string& expected) {
  const char* root = std::getenv("CLUSTERSIM_SOURCE_DIR");
  ASSERT_NE(root, nullptr) << "run through ctest, which sets CLUSTERSIM_SOURCE_DIR";
  const std::string path = std::string(root) + "/" + relative_path;
  const std::string begin_marker = "<!-- " + name + ":begin (generated; do not edit by hand) -->";
  const std::string end_marker = "<!-- " + name + ":end -->";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot read " << path;
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string doc = buffer.str();
  const auto begin = doc.find(begin_marker);
  const auto end = doc.find(end_marker);
  ASSERT_NE(begin, std::string::npos) << relative_path << " lacks the marker " << begin_marker;
  ASSERT_NE(end, std::string::npos) << relative_path << " lacks the marker " << end_marker;
  const std::size_t from = begin + begin_marker.size();
  const std::string actual = doc.substr(from, end - from);
  if (actual != expected && std::getenv("CLUSTERSIM_UPDATE_DOCS") != nullptr) {
    doc.replace(from, end - from, expected);
    std::ofstream(path) << doc;
    GTEST_SKIP() << "rewrote the " << name << " block of " << path;
  }
  EXPECT_EQ(actual, expected) << relative_path << "'s " << name << " block is out of date; run\n"
                              << "  CLUSTERSIM_UPDATE_DOCS=1 ctest -R Document\n"
                              << "in the build directory and review the diff.";
}

}  // namespace clustersim::testing
