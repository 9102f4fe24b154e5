#include "models/scenario_reader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace clustersim::models {

namespace {

constexpr std::size_t kMaxFileBytes = 16u << 20;  // a scenario is text a person writes
constexpr int kMaxDepth = 64;                     // deeper nesting is a mistake or an attack
constexpr std::size_t kMaxNodes = 1'000'000;      // aliases can multiply nodes; bound the walk

std::string format_error(const std::string& file, int line, int column, const std::string& path,
                         const std::string& message) {
  std::ostringstream out;
  out << file;
  if (line > 0) out << ':' << line << ':' << column;
  out << ": ";
  if (!path.empty()) out << path << ": ";
  out << message;
  return out.str();
}

}  // namespace

ScenarioError::ScenarioError(std::string file, int line, int column, std::string key_path,
                             std::string message)
    : std::runtime_error(format_error(file, line, column, key_path, message)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      key_path_(std::move(key_path)),
      message_(std::move(message)) {}

std::string nearest_name(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const std::string& c : candidates) {
    // Levenshtein distance, two rows.
    std::vector<std::size_t> prev(c.size() + 1), cur(c.size() + 1);
    for (std::size_t j = 0; j <= c.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= word.size(); ++i) {
      cur[0] = i;
      for (std::size_t j = 1; j <= c.size(); ++j) {
        const std::size_t substitution = prev[j - 1] + (word[i - 1] == c[j - 1] ? 0 : 1);
        cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, substitution});
      }
      std::swap(prev, cur);
    }
    if (prev[c.size()] < best_distance) {
      best_distance = prev[c.size()];
      best = c;
    }
  }
  return best;
}

std::vector<std::string> top_level_keys() {
  return {"name", "description", "seed", "ticks", "tick_length", "regions", "model", "output"};
}

Override parse_override(std::string_view argument) {
  const std::size_t eq = argument.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    throw ScenarioError("<command line>", 0, 0, "",
                        "--set expects KEY=VALUE (for example model.link_cost=0.2), got '" +
                            std::string(argument) + "'");
  }
  return Override{std::string(argument.substr(0, eq)), std::string(argument.substr(eq + 1)),
                  std::string(argument)};
}

namespace {

struct PathStep {
  bool is_index;
  std::string key;
  std::size_t index;
};

std::vector<PathStep> split_path(const Override& o) {
  std::vector<PathStep> steps;
  const std::string& p = o.path;
  std::size_t i = 0;
  const auto fail = [&](const std::string& why) {
    throw ScenarioError("<command line>", 0, 0, p, "in --set " + o.origin + ": " + why);
  };
  while (i < p.size()) {
    if (p[i] == '[') {
      const std::size_t close = p.find(']', i);
      if (close == std::string::npos) fail("unclosed '['");
      std::size_t index = 0;
      const auto [end, ec] = std::from_chars(p.data() + i + 1, p.data() + close, index);
      if (ec != std::errc() || end != p.data() + close) fail("list index must be a number");
      steps.push_back({true, "", index});
      i = close + 1;
      if (i < p.size() && p[i] == '.') ++i;
    } else {
      std::size_t end = p.find_first_of(".[", i);
      if (end == std::string::npos) end = p.size();
      if (end == i) fail("empty key");
      steps.push_back({false, p.substr(i, end - i), 0});
      i = end;
      if (i < p.size() && p[i] == '.') ++i;
    }
  }
  if (steps.empty()) fail("empty key");
  return steps;
}

/// Walks the document once to refuse what yaml-cpp accepts but a scenario must
/// not contain: duplicate keys (yaml-cpp keeps both), absurd nesting, and alias
/// bombs.
class StructureCheck {
 public:
  explicit StructureCheck(const std::string& file) : file_(file) {}
  void walk(const YAML::Node& node, const std::string& path, int depth) {
    if (++visited_ > kMaxNodes) {
      throw ScenarioError(file_, line(node), column(node), path,
                          "the document expands to more than 1,000,000 nodes (aliases?)");
    }
    if (depth > kMaxDepth) {
      throw ScenarioError(file_, line(node), column(node), path, "nesting deeper than 64 levels");
    }
    if (node.IsMap()) {
      std::map<std::string, YAML::Mark> seen;
      for (auto it = node.begin(); it != node.end(); ++it) {
        if (!it->first.IsScalar()) {
          throw ScenarioError(file_, line(it->first), column(it->first), path,
                              "keys must be plain names");
        }
        const std::string key = it->first.Scalar();
        const auto [prev, inserted] = seen.emplace(key, it->first.Mark());
        if (!inserted) {
          throw ScenarioError(
              file_, line(it->first), column(it->first), join(path, key),
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
  static int line(const YAML::Node& n) { return n.Mark().line < 0 ? 0 : n.Mark().line + 1; }
  static int column(const YAML::Node& n) { return n.Mark().line < 0 ? 0 : n.Mark().column + 1; }
  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }

 private:
  const std::string& file_;
  std::size_t visited_ = 0;
};

/// Converts the validated YAML tree into a Scenario, reporting the first problem.
class Reader {
 public:
  Reader(std::string file, std::vector<Override> overrides)
      : file_(std::move(file)), overrides_(std::move(overrides)) {}

  [[noreturn]] void fail(const YAML::Node& node, const std::string& path,
                         const std::string& message) const {
    // A value that came from --set is reported where the user typed it.
    for (const Override& o : overrides_) {
      if (path == canonical(o.path) || path.rfind(canonical(o.path) + ".", 0) == 0 ||
          path.rfind(canonical(o.path) + "[", 0) == 0) {
        throw ScenarioError("<command line>", 1, static_cast<int>(o.path.size()) + 2, path,
                            message + " (from --set " + o.origin + ")");
      }
    }
    throw ScenarioError(file_, StructureCheck::line(node), StructureCheck::column(node), path,
                        message);
  }

  static std::string canonical(const std::string& path) {
    // "a.[1]" and "a[1]" name the same place; messages use the latter.
    std::string out;
    for (std::size_t i = 0; i < path.size(); ++i) {
      if (path[i] == '.' && i + 1 < path.size() && path[i + 1] == '[') continue;
      out += path[i];
    }
    return out;
  }

  void check_keys(const YAML::Node& map, const std::string& path,
                  const std::vector<std::string>& allowed) const {
    if (!map.IsMap()) fail(map, path, "expected a mapping of keys to values");
    for (auto it = map.begin(); it != map.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      const std::string near = nearest_name(key, allowed);
      fail(it->first, StructureCheck::join(path, key),
           "unknown key" + (near.empty() ? std::string() : "; did you mean '" + near + "'?"));
    }
  }

  double number(const YAML::Node& node, const std::string& path, double lo, double hi) const {
    if (!node.IsScalar()) fail(node, path, "expected a number");
    const std::string& text = node.Scalar();
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size()) {
      fail(node, path, "expected a number, got '" + text + "'");
    }
    if (!std::isfinite(value) || errno == ERANGE) {
      fail(node, path, "'" + text + "' is not a finite number in range");
    }
    if (value < lo || value > hi) {
      std::ostringstream range;
      range << "value " << text << " is out of range [" << lo << ", " << hi << "]";
      fail(node, path, range.str());
    }
    return value;
  }

  std::int64_t integer(const YAML::Node& node, const std::string& path, double lo,
                       double hi) const {
    const double value = number(node, path, lo, hi);
    if (value != std::floor(value))
      fail(node, path, "expected a whole number, got '" + node.Scalar() + "'");
    return static_cast<std::int64_t>(value);
  }

  std::uint64_t seed(const YAML::Node& node, const std::string& path) const {
    if (!node.IsScalar()) fail(node, path, "expected a whole number");
    const std::string& text = node.Scalar();
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
      fail(node, path,
           "expected a whole number from 0 to 18446744073709551615, got '" + text + "'");
    }
    return value;
  }

  std::string text(const YAML::Node& node, const std::string& path) const {
    if (!node.IsScalar()) fail(node, path, "expected text");
    return node.Scalar();
  }

  Scenario read(const YAML::Node& root) const {
    if (!root.IsMap()) fail(root, "", "a scenario is a mapping of keys to values");
    check_keys(root, "", top_level_keys());
    Scenario s;
    if (!root["name"]) fail(root, "name", "required key is missing");
    s.name = text(root["name"], "name");
    if (s.name.empty()) fail(root["name"], "name", "must not be empty");
    if (root["description"]) s.description = text(root["description"], "description");
    if (root["seed"]) s.seed = seed(root["seed"], "seed");
    if (root["ticks"])
      s.ticks = static_cast<std::uint32_t>(integer(root["ticks"], "ticks", 0, 1e7));
    if (root["tick_length"])
      s.tick_length = number(root["tick_length"], "tick_length", 1.0 / 365, 10);
    if (root["model"]) read_model(root["model"], s.model);
    if (root["output"]) {
      check_keys(root["output"], "output", {"path"});
      if (root["output"]["path"]) s.output_path = text(root["output"]["path"], "output.path");
    }
    if (!root["regions"]) fail(root, "regions", "required key is missing");
    read_regions(root["regions"], s);
    return s;
  }

  void read_model(const YAML::Node& node, ModelParams& params) const {
    std::vector<std::string> keys;
    for (const ParamSpec& spec : parameter_table()) keys.emplace_back(spec.key);
    check_keys(node, "model", keys);
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string path = "model." + it->first.Scalar();
      const ParamSpec& spec = *find_parameter(it->first.Scalar());
      const bool whole = std::holds_alternative<int ModelParams::*>(spec.field);
      const double value = whole
                               ? static_cast<double>(integer(it->second, path, spec.min, spec.max))
                               : number(it->second, path, spec.min, spec.max);
      set_parameter(params, spec, value);
    }
  }

  void read_regions(const YAML::Node& node, Scenario& s) const {
    if (!node.IsSequence()) fail(node, "regions", "expected a list of regions");
    if (node.size() == 0) fail(node, "regions", "at least one region is required");
    if (node.size() > 4096) fail(node, "regions", "more than 4096 regions");
    std::map<std::string, std::size_t> names;
    for (std::size_t i = 0; i < node.size(); ++i) {
      const YAML::Node r = node[i];
      const std::string path = "regions[" + std::to_string(i) + "]";
      check_keys(r, path,
                 {"name", "lat", "lon", "population", "hard_factor", "soft_factor", "agents"});
      RegionSpec spec;
      for (const char* required : {"name", "lat", "lon"}) {
        if (!r[required]) fail(r, path + "." + required, "required key is missing");
      }
      spec.region.name = text(r["name"], path + ".name");
      if (spec.region.name.empty()) fail(r["name"], path + ".name", "must not be empty");
      if (const auto [it, fresh] = names.emplace(spec.region.name, i); !fresh) {
        fail(r["name"], path + ".name",
             "region '" + spec.region.name + "' is already defined at regions[" +
                 std::to_string(it->second) + "]");
      }
      spec.region.lat = number(r["lat"], path + ".lat", -90, 90);
      spec.region.lon = number(r["lon"], path + ".lon", -180, 180);
      if (r["population"])
        spec.region.population = number(r["population"], path + ".population", 0, 1e10);
      if (r["hard_factor"])
        spec.region.hard_factor = number(r["hard_factor"], path + ".hard_factor", 0, 1);
      if (r["soft_factor"])
        spec.region.soft_factor = number(r["soft_factor"], path + ".soft_factor", 0, 1);
      if (r["agents"]) {
        const YAML::Node a = r["agents"];
        const std::string apath = path + ".agents";
        check_keys(a, apath,
                   {"large_firms", "smes", "universities", "governments", "civil_society"});
        const auto count = [&](const char* key, int& out) {
          if (a[key]) out = static_cast<int>(integer(a[key], apath + "." + key, 0, 1e8));
        };
        count("large_firms", spec.agents.large_firms);
        count("smes", spec.agents.smes);
        count("universities", spec.agents.universities);
        count("governments", spec.agents.governments);
        count("civil_society", spec.agents.civil_society);
      }
      s.regions.push_back(std::move(spec));
    }
  }

  void apply(YAML::Node& root) const {
    for (const Override& o : overrides_) {
      const std::vector<PathStep> steps = split_path(o);
      YAML::Node value;
      try {
        value = YAML::Load(o.value);
      } catch (const YAML::Exception& e) {
        throw ScenarioError("<command line>", 1,
                            static_cast<int>(o.path.size()) + 2 + e.mark.column, canonical(o.path),
                            "in --set " + o.origin + ": " + e.msg);
      }
      YAML::Node node = root;
      std::string where;
      for (std::size_t i = 0; i < steps.size(); ++i) {
        const PathStep& step = steps[i];
        const bool last = i + 1 == steps.size();
        if (step.is_index) {
          where += "[" + std::to_string(step.index) + "]";
          if (!node.IsSequence() || step.index >= node.size()) {
            throw ScenarioError("<command line>", 1, 1, where,
                                "in --set " + o.origin + ": no list element at this path");
          }
          if (last) {
            node[step.index] = value;
          } else {
            node.reset(node[step.index]);
          }
        } else {
          where = StructureCheck::join(where, step.key);
          if (!node.IsMap() && !node.IsNull()) {
            throw ScenarioError("<command line>", 1, 1, where,
                                "in --set " + o.origin + ": the parent is not a mapping");
          }
          if (last) {
            node[step.key] = value;
          } else {
            YAML::Node child = node[step.key];
            if (!child) node[step.key] = YAML::Node(YAML::NodeType::Map);
            node.reset(node[step.key]);
          }
        }
      }
    }
  }

 private:
  std::string file_;
  std::vector<Override> overrides_;
};

bool looks_like_text(std::string_view bytes) {
  // Refuse NUL bytes and invalid UTF-8 up front: yaml-cpp's messages for binary
  // input point nowhere useful.
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) return false;
    std::size_t extra = 0;
    if (c >= 0x80) {
      if ((c >> 5) == 0x6) {
        extra = 1;
      } else if ((c >> 4) == 0xE) {
        extra = 2;
      } else if ((c >> 3) == 0x1E) {
        extra = 3;
      } else {
        return false;
      }
    }
    if (i + extra >= bytes.size() && extra > 0) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(bytes[i + k]) >> 6) != 0x2) return false;
    }
    i += extra + 1;
  }
  return true;
}

}  // namespace

Scenario parse_scenario(std::string_view text, const std::string& file_name,
                        const std::vector<Override>& overrides) {
  if (text.size() > kMaxFileBytes) {
    throw ScenarioError(file_name, 0, 0, "", "file is larger than 16 MiB; is it a scenario?");
  }
  if (!looks_like_text(text)) {
    throw ScenarioError(file_name, 0, 0, "", "file is not UTF-8 text");
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw ScenarioError(file_name, 0, 0, "", "file is empty");
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    throw ScenarioError(file_name, e.mark.line + 1, e.mark.column + 1, "", e.msg);
  }
  StructureCheck(file_name).walk(root, "", 0);
  Reader reader(file_name, overrides);
  reader.apply(root);
  if (!overrides.empty()) StructureCheck("<command line>").walk(root, "", 0);
  Scenario scenario = reader.read(root);
  scenario.source_file = file_name;
  YAML::Emitter emitter;
  emitter << root;
  scenario.resolved_text = emitter.c_str();
  return scenario;
}

Scenario read_scenario(const std::filesystem::path& file, const std::vector<Override>& overrides) {
  const std::string name = file.string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    throw ScenarioError(name, 0, 0, "",
                        std::filesystem::exists(file, ec) ? "not a regular file" : "no such file");
  }
  if (std::filesystem::file_size(file, ec) > kMaxFileBytes) {
    throw ScenarioError(name, 0, 0, "", "file is larger than 16 MiB; is it a scenario?");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ScenarioError(name, 0, 0, "", "cannot open the file for reading");
  std::ostringstream content;
  content << in.rdbuf();
  return parse_scenario(content.str(), name, overrides);
}

}  // namespace clustersim::models
