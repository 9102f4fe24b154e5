// The agent-kind table (parameters::agent_kinds()) and the agent-column list
// (sim::kAgentColumns) are the only places a kind or a column is declared.
// This walks both and checks that everything generated from them knows every
// entry: the scenario schema and its reference, the YAML and CSV readers, the
// indicators, the governance rules, and a run file's snapshots and series.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>

#include "../output/h5_read.hpp"
#include "models/observables/observables.hpp"
#include "models/parameters/agent_kinds.hpp"
#include "models/scenario/reader.hpp"
#include "models/scenario/region_csv.hpp"
#include "models/scenario/schema.hpp"
#include "tools/run/scenario_run.hpp"

namespace clustersim {
namespace {

using parameters::agent_kinds;
using parameters::AgentKindSpec;
using parameters::contains;

std::string key_of(const AgentKindSpec& kind) {
  return std::string(kind.count_key);
}
std::size_t index_of(const AgentKindSpec& kind) {
  return static_cast<std::size_t>(kind.kind);
}

/// The governance mode in which a scenario may have the most kinds.
institutions::GovernanceMode widest_mode() {
  std::size_t best = 0, best_kinds = 0;
  for (std::size_t m = 0; m < institutions::kGovernanceModeCount; ++m) {
    std::size_t kinds = 0;
    for (const AgentKindSpec& kind : agent_kinds()) kinds += contains(kind.present_in, m) ? 1 : 0;
    if (kinds > best_kinds) best = m, best_kinds = kinds;
  }
  return static_cast<institutions::GovernanceMode>(best);
}

/// One region with `count(kind)` agents of every kind `mode` admits.
template <class Count>
std::string scenario_text(institutions::GovernanceMode mode, Count count) {
  std::string agents;
  for (const AgentKindSpec& kind : agent_kinds()) {
    if (!contains(kind.present_in, static_cast<std::size_t>(mode))) continue;
    agents += (agents.empty() ? "" : ", ") + key_of(kind) + ": " + std::to_string(count(kind));
  }
  return "name: every_kind\ngovernance: " + std::string(to_string(mode)) +
         "\nticks: 2\noutput: {snapshot_every: 1}\nregions:\n"
         "  - {name: A, lat: 43.2, lon: 76.9, population: 1000000, agents: {" +
         agents + "}}\n";
}

TEST(AgentTable, OneRowPerKindInEnumOrder) {
  ASSERT_EQ(agent_kinds().size(), sim::kAgentKindCount);
  std::set<std::string> keys;
  for (std::size_t k = 0; k < sim::kAgentKindCount; ++k) {
    EXPECT_EQ(index_of(agent_kinds()[k]), k);
    EXPECT_TRUE(keys.insert(key_of(agent_kinds()[k])).second) << "repeated count key";
    EXPECT_NE(agent_kinds()[k].present_in, 0) << key_of(agent_kinds()[k]);
  }
}

TEST(AgentTable, TheSchemaDeclaresEveryCountKey) {
  const std::string reference = scenario::scenario_schema_markdown();
  for (const AgentKindSpec& kind : agent_kinds()) {
    const scenario::KeySpec& key = scenario::schema_key("regions[].agents." + key_of(kind));
    EXPECT_EQ(key.unit, kind.unit);
    EXPECT_EQ(key.meaning, kind.count_meaning);
    EXPECT_EQ(key.default_value, std::to_string(kind.default_count));
    EXPECT_EQ(key.type, "whole number");
    EXPECT_NE(reference.find("`regions[].agents." + key_of(kind) + "`"), std::string::npos);
    EXPECT_EQ(cluster_model::InitialAgents{}[kind.kind], kind.default_count);
  }
}

TEST(AgentTable, TheYamlReaderReadsEveryCountAndRefusesKindsOutOfTheirModes) {
  const auto mode = widest_mode();
  const cluster_model::Scenario s = scenario::parse_scenario(
      scenario_text(mode, [](const AgentKindSpec& k) { return 10 + index_of(k); }), "s.yaml");
  for (const AgentKindSpec& kind : agent_kinds()) {
    const bool present = contains(kind.present_in, static_cast<std::size_t>(mode));
    EXPECT_EQ(s.regions[0].agents[kind.kind],
              present ? static_cast<int>(10 + index_of(kind)) : kind.default_count);
  }
  for (const AgentKindSpec& kind : agent_kinds()) {
    for (std::size_t m = 0; m < institutions::kGovernanceModeCount; ++m) {
      if (contains(kind.present_in, m)) continue;
      const std::string text =
          "name: t\ngovernance: " +
          std::string(to_string(static_cast<institutions::GovernanceMode>(m))) +
          "\nregions: [{name: A, lat: 1, lon: 2, agents: {" + key_of(kind) + ": 1}}]\n";
      try {
        scenario::parse_scenario(text, "s.yaml");
        ADD_FAILURE() << key_of(kind) << " accepted in mode " << m;
      } catch (const scenario::ScenarioError& e) {
        EXPECT_EQ(e.key_path(), "regions[0].agents." + key_of(kind));
      }
    }
  }
}

TEST(AgentTable, TheRegionCsvReadsEveryCountColumn) {
  std::string header = "region,lat,lon", row = "A,1,2";
  for (const AgentKindSpec& kind : agent_kinds()) {
    header += "," + key_of(kind);
    row += "," + std::to_string(7 + index_of(kind));
  }
  const auto path = std::filesystem::temp_directory_path() / "clustersim_agent_table.csv";
  std::ofstream(path) << header << "\n" << row << "\n";
  const scenario::RegionCsv csv = scenario::read_regions_csv(path, cluster_model::RegionSpec{});
  EXPECT_TRUE(csv.unused_columns.empty());
  ASSERT_EQ(csv.regions.size(), 1u);
  for (const AgentKindSpec& kind : agent_kinds()) {
    EXPECT_EQ(csv.regions[0].agents[kind.kind], static_cast<int>(7 + index_of(kind)));
  }
}

TEST(AgentTable, TheIndicatorsCountEveryKindAndGovernanceFollowsTheTable) {
  const std::vector<sim::SeriesInfo> series = observables::indicator_series();
  for (const AgentKindSpec& kind : agent_kinds()) {
    const auto it = std::find_if(series.begin(), series.end(),
                                 [&](const sim::SeriesInfo& s) { return s.name == key_of(kind); });
    ASSERT_NE(it, series.end()) << key_of(kind);
    EXPECT_EQ(it->unit, kind.unit);
    EXPECT_EQ(it->description, kind.description);
    for (std::size_t m = 0; m < institutions::kGovernanceModeCount; ++m) {
      const auto rules =
          institutions::governance_rules(static_cast<institutions::GovernanceMode>(m));
      EXPECT_EQ(rules.tie_kinds[index_of(kind)], contains(kind.ties_in, m)) << key_of(kind);
    }
  }
}

TEST(AgentTable, ARunFileKnowsEveryKindAndEveryColumn) {
  const auto mode = widest_mode();
  run::RunRequest request;
  request.scenario = scenario::parse_scenario(
      scenario_text(mode, [](const AgentKindSpec& k) { return 2 + index_of(k); }), "s.yaml");
  request.output = std::filesystem::temp_directory_path() / "clustersim_agent_table.h5";
  request.threads = 1;
  request.force = true;
  const run::RunResult result = run::run_scenario(request);
  ASSERT_EQ(result.outcome, sim::RunOutcome::Completed);
  const output::File file(result.file);
  ASSERT_TRUE(file.ok());

  for (const sim::AgentColumn& column : sim::kAgentColumns) {
    const std::string path = "/particles/agents/" + std::string(column.name);
    if (!column.recorded) {
      EXPECT_EQ(H5Lexists(file.id(), path.c_str(), H5P_DEFAULT), 0) << path;
      continue;
    }
    ASSERT_GT(H5Lexists(file.id(), path.c_str(), H5P_DEFAULT), 0) << path;
    EXPECT_EQ(output::string_attribute(file.id(), path, "description"), column.description);
    if (!column.unit.empty()) {
      EXPECT_EQ(output::string_attribute(file.id(), path, "unit"), column.unit);
    }
    const output::Array values = output::read_doubles(file.id(), path);
    ASSERT_FALSE(values.dims.empty());
    EXPECT_EQ(values.dims.size(), column.shape == sim::ColumnShape::PerField ? 2u : 1u) << path;
    if (!column.value_names.empty()) {
      std::string names;
      for (const std::string_view n : column.value_names) {
        names += (names.empty() ? "" : " ") + std::string(n);
      }
      EXPECT_EQ(output::string_attribute(file.id(), path, "flag_meanings"), names);
    }
  }

  // Every kind present at the start is in the first snapshot and in its count series.
  const output::Array kinds = output::read_doubles(file.id(), "/particles/agents/kind");
  const output::Array counts = output::read_doubles(file.id(), "/particles/agents/count");
  ASSERT_FALSE(counts.values.empty());
  const auto first = static_cast<std::ptrdiff_t>(counts.values[0]);
  const std::set<double> first_kinds(kinds.values.begin(), kinds.values.begin() + first);
  for (const AgentKindSpec& kind : agent_kinds()) {
    const bool present = contains(kind.present_in, static_cast<std::size_t>(mode));
    const double expected = present ? static_cast<double>(2 + index_of(kind)) : kind.default_count;
    const output::Array series =
        output::read_doubles(file.id(), "/observables/" + key_of(kind) + "/value");
    ASSERT_FALSE(series.values.empty()) << key_of(kind);
    EXPECT_EQ(series.values[0], expected) << key_of(kind);
    EXPECT_EQ(first_kinds.count(static_cast<double>(index_of(kind))), expected > 0 ? 1u : 0u)
        << key_of(kind);
  }
  std::filesystem::remove(result.file);
}

}  // namespace
}  // namespace clustersim
