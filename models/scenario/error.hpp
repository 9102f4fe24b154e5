#pragma once
// The error of every reader of text a person writes (scenarios, region CSVs
// through the scenario, sweep files): it names the file, line, column and key
// path, so the user can go straight to the mistake. Free of yaml-cpp, so that
// the CLI can catch it without seeing the YAML library.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace clustersim::scenario {

/// An invalid scenario or sweep file. what() is "FILE:LINE:COLUMN: key.path:
/// message" (line and column 1-based; omitted when there is no position, e.g.
/// a missing file).
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

/// The closest candidate to `word` by edit distance, or "" if none is close.
std::string nearest_name(std::string_view word, const std::vector<std::string>& candidates);

/// "; did you mean 'NAME'?" for the nearest candidate, or "" if none is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace clustersim::scenario
