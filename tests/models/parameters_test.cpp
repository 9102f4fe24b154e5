#include "models/parameters/parameters.hpp"
#include "model_namespaces.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace clustersim::model_tests {
namespace {

TEST(Parameters, EveryParameterIsDeclaredCompletelyAndOnce) {
  std::set<std::string_view> keys;
  for (const ParamSpec& spec : parameter_table()) {
    EXPECT_TRUE(keys.insert(spec.key).second) << spec.key;
    EXPECT_FALSE(spec.unit.empty()) << spec.key;
    EXPECT_FALSE(spec.meaning.empty()) << spec.key;
    EXPECT_FALSE(spec.source.empty()) << spec.key;
    EXPECT_FALSE(spec.group.empty()) << spec.key;
    EXPECT_LE(spec.min, spec.default_value) << spec.key;
    EXPECT_GE(spec.max, spec.default_value) << spec.key;
  }
}

TEST(Parameters, DefaultsComeFromTheTable) {
  const ModelParams p = ModelParams::defaults();
  for (const ParamSpec& spec : parameter_table()) {
    EXPECT_EQ(get_parameter(p, spec), spec.default_value) << spec.key;
  }
  EXPECT_EQ(p.knowledge_fields, 8);
  EXPECT_DOUBLE_EQ(p.knowledge_depreciation, 0.15);
}

TEST(Parameters, SetRespectsRange) {
  ModelParams p = ModelParams::defaults();
  const ParamSpec* spec = find_parameter("link_decay");
  ASSERT_NE(spec, nullptr);
  EXPECT_TRUE(set_parameter(p, *spec, 0.7));
  EXPECT_DOUBLE_EQ(p.link_decay, 0.7);
  EXPECT_FALSE(set_parameter(p, *spec, -1));
  EXPECT_FALSE(set_parameter(p, *spec, 1e300));
  EXPECT_DOUBLE_EQ(p.link_decay, 0.7);
  EXPECT_EQ(find_parameter("no_such_parameter"), nullptr);
}

}  // namespace
}  // namespace clustersim::model_tests
