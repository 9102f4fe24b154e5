#include "models/scenario/document.hpp"

#include <algorithm>

#include "models/scenario/located_yaml.hpp"

namespace clustersim::scenario {

namespace {

constexpr std::size_t kMaxIncludeDepth = 16;
constexpr std::string_view kKind = "a scenario";

/// The text of an included file; a problem with it is reported where the
/// include names it.
std::string read_included(const std::filesystem::path& file, const std::string& shown_as,
                          const ScenarioError& where_included) {
  try {
    return read_yaml_file(file, shown_as, kKind);
  } catch (const ScenarioError& e) {
    throw ScenarioError(where_included.file(), where_included.line(), where_included.column(),
                        where_included.key_path(),
                        "cannot include '" + shown_as + "': " + e.message());
  }
}

/// Deep merge: maps key by key, anything else replaced by `over`. The result
/// shares its leaves with the inputs, so nodes keep their file positions.
YAML::Node merge(const YAML::Node& base, const YAML::Node& over) {
  if (!base.IsMap() || !over.IsMap()) return over;
  YAML::Node merged(YAML::NodeType::Map);
  for (auto it = base.begin(); it != base.end(); ++it) {
    const YAML::Node replacement = over[it->first.Scalar()];
    if (!replacement) merged.force_insert(it->first, it->second);
  }
  for (auto it = over.begin(); it != over.end(); ++it) {
    const YAML::Node underneath = base[it->first.Scalar()];
    merged.force_insert(it->first, underneath ? merge(underneath, it->second) : it->second);
  }
  return merged;
}

bool contains(const YAML::Node& tree, const YAML::Node& node, std::size_t& budget) {
  if (budget == 0) return false;
  --budget;
  if (tree.is(node)) return true;
  if (tree.IsMap()) {
    for (auto it = tree.begin(); it != tree.end(); ++it) {
      if (it->first.is(node) || contains(it->second, node, budget)) return true;
    }
  } else if (tree.IsSequence()) {
    for (std::size_t i = 0; i < tree.size(); ++i) {
      if (contains(tree[i], node, budget)) return true;
    }
  }
  return false;
}

struct Loader {
  std::vector<std::pair<std::string, YAML::Node>>& sources;
  std::vector<std::string>& included;
  std::vector<std::filesystem::path> stack;  // canonical paths of the files being loaded

  /// Parses one file's text and returns its tree merged over its includes.
  YAML::Node load(std::string_view text, const std::string& file,
                  const std::filesystem::path& folder) {
    YAML::Node own = parse_yaml(text, file, kKind);
    sources.emplace_back(file, own);
    if (!own.IsMap() || !own["include"]) return own;
    const YAML::Node list = own["include"];
    std::vector<YAML::Node> entries;
    if (list.IsScalar()) {
      entries.push_back(list);
    } else if (list.IsSequence()) {
      for (std::size_t i = 0; i < list.size(); ++i) entries.push_back(list[i]);
    } else {
      throw ScenarioError(file, line_of(list), column_of(list), "include",
                          "expected a file name or a list of file names");
    }
    YAML::Node base(YAML::NodeType::Map);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const YAML::Node& entry = entries[i];
      const std::string path = list.IsScalar() ? "include" : "include[" + std::to_string(i) + "]";
      if (!entry.IsScalar() || entry.Scalar().empty()) {
        throw ScenarioError(file, line_of(entry), column_of(entry), path, "expected a file name");
      }
      const std::filesystem::path target = folder / entry.Scalar();
      const ScenarioError here(file, line_of(entry), column_of(entry), path, "");
      std::error_code ec;
      const std::filesystem::path canonical = std::filesystem::weakly_canonical(target, ec);
      if (std::find(stack.begin(), stack.end(), canonical) != stack.end()) {
        std::string chain;
        for (const auto& p : stack) chain += p.filename().string() + " -> ";
        throw ScenarioError(file, line_of(entry), column_of(entry), path,
                            "include cycle: " + chain + canonical.filename().string());
      }
      if (stack.size() >= kMaxIncludeDepth) {
        throw ScenarioError(file, line_of(entry), column_of(entry), path,
                            "includes nested more than 16 deep");
      }
      const std::string shown = target.lexically_normal().string();
      const std::string text_of_include = read_included(target, shown, here);
      stack.push_back(canonical);
      const YAML::Node included_tree = load(text_of_include, shown, target.parent_path());
      stack.pop_back();
      included.push_back(shown);
      if (!included_tree.IsMap()) {
        throw ScenarioError(shown, line_of(included_tree), column_of(included_tree), "",
                            "an included scenario must be a mapping of keys to values");
      }
      base = merge(base, included_tree);
    }
    YAML::Node without_include(YAML::NodeType::Map);
    for (auto it = own.begin(); it != own.end(); ++it) {
      if (it->first.Scalar() != "include") without_include.force_insert(it->first, it->second);
    }
    return merge(base, without_include);
  }
};

}  // namespace

ScenarioDocument ScenarioDocument::from_text(std::string_view text, const std::string& file_name) {
  ScenarioDocument doc;
  doc.main_file_ = file_name;
  Loader loader{doc.sources_, doc.included_, {}};
  std::error_code ec;
  const std::filesystem::path main_path(file_name);
  loader.stack.push_back(std::filesystem::weakly_canonical(main_path, ec));
  doc.root_ = loader.load(text, file_name, main_path.parent_path());
  return doc;
}

ScenarioDocument ScenarioDocument::from_file(const std::filesystem::path& file) {
  return from_text(read_yaml_file(file, file.string(), kKind), file.string());
}

std::string ScenarioDocument::file_of(const YAML::Node& node) const {
  if (node.Mark().line < 0) return main_file_;
  // sources_ starts with the main file, so its nodes are found first.
  for (const auto& [file, tree] : sources_) {
    std::size_t budget = kMaxYamlNodes;
    if (contains(tree, node, budget)) return file;
  }
  return main_file_;
}

}  // namespace clustersim::scenario
