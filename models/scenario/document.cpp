#include "models/scenario/document.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "models/scenario/reader.hpp"

namespace clustersim::scenario {

namespace {

constexpr std::size_t kMaxFileBytes = 16u << 20;  // a scenario is text a person writes
constexpr int kMaxDepth = 64;                     // deeper nesting is a mistake or an attack
constexpr std::size_t kMaxNodes = 1'000'000;      // aliases can multiply nodes; bound the walk
constexpr std::size_t kMaxIncludeDepth = 16;

int line_of(const YAML::Node& n) {
  return n.Mark().line < 0 ? 0 : n.Mark().line + 1;
}
int column_of(const YAML::Node& n) {
  return n.Mark().line < 0 ? 0 : n.Mark().column + 1;
}
std::string join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

class StructureCheck {
 public:
  explicit StructureCheck(const std::string& file) : file_(file) {}
  void walk(const YAML::Node& node, const std::string& path, int depth) {
    if (++visited_ > kMaxNodes) {
      throw ScenarioError(file_, line_of(node), column_of(node), path,
                          "the document expands to more than 1,000,000 nodes (aliases?)");
    }
    if (depth > kMaxDepth) {
      throw ScenarioError(file_, line_of(node), column_of(node), path,
                          "nesting deeper than 64 levels");
    }
    if (node.IsMap()) {
      std::map<std::string, YAML::Mark> seen;
      for (auto it = node.begin(); it != node.end(); ++it) {
        if (!it->first.IsScalar()) {
          throw ScenarioError(file_, line_of(it->first), column_of(it->first), path,
                              "keys must be plain names");
        }
        const std::string key = it->first.Scalar();
        const auto [prev, inserted] = seen.emplace(key, it->first.Mark());
        if (!inserted) {
          throw ScenarioError(
              file_, line_of(it->first), column_of(it->first), join(path, key),
              "duplicate key (first given at line " + std::to_string(prev->second.line + 1) + ")");
        }
        walk(it->second, join(path, key), depth + 1);
      }
    } else if (node.IsSequence()) {
      for (std::size_t i = 0; i < node.size(); ++i) {
        walk(node[i], path + "[" + std::to_string(i) + "]", depth + 1);
      }
    }
  }

 private:
  const std::string& file_;
  std::size_t visited_ = 0;
};

/// Offset of the first byte that is NUL or not valid UTF-8, or npos. Binary
/// input is refused up front: yaml-cpp's messages for it point nowhere useful.
std::size_t first_non_text_byte(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) return i;
    std::size_t extra = 0;
    if (c >= 0x80) {
      if ((c >> 5) == 0x6) {
        extra = 1;
      } else if ((c >> 4) == 0xE) {
        extra = 2;
      } else if ((c >> 3) == 0x1E) {
        extra = 3;
      } else {
        return i;
      }
    }
    if (i + extra >= bytes.size() && extra > 0) return i;
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(bytes[i + k]) >> 6) != 0x2) return i;
    }
    i += extra + 1;
  }
  return std::string_view::npos;
}

YAML::Node parse_checked(std::string_view text, const std::string& file) {
  if (text.size() > kMaxFileBytes)
    throw ScenarioError(file, 0, 0, "", "file is larger than 16 MiB; is it a scenario?");
  if (const std::size_t bad = first_non_text_byte(text); bad != std::string_view::npos) {
    const auto before = text.substr(0, bad);
    const auto line = static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1;
    const std::size_t line_start = before.rfind('\n');
    const auto column =
        static_cast<int>(bad - (line_start == std::string_view::npos ? 0 : line_start + 1)) + 1;
    throw ScenarioError(file, line, column, "",
                        "file is not UTF-8 text (a NUL or invalid byte here)");
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw ScenarioError(file, 1, 1, "", "file is empty");
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    throw ScenarioError(file, e.mark.line + 1, e.mark.column + 1, "", e.msg);
  }
  check_structure(root, file);
  return root;
}

std::string read_text(const std::filesystem::path& file, const std::string& shown_as,
                      const ScenarioError* where_included) {
  std::error_code ec;
  const auto refuse = [&](const std::string& message) {
    if (where_included != nullptr) {
      throw ScenarioError(where_included->file(), where_included->line(), where_included->column(),
                          where_included->key_path(),
                          "cannot include '" + shown_as + "': " + message);
    }
    throw ScenarioError(shown_as, 0, 0, "", message);
  };
  if (!std::filesystem::is_regular_file(file, ec)) {
    refuse(std::filesystem::exists(file, ec) ? "not a regular file" : "no such file");
  }
  if (std::filesystem::file_size(file, ec) > kMaxFileBytes)
    refuse("file is larger than 16 MiB; is it a scenario?");
  std::ifstream in(file, std::ios::binary);
  if (!in) refuse("cannot open the file for reading");
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
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
    YAML::Node own = parse_checked(text, file);
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
      const std::string text_of_include = read_text(target, shown, &here);
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

void check_structure(const YAML::Node& root, const std::string& file) {
  StructureCheck(file).walk(root, "", 0);
}

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
  return from_text(read_text(file, file.string(), nullptr), file.string());
}

std::string ScenarioDocument::file_of(const YAML::Node& node) const {
  if (node.Mark().line < 0) return main_file_;
  // sources_ starts with the main file, so its nodes are found first.
  for (const auto& [file, tree] : sources_) {
    std::size_t budget = kMaxNodes;
    if (contains(tree, node, budget)) return file;
  }
  return main_file_;
}

}  // namespace clustersim::scenario
