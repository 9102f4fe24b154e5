#pragma once
// Loading a scenario document, before any key is interpreted: the file read,
// checked and parsed as located YAML (located_yaml.hpp), and
// `include:` — other scenario files deep-merged under this one (maps merge key
// by key, lists and values replace; the including file wins, and of several
// includes the later one wins).
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clustersim::scenario {

class ScenarioDocument {
 public:
  /// Parses `text`; includes are found relative to the folder of `file_name`.
  /// Throws ScenarioError.
  static ScenarioDocument from_text(std::string_view text, const std::string& file_name);
  /// Reads and parses a file. Throws ScenarioError (also for a missing file).
  static ScenarioDocument from_file(const std::filesystem::path& file);

  /// The merged tree, without the `include` key.
  YAML::Node& root() { return root_; }
  /// The file a node of the merged tree came from; the main file for nodes
  /// that the merge created or that cannot be found.
  std::string file_of(const YAML::Node& node) const;
  /// Every file included, directly or not, in the order they were merged.
  const std::vector<std::string>& included_files() const { return included_; }
  const std::string& main_file() const { return main_file_; }

 private:
  std::string main_file_;
  YAML::Node root_;
  std::vector<std::pair<std::string, YAML::Node>> sources_;  // each file's own tree
  std::vector<std::string> included_;
};

}  // namespace clustersim::scenario
