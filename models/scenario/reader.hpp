#pragma once
// Reads a scenario file (YAML), applies command-line overrides, and validates
// everything before a run starts. Every problem is reported as a ScenarioError
// (error.hpp) that names the file, line, column and key path, so the user can
// go straight to the mistake. The keys, ranges and defaults are those of the
// schema (schema.hpp).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "models/cluster_model/scenario.hpp"
#include "models/scenario/error.hpp"

namespace clustersim::scenario {

/// One `--set key.path=VALUE` override; VALUE is parsed as YAML.
struct Override {
  std::string path;    ///< e.g. "regions[0].agents.smes"
  std::string value;   ///< YAML text
  std::string origin;  ///< the argument as the user typed it, for messages
};

/// Parses "key.path=VALUE". Throws ScenarioError (file "<command line>").
Override parse_override(std::string_view argument);

/// Reads and validates a scenario file. Throws ScenarioError.
cluster_model::Scenario read_scenario(const std::filesystem::path& file,
                                      const std::vector<Override>& overrides = {});

/// Same, from text (`file_name` is used in messages only).
cluster_model::Scenario parse_scenario(std::string_view text, const std::string& file_name,
                                       const std::vector<Override>& overrides = {});

/// The keys a scenario accepts at the top level (from the schema).
std::vector<std::string> top_level_keys();

}  // namespace clustersim::scenario
