#pragma once
// Reading YAML that a person wrote, with every problem located: the one helper
// of the scenario reader and the sweep-file reader. It checks the bytes (text,
// size), parses with located syntax errors, refuses what yaml-cpp accepts
// silently (duplicate keys, absurd nesting, alias bombs), and reads typed
// values and key sets, each failure a ScenarioError "FILE:LINE:COLUMN:
// key.path: message". Includes yaml-cpp: only for targets that link it.
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/error.hpp"

namespace clustersim::scenario {

/// Aliases can multiply nodes: every walk over a tree stops after this many.
inline constexpr std::size_t kMaxYamlNodes = 1'000'000;

/// 1-based line and column of a node; 0 for a node without a position (one
/// that a reader or a command-line override made).
int line_of(const YAML::Node& node);
int column_of(const YAML::Node& node);
/// "a.b" from "a" and "b"; "b" at the top level.
std::string join_key(const std::string& path, const std::string& key);
/// "a[3]".
std::string index_key(const std::string& path, std::size_t index);

/// The text of a file that should hold YAML (a regular file of at most 16
/// MiB). `shown_as` names it in messages; `kind` says what it should be ("a
/// scenario"). Throws ScenarioError without a position.
std::string read_yaml_file(const std::filesystem::path& file, const std::string& shown_as,
                           std::string_view kind);

/// Parses `text` after checking that it is UTF-8, not empty and at most 16
/// MiB, then checks its structure (check_structure). Throws ScenarioError
/// located in `file`.
YAML::Node parse_yaml(std::string_view text, const std::string& file, std::string_view kind);

/// Refuses duplicate keys (yaml-cpp keeps both), keys that are not plain
/// names, nesting deeper than 64 levels and documents that expand through
/// aliases to more than kMaxYamlNodes nodes. Throws ScenarioError located in `file`.
void check_structure(const YAML::Node& root, const std::string& file);

/// Typed reads of a parsed tree. Every failure goes through fail(), which
/// throws the error that error_at() locates: a reader that knows better where
/// a node came from (an included file, the command line) overrides that.
class LocatedReader {
 public:
  explicit LocatedReader(std::string file) : file_(std::move(file)) {}
  virtual ~LocatedReader() = default;

  /// Throws error_at(node, path, message).
  [[noreturn]] void fail(const YAML::Node& node, const std::string& path,
                         const std::string& message) const;

  /// Requires a mapping whose keys are all in `allowed`; an unknown key is
  /// refused with the nearest allowed one.
  void check_keys(const YAML::Node& map, const std::string& path,
                  const std::vector<std::string>& allowed) const;
  /// Requires `parent[key]`; `hint` is added to the message.
  YAML::Node required(const YAML::Node& parent, const std::string& key, const std::string& path,
                      const std::string& hint = "") const;

  /// A scalar, as text ("expected text" otherwise).
  std::string text(const YAML::Node& node, const std::string& path) const;
  /// A scalar of any kind ("expected a single value" otherwise).
  std::string scalar(const YAML::Node& node, const std::string& path) const;
  /// A finite number in [lo, hi] (text::parse_number_text's rule).
  double number(const YAML::Node& node, const std::string& path,
                double lo = -std::numeric_limits<double>::infinity(),
                double hi = std::numeric_limits<double>::infinity()) const;
  /// A number in [lo, hi] that is whole ("1e3" and "40.0" are).
  std::int64_t integer(const YAML::Node& node, const std::string& path, double lo, double hi) const;
  /// Digits only, in [lo, hi]: for seeds and counts beyond a double's precision.
  std::uint64_t whole(const YAML::Node& node, const std::string& path, std::uint64_t lo,
                      std::uint64_t hi) const;
  /// true or false.
  bool boolean(const YAML::Node& node, const std::string& path) const;
  /// The index of the node's text among `names`; an unknown value is refused
  /// with the nearest name and the full list ("unknown WHAT 'x'; ...").
  std::size_t choice(const YAML::Node& node, const std::string& path,
                     const std::vector<std::string>& names, const std::string& what) const;

  const std::string& file() const { return file_; }

 protected:
  /// The error for a problem at `node`: at its position in file(). A reader
  /// that knows better where a node came from overrides this.
  virtual ScenarioError error_at(const YAML::Node& node, const std::string& path,
                                 const std::string& message) const;

 private:
  std::string file_;
};

}  // namespace clustersim::scenario
