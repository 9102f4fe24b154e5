// The schema (models/scenario/schema.cpp) is the one declaration of the
// scenario keys: the readers take their key lists and ranges from it, and the
// defaults of the structs they fill must be the ones it states.
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <map>
#include <string>

#include "model_namespaces.hpp"
#include "models/scenario/reader.hpp"
#include "models/scenario/schema.hpp"
#include "models/text/number_text.hpp"
#include "scenario_text.hpp"

namespace clustersim::model_tests {
namespace {

using Strings = std::vector<std::string>;

std::string shown(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}
std::string shown(bool v) {
  return v ? "true" : "false";
}

using ValueOf = std::function<std::string(const Scenario&)>;

ValueOf region(double sim::Region::*field) {
  return [field](const Scenario& s) { return shown(s.regions[0].region.*field); };
}
template <typename T>
ValueOf policy(T PolicySpec::*field) {
  return [field](const Scenario& s) { return shown(s.institutions.policy.*field); };
}
/// The same value for every instrument, or a text saying they differ.
ValueOf instrument(const std::function<std::string(const InstrumentSpec&)>& value) {
  return [value](const Scenario& s) {
    const std::string first = value(s.institutions.policy.instruments[0]);
    for (const InstrumentSpec& spec : s.institutions.policy.instruments) {
      if (value(spec) != first) return std::string("<differs between instruments>");
    }
    return first;
  };
}

/// What a scenario that does not give the key gets. One line per schema key
/// with a plain default (a number, true or false, or one of its choices).
const std::map<std::string, ValueOf, std::less<>>& value_when_absent() {
  static const std::map<std::string, ValueOf, std::less<>> table = {
      {"seed", [](const Scenario& s) { return std::to_string(s.seed); }},
      {"ticks", [](const Scenario& s) { return std::to_string(s.ticks); }},
      {"tick_length", [](const Scenario& s) { return shown(s.tick_length); }},
      {"regions[].population", region(&sim::Region::population)},
      {"regions[].hard_factor", region(&sim::Region::hard_factor)},
      {"regions[].soft_factor", region(&sim::Region::soft_factor)},
      {"governance",
       [](const Scenario& s) { return std::string(to_string(s.institutions.governance)); }},
      {"policy.national_budget", policy(&PolicySpec::national_budget)},
      {"policy.regional_budget", policy(&PolicySpec::regional_budget)},
      {"policy.targeting",
       [](const Scenario& s) { return std::string(to_string(s.institutions.policy.targeting)); }},
      {"policy.timing.start", policy(&PolicySpec::start_year)},
      {"policy.timing.every", policy(&PolicySpec::every_years)},
      {"policy.cofinancing", policy(&PolicySpec::cofinancing)},
      {"policy.instruments.NAME.share",
       instrument([](const InstrumentSpec& i) { return shown(i.share); })},
      {"policy.instruments.NAME.conditional",
       instrument([](const InstrumentSpec& i) { return shown(i.conditional); })},
      {"policy.instruments.NAME.initiator",
       instrument([](const InstrumentSpec& i) { return std::string(to_string(i.initiator)); })},
      {"output.snapshot_every", [](const Scenario& s) { return std::to_string(s.snapshot_every); }},
      {"network.initial.generator",
       [](const Scenario& s) { return std::string(to_string(s.initial_network.generator)); }},
      {"network.initial.degree",
       [](const Scenario& s) { return std::to_string(s.initial_network.degree); }},
      {"network.initial.rewiring",
       [](const Scenario& s) { return shown(s.initial_network.rewiring); }},
  };
  return table;
}

/// The choices of a "one of: a, b, c" type; empty for other types.
Strings choices(const KeySpec& key) {
  constexpr std::string_view kOneOf = "one of: ";
  if (!key.type.starts_with(kOneOf)) return {};
  Strings out;
  std::string_view rest = key.type.substr(kOneOf.size());
  while (!rest.empty()) {
    const std::size_t comma = rest.find(", ");
    out.emplace_back(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
  }
  return out;
}

/// A default that a struct can hold: a number, true or false, or a choice.
bool plain_default(const KeySpec& key) {
  double ignored = 0.0;
  const std::string text(key.default_value);
  const Strings options = choices(key);
  return parse_number_text(text, ignored) == NumberText::Ok || text == "true" || text == "false" ||
         std::find(options.begin(), options.end(), text) != options.end();
}

/// Agent counts are declared with the agent kinds, and checked with them.
bool agent_count(const KeySpec& key) {
  return key.path.starts_with("regions[].agents.");
}

TEST(ScenarioSchema, EveryPlainDefaultIsTheValueOfAScenarioWithoutTheKey) {
  const Scenario s = parse_scenario("name: t\nregions:\n  - {name: A, lat: 0, lon: 0}\n", "t.yaml");
  for (const KeySpec& key : scenario_schema()) {
    if (!plain_default(key) || agent_count(key)) continue;
    const auto it = value_when_absent().find(key.path);
    if (it == value_when_absent().end()) {
      ADD_FAILURE() << key.path << " has default " << key.default_value
                    << ": add it to value_when_absent() in this test";
      continue;
    }
    std::string expected(key.default_value);
    double number = 0.0;
    if (parse_number_text(expected, number) == NumberText::Ok && !key.type.starts_with("one of")) {
      expected = key.type == "whole number" ? std::to_string(static_cast<std::uint64_t>(number))
                                            : shown(number);
    }
    EXPECT_EQ(it->second(s), expected) << key.path;
  }
}

TEST(ScenarioSchema, EveryCheckedDefaultIsDeclared) {
  for (const auto& [path, value] : value_when_absent()) {
    const KeySpec* key = find_schema_key(path);
    ASSERT_NE(key, nullptr) << path;
    EXPECT_TRUE(plain_default(*key)) << path << ": " << key->default_value;
  }
}

TEST(ScenarioSchema, ChildrenAreTheDeclaredKeysInOrder) {
  EXPECT_EQ(schema_children(""),
            (Strings{"include", "name", "description", "seed", "ticks", "tick_length", "regions",
                     "network", "model", "governance", "policy", "output"}));
  EXPECT_EQ(top_level_keys(), schema_children(""));
  EXPECT_EQ(schema_children("regions"), (Strings{"csv", "defaults"}));
  EXPECT_EQ(schema_children("regions[]"),
            (Strings{"name", "lat", "lon", "population", "hard_factor", "soft_factor", "agents"}));
  EXPECT_EQ(schema_children("policy.timing"), (Strings{"start", "end", "every"}));
  EXPECT_EQ(schema_children("policy.instruments.NAME"),
            (Strings{"share", "strength", "stages", "conditional", "initiator"}));
  EXPECT_EQ(schema_children("output"), (Strings{"path", "snapshot_every"}));
  EXPECT_EQ(schema_children("seed"), Strings{});
  EXPECT_EQ(schema_children("no_such_key"), Strings{});
}

TEST(ScenarioSchema, ChoicesAreTheNamesTheReaderAccepts) {
  EXPECT_EQ(choices(schema_key("governance")), governance_mode_names());
  EXPECT_EQ(choices(schema_key("policy.targeting")), targeting_names());
  EXPECT_EQ(choices(schema_key("policy.instruments.NAME.initiator")),
            (Strings{std::string(to_string(Initiator::State)),
                     std::string(to_string(Initiator::Business))}));
}

TEST(ScenarioSchema, StagesRangeIsTheModelsStages) {
  EXPECT_EQ(schema_key("policy.instruments.NAME.stages").max, kMaxStage);
}

TEST(ScenarioSchema, RegionsDefaultsAcceptTheOptionalRegionKeysOnly) {
  const auto error_of = [](const std::string& defaults) {
    return refuse("name: t\nregions:\n  csv: none.csv\n  defaults: {" + defaults + "}\n").message();
  };
  EXPECT_EQ(error_of("lat: 3").rfind("unknown key", 0), 0u) << error_of("lat: 3");
  EXPECT_EQ(error_of("hard_factr: 0.5"), "unknown key; did you mean 'hard_factor'?");
  // Known keys pass; the reader then stops at the missing CSV file.
  EXPECT_NE(error_of("hard_factor: 0.5, population: 3").find("none.csv"), std::string::npos);
}

}  // namespace
}  // namespace clustersim::model_tests
