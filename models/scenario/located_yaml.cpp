#include "models/scenario/located_yaml.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "models/text/checked_text.hpp"
#include "models/text/number_text.hpp"

namespace clustersim::scenario {

namespace {

constexpr std::size_t kMaxFileBytes = 16u << 20;  // YAML a person writes is far smaller
constexpr int kMaxDepth = 64;                     // deeper nesting is a mistake or an attack

std::string too_large(std::string_view kind) {
  return "file is larger than 16 MiB; is it " + std::string(kind) + "?";
}

class StructureCheck {
 public:
  explicit StructureCheck(const std::string& file) : file_(file) {}
  void walk(const YAML::Node& node, const std::string& path, int depth) {
    if (++visited_ > kMaxYamlNodes) {
      fail(node, path, "the document expands to more than 1,000,000 nodes (aliases?)");
    }
    if (depth > kMaxDepth) fail(node, path, "nesting deeper than 64 levels");
    if (node.IsMap()) {
      std::map<std::string, int> seen;  // key -> line
      for (auto it = node.begin(); it != node.end(); ++it) {
        if (!it->first.IsScalar()) fail(it->first, path, "keys must be plain names");
        const std::string key = it->first.Scalar();
        const auto [prev, inserted] = seen.emplace(key, line_of(it->first));
        if (!inserted) {
          fail(it->first, join_key(path, key),
               "duplicate key (first given at line " + std::to_string(prev->second) + ")");
        }
        walk(it->second, join_key(path, key), depth + 1);
      }
    } else if (node.IsSequence()) {
      for (std::size_t i = 0; i < node.size(); ++i) {
        walk(node[i], index_key(path, i), depth + 1);
      }
    }
  }

 private:
  [[noreturn]] void fail(const YAML::Node& node, const std::string& path,
                         const std::string& message) const {
    throw ScenarioError(file_, line_of(node), column_of(node), path, message);
  }
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

/// Refuses bytes that are not text, located at the first bad byte.
void check_text(std::string_view text, const std::string& file) {
  const std::size_t bad = first_non_text_byte(text);
  if (bad == std::string_view::npos) return;
  const auto before = text.substr(0, bad);
  const auto line = static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1;
  const std::size_t line_start = before.rfind('\n');
  const auto column =
      static_cast<int>(bad - (line_start == std::string_view::npos ? 0 : line_start + 1)) + 1;
  throw ScenarioError(file, line, column, "",
                      "file is not UTF-8 text (a NUL or invalid byte here)");
}

}  // namespace

int line_of(const YAML::Node& node) {
  return !node.IsDefined() || node.Mark().line < 0 ? 0 : node.Mark().line + 1;
}
int column_of(const YAML::Node& node) {
  return !node.IsDefined() || node.Mark().line < 0 ? 0 : node.Mark().column + 1;
}
std::string join_key(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}
std::string index_key(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

std::string read_yaml_file(const std::filesystem::path& file, const std::string& shown_as,
                           std::string_view kind) {
  std::error_code ec;
  const auto refuse = [&](const std::string& message) {
    throw ScenarioError(shown_as, 0, 0, "", message);
  };
  if (!std::filesystem::is_regular_file(file, ec)) {
    refuse(std::filesystem::exists(file, ec) ? "not a regular file" : "no such file");
  }
  if (std::filesystem::file_size(file, ec) > kMaxFileBytes) refuse(too_large(kind));
  std::ifstream in(file, std::ios::binary);
  if (!in) refuse("cannot open the file for reading");
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) refuse("cannot read the file");
  return content.str();
}

YAML::Node parse_yaml(std::string_view text, const std::string& file, std::string_view kind) {
  if (text.size() > kMaxFileBytes) throw ScenarioError(file, 0, 0, "", too_large(kind));
  check_text(text, file);
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

void check_structure(const YAML::Node& root, const std::string& file) {
  StructureCheck(file).walk(root, "", 0);
}

void LocatedReader::fail(const YAML::Node& node, const std::string& path,
                         const std::string& message) const {
  throw error_at(node, path, message);
}

ScenarioError LocatedReader::error_at(const YAML::Node& node, const std::string& path,
                                      const std::string& message) const {
  return ScenarioError(file_, line_of(node), column_of(node), path, message);
}

void LocatedReader::check_keys(const YAML::Node& map, const std::string& path,
                               const std::vector<std::string>& allowed) const {
  if (!map.IsMap()) fail(map, path, "expected a mapping of keys to values");
  for (auto it = map.begin(); it != map.end(); ++it) {
    const std::string key = it->first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    fail(it->first, join_key(path, key), "unknown key" + did_you_mean(key, allowed));
  }
}

YAML::Node LocatedReader::required(const YAML::Node& parent, const std::string& key,
                                   const std::string& path, const std::string& hint) const {
  const YAML::Node value = parent[key];
  if (!value) fail(parent, path, "required key is missing" + hint);
  return value;
}

std::string LocatedReader::text(const YAML::Node& node, const std::string& path) const {
  if (!node.IsScalar()) fail(node, path, "expected text");
  if (const std::optional<std::string> problem = text::text_problem(node.Scalar())) {
    fail(node, path, "the text " + *problem);
  }
  return node.Scalar();
}

std::string LocatedReader::scalar(const YAML::Node& node, const std::string& path) const {
  if (!node.IsScalar()) fail(node, path, "expected a single value");
  return node.Scalar();
}

double LocatedReader::number(const YAML::Node& node, const std::string& path, double lo,
                             double hi) const {
  if (!node.IsScalar()) fail(node, path, "expected a number");
  const std::string& value_text = node.Scalar();
  double value = 0.0;
  switch (text::parse_number_text(value_text, value)) {
    case text::NumberText::NotANumber:
      fail(node, path, "expected a number, got '" + value_text + "'");
    case text::NumberText::NotFinite:
      fail(node, path, "'" + value_text + "' is not a finite number in range");
    case text::NumberText::Ok:
      break;
  }
  if (value < lo || value > hi) {
    std::ostringstream range;
    range << "value " << value_text << " is out of range [" << lo << ", " << hi << "]";
    fail(node, path, range.str());
  }
  return value;
}

std::int64_t LocatedReader::integer(const YAML::Node& node, const std::string& path, double lo,
                                    double hi) const {
  const double value = number(node, path, lo, hi);
  if (value != std::floor(value))
    fail(node, path, "expected a whole number, got '" + node.Scalar() + "'");
  return static_cast<std::int64_t>(value);
}

std::uint64_t LocatedReader::whole(const YAML::Node& node, const std::string& path,
                                   std::uint64_t lo, std::uint64_t hi) const {
  const std::string expected =
      "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
  if (!node.IsScalar()) fail(node, path, expected);
  const std::string& value_text = node.Scalar();
  std::uint64_t value = 0;
  const char* const end = value_text.data() + value_text.size();
  const auto [stop, ec] = std::from_chars(value_text.data(), end, value);
  if (ec != std::errc() || stop != end || value < lo || value > hi) {
    fail(node, path, expected + ", got '" + value_text + "'");
  }
  return value;
}

bool LocatedReader::boolean(const YAML::Node& node, const std::string& path) const {
  const std::string value = scalar(node, path);
  if (value == "true") return true;
  if (value == "false") return false;
  fail(node, path, "expected true or false, got '" + value + "'");
}

std::size_t LocatedReader::choice(const YAML::Node& node, const std::string& path,
                                  const std::vector<std::string>& names,
                                  const std::string& what) const {
  const std::string value = text(node, path);
  const auto it = std::find(names.begin(), names.end(), value);
  if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
  fail(node, path,
       "unknown " + what + " '" + value + "'" + did_you_mean(value, names) + " (one of " + list +
           ")");
}

}  // namespace clustersim::scenario
