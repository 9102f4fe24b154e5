#pragma once
// Reads a scenario file (YAML), applies command-line overrides, and validates
// everything before a run starts. Every problem is reported as a ScenarioError
// that names the file, line, column and key path, so the user can go straight
// to the mistake.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "models/cluster_model/scenario.hpp"

namespace clustersim::scenario {

/// An invalid scenario. what() is "FILE:LINE:COLUMN: key.path: message" (line
/// and column 1-based; omitted when there is no position, e.g. a missing file).
class ScenarioError : public std::runtime_error {
 public:
  ScenarioError(std::string file, int line, int column, std::string key_path, std::string message);
  const std::string& file() const { return file_; }
  int line() const { return line_; }
  int column() const { return column_; }
  const std::string& key_path() const { return key_path_; }
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  int line_, column_;
  std::string key_path_, message_;
};

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

/// The keys a scenario accepts at the top level, for suggestions and docs.
std::vector<std::string> top_level_keys();

/// The closest candidate to `word` by edit distance, or "" if none is close.
std::string nearest_name(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace clustersim::scenario
