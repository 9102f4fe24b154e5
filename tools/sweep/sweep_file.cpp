#include "tools/sweep/sweep_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "models/scenario/located_yaml.hpp"
#include "models/scenario/schema.hpp"
#include "tools/sweep/text.hpp"

namespace clustersim::sweep {

namespace {

using scenario::join_key;
using scenario::ScenarioError;

constexpr std::string_view kKind = "a sweep file";
constexpr double kMaxRuns = 1e8;

Location where(const YAML::Node& n) {
  return {scenario::line_of(n), scenario::column_of(n)};
}

class Reader : public scenario::LocatedReader {
 public:
  explicit Reader(std::string file) : LocatedReader(std::move(file)) {}

  using LocatedReader::fail;
  [[noreturn]] void fail(Location at, const std::string& path, const std::string& message) const {
    throw ScenarioError(file(), at.line, at.column, path, message);
  }

  /// A tick of a run: at most the longest run a scenario may ask for.
  std::int64_t tick(const YAML::Node& node, const std::string& path) const {
    static const auto kLastTick = static_cast<std::uint64_t>(scenario::schema_key("ticks").max);
    return static_cast<std::int64_t>(whole(node, path, 0, kLastTick));
  }

  SweepSpec read(const YAML::Node& root, const std::filesystem::path& file) const {
    if (!root.IsMap()) fail(root, "", "a sweep file is a mapping of keys to values");
    check_keys(root, "",
               {"description", "base", "set", "parameters", "design", "points", "replicates",
                "seed", "indicators"});
    SweepSpec s;
    s.file = file;
    if (!root["base"]) fail(root, "base", "required key is missing (the base scenario file)");
    const std::string base = scalar(root["base"], "base");
    if (base.empty()) fail(root["base"], "base", "must not be empty");
    s.base_where = where(root["base"]);
    s.base = std::filesystem::path(base).is_absolute() ? std::filesystem::path(base)
                                                       : file.parent_path() / base;
    if (root["description"]) s.description = scalar(root["description"], "description");
    if (root["set"]) read_set(root["set"], s);
    s.design = read_design(root);
    if (root["replicates"]) {
      s.replicates =
          static_cast<std::uint32_t>(whole(root["replicates"], "replicates", 1, 1'000'000));
    }
    if (root["seed"]) {
      s.seed = whole(root["seed"], "seed", 0, UINT64_MAX);
      s.seed_where = where(root["seed"]);
    }
    if (s.design == Design::List) {
      if (root["parameters"]) {
        fail(root["parameters"], "parameters",
             "the list design takes its parameters from `points`; remove `parameters`");
      }
      read_list_points(root, s);
    } else {
      if (!root["parameters"]) fail(root, "parameters", "required key is missing");
      read_parameters(root["parameters"], s);
      read_point_count(root, s);
    }
    for (const ParameterSpec& p : s.parameters) {
      for (const auto& [path, value] : s.set) {
        if (path == p.path) fail(p.where, "parameters." + p.path, "also given under `set`");
      }
    }
    if (root["indicators"]) read_indicators(root["indicators"], s);
    const double runs = static_cast<double>(point_count(s)) * s.replicates;
    if (runs > kMaxRuns) fail(root, "", "the sweep has more than 100,000,000 runs");
    return s;
  }

 private:
  void check_path(const YAML::Node& key, const std::string& where_path,
                  const std::string& path) const {
    if (path.empty()) fail(key, where_path, "empty key path");
    if (path == "seed") {
      fail(key, where_path,
           "each run's seed is derived from the sweep's `seed`, point and replicate; vary "
           "`replicates` instead");
    }
  }

  void read_set(const YAML::Node& node, SweepSpec& s) const {
    if (!node.IsMap()) fail(node, "set", "expected a mapping of key paths to values");
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string path = it->first.Scalar();
      check_path(it->first, "set." + path, path);
      s.set.emplace_back(path, scalar(it->second, "set." + path));
    }
  }

  Design read_design(const YAML::Node& root) const {
    if (!root["design"]) return Design::Grid;
    const std::string d = scalar(root["design"], "design");
    const std::vector<std::string> names{"grid", "list", "zip", "lhs", "sobol"};
    const auto it = std::find(names.begin(), names.end(), d);
    if (it == names.end()) {
      const std::string near = scenario::nearest_name(d, names);
      fail(root["design"], "design",
           "unknown design '" + d + "'; expected grid, list, zip, lhs or sobol" +
               (near.empty() ? std::string() : " (did you mean '" + near + "'?)"));
    }
    return static_cast<Design>(it - names.begin());
  }

  void read_parameters(const YAML::Node& node, SweepSpec& s) const {
    if (!node.IsMap() || node.size() == 0) {
      fail(node, "parameters", "expected a mapping of key paths to values or ranges");
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      ParameterSpec p;
      p.path = it->first.Scalar();
      p.where = where(it->first);
      const std::string path = "parameters." + p.path;
      check_path(it->first, path, p.path);
      const YAML::Node v = it->second;
      if (v.IsSequence()) {
        read_values(v, path, p);
      } else {
        check_keys(v, path, {"values", "min", "max", "log", "integer", "steps"});
        if (v["values"]) {
          for (const char* k : {"min", "max", "log", "integer"}) {
            if (v[k]) fail(v[k], join_key(path, k), "give either `values` or a range, not both");
          }
          read_values(v["values"], join_key(path, "values"), p);
        } else {
          read_range(v, path, p);
        }
        if (v["steps"]) {
          if (!p.is_range) fail(v["steps"], join_key(path, "steps"), "`steps` divides a range");
          p.steps =
              static_cast<std::uint32_t>(whole(v["steps"], join_key(path, "steps"), 1, 1'000'000));
        }
      }
      const bool sampled = s.design == Design::Lhs || s.design == Design::Sobol;
      if (sampled && p.steps) fail(p.where, path, "`steps` is for grid and zip designs");
      if (!sampled && p.is_range && !p.steps) {
        fail(p.where, path,
             std::string("a range in a ") + design_name(s.design) +
                 " design needs `steps` (how many values from min to max), or give `values`");
      }
      s.parameters.push_back(std::move(p));
    }
    if (s.design == Design::Zip) {
      const std::size_t n = value_count(s.parameters.front());
      for (const ParameterSpec& p : s.parameters) {
        if (value_count(p) != n) {
          fail(p.where, "parameters." + p.path,
               "the zip design pairs the i-th values of every parameter, so all need the same "
               "number of values (" +
                   std::to_string(n) + " for " + s.parameters.front().path + ", " +
                   std::to_string(value_count(p)) + " here)");
        }
      }
    }
  }

  void read_values(const YAML::Node& v, const std::string& path, ParameterSpec& p) const {
    if (!v.IsSequence() || v.size() == 0) fail(v, path, "expected a non-empty list of values");
    for (std::size_t i = 0; i < v.size(); ++i) {
      p.values.push_back(scalar(v[i], path + "[" + std::to_string(i) + "]"));
    }
  }

  void read_range(const YAML::Node& v, const std::string& path, ParameterSpec& p) const {
    for (const char* k : {"min", "max"}) {
      if (!v[k]) fail(v, join_key(path, k), "required key is missing (or give `values`)");
    }
    p.is_range = true;
    p.min = number(v["min"], join_key(path, "min"));
    p.max = number(v["max"], join_key(path, "max"));
    if (!(p.min < p.max)) fail(v["max"], join_key(path, "max"), "max must be greater than min");
    if (v["log"]) p.log = boolean(v["log"], join_key(path, "log"));
    if (v["integer"]) p.integer = boolean(v["integer"], join_key(path, "integer"));
    if (p.log && p.min <= 0)
      fail(v["min"], join_key(path, "min"), "a log-scaled range needs min > 0");
    if (p.integer && (p.min != std::floor(p.min) || p.max != std::floor(p.max))) {
      fail(v["min"], path, "an integer range needs whole min and max");
    }
    // Integer values are planned as 64-bit integers: past +-2^53 a double no
    // longer holds every whole number, and past 2^63 the conversion is undefined.
    constexpr double kLargestExactInteger = 9007199254740992.0;  // 2^53
    if (p.integer &&
        (std::fabs(p.min) > kLargestExactInteger || std::fabs(p.max) > kLargestExactInteger)) {
      fail(std::fabs(p.min) > kLargestExactInteger ? v["min"] : v["max"], path,
           "an integer range must lie within +-2^53 (9007199254740992)");
    }
  }

  void read_point_count(const YAML::Node& root, SweepSpec& s) const {
    const bool sampled = s.design == Design::Lhs || s.design == Design::Sobol;
    if (!sampled) {
      if (root["points"]) {
        fail(root["points"], "points",
             std::string("the ") + design_name(s.design) +
                 " design makes its points from the parameters' values; remove `points`");
      }
      return;
    }
    if (!root["points"])
      fail(root, "points", "required key is missing (how many points to sample)");
    s.points = whole(root["points"], "points", 1, 100'000'000);
  }

  void read_list_points(const YAML::Node& root, SweepSpec& s) const {
    const YAML::Node pts = root["points"];
    if (!pts) fail(root, "points", "required key is missing (a list of points, each a mapping)");
    if (!pts.IsSequence() || pts.size() == 0) {
      fail(pts, "points",
           "expected a non-empty list of points, each a mapping of key paths to values");
    }
    for (std::size_t i = 0; i < pts.size(); ++i) {
      const std::string path = "points[" + std::to_string(i) + "]";
      const YAML::Node pt = pts[i];
      if (!pt.IsMap() || pt.size() == 0)
        fail(pt, path, "expected a mapping of key paths to values");
      if (i == 0) {
        for (auto it = pt.begin(); it != pt.end(); ++it) {
          ParameterSpec p;
          p.path = it->first.Scalar();
          p.where = where(it->first);
          check_path(it->first, join_key(path, p.path), p.path);
          s.parameters.push_back(std::move(p));
        }
      }
      std::vector<std::string> names;
      for (const ParameterSpec& p : s.parameters) names.push_back(p.path);
      check_keys(pt, path, names);
      std::vector<std::string> values;
      for (const ParameterSpec& p : s.parameters) {
        if (!pt[p.path]) {
          fail(pt, join_key(path, p.path),
               "every point must give the same parameters as points[0]");
        }
        values.push_back(scalar(pt[p.path], join_key(path, p.path)));
      }
      s.list_points.push_back(std::move(values));
    }
  }

  void read_indicators(const YAML::Node& node, SweepSpec& s) const {
    if (!node.IsSequence()) fail(node, "indicators", "expected a list of indicators");
    std::set<std::string> names;
    for (std::size_t i = 0; i < node.size(); ++i) {
      const std::string path = "indicators[" + std::to_string(i) + "]";
      const YAML::Node n = node[i];
      check_keys(n, path, {"name", "series", "stat", "region", "from", "to", "threshold", "below"});
      IndicatorSpec ind;
      ind.where = where(n);
      if (!n["series"]) fail(n, join_key(path, "series"), "required key is missing");
      ind.series = scalar(n["series"], join_key(path, "series"));
      if (n["stat"]) {
        const std::string st = scalar(n["stat"], join_key(path, "stat"));
        const std::vector<std::string> stats{"final", "mean", "min", "max", "reach"};
        const auto it = std::find(stats.begin(), stats.end(), st);
        if (it == stats.end()) {
          const std::string near = scenario::nearest_name(st, stats);
          fail(n["stat"], join_key(path, "stat"),
               "unknown statistic '" + st + "'; expected final, mean, min, max or reach" +
                   (near.empty() ? std::string() : " (did you mean '" + near + "'?)"));
        }
        ind.statistic = static_cast<Statistic>(it - stats.begin());
      }
      if (n["region"]) {
        const std::string r = scalar(n["region"], join_key(path, "region"));
        if (r == "total") {
          ind.aggregate = RegionAggregate::Total;
        } else if (r == "mean") {
          ind.aggregate = RegionAggregate::Mean;
        } else {
          ind.aggregate = RegionAggregate::One;
          ind.region = r;
        }
      }
      const bool windowed = ind.statistic != Statistic::Final;
      if (n["from"]) {
        if (!windowed) fail(n["from"], join_key(path, "from"), "`final` takes no window");
        ind.from_tick = tick(n["from"], join_key(path, "from"));
      }
      if (n["to"]) {
        if (!windowed) fail(n["to"], join_key(path, "to"), "`final` takes no window");
        ind.to_tick = tick(n["to"], join_key(path, "to"));
        if (ind.to_tick < ind.from_tick)
          fail(n["to"], join_key(path, "to"), "`to` is before `from`");
      }
      const bool reach = ind.statistic == Statistic::Reach;
      if (reach && !n["threshold"]) fail(n, join_key(path, "threshold"), "required for `reach`");
      for (const char* k : {"threshold", "below"}) {
        if (!reach && n[k]) fail(n[k], join_key(path, k), "only `reach` takes a threshold");
      }
      if (n["threshold"]) ind.threshold = number(n["threshold"], join_key(path, "threshold"));
      if (n["below"]) ind.below = boolean(n["below"], join_key(path, "below"));
      if (n["name"]) {
        ind.name = scalar(n["name"], join_key(path, "name"));
      } else {
        ind.name = ind.series + "_" + statistic_name(ind.statistic);
        if (ind.aggregate == RegionAggregate::Mean) ind.name += "_mean_region";
        if (ind.aggregate == RegionAggregate::One) ind.name += "_" + ind.region;
      }
      const bool identifier = !ind.name.empty() &&
                              !std::isdigit(static_cast<unsigned char>(ind.name[0])) &&
                              std::all_of(ind.name.begin(), ind.name.end(), [](char c) {
                                return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
                              });
      if (!identifier) {
        fail(n["name"] ? n["name"] : n, join_key(path, "name"),
             "'" + ind.name +
                 "' is not a column name (letters, digits and _, not starting with a "
                 "digit); give `name`");
      }
      if (!names.insert(ind.name).second) {
        fail(n, join_key(path, "name"), "another indicator is already called '" + ind.name + "'");
      }
      // summary.csv's own columns (and the parameters' paths) come first; an
      // indicator of the same name would make two columns of one name.
      for (const char* taken :
           {"run_id", "point", "replicate", "seed", "status", "runs", "complete"}) {
        if (ind.name == taken) {
          fail(n["name"] ? n["name"] : n, join_key(path, "name"),
               "'" + ind.name + "' is a column of the summary already; give another `name`");
        }
      }
      s.indicators.push_back(std::move(ind));
    }
  }

  static std::size_t value_count(const ParameterSpec& p) {
    return p.is_range ? p.steps : p.values.size();
  }

  static double point_count(const SweepSpec& s) {
    switch (s.design) {
      case Design::Grid: {
        double n = 1;
        for (const ParameterSpec& p : s.parameters) n *= static_cast<double>(value_count(p));
        return n;
      }
      case Design::Zip:
        return static_cast<double>(value_count(s.parameters.front()));
      case Design::List:
        return static_cast<double>(s.list_points.size());
      case Design::Lhs:
      case Design::Sobol:
        return static_cast<double>(s.points);
    }
    return 0;
  }
};

}  // namespace

const char* design_name(Design d) {
  static const char* const names[] = {"grid", "list", "zip", "lhs", "sobol"};
  return names[static_cast<int>(d)];
}

const char* statistic_name(Statistic s) {
  static const char* const names[] = {"final", "mean", "min", "max", "reach"};
  return names[static_cast<int>(s)];
}

SweepSpec parse_sweep(const std::string& text, const std::filesystem::path& file_name) {
  const std::string name = file_name.string();
  const YAML::Node root = scenario::parse_yaml(text, name, kKind);
  return Reader(name).read(root, file_name);
}

SweepSpec read_sweep_file(const std::filesystem::path& file) {
  return parse_sweep(scenario::read_yaml_file(file, file.string(), kKind), file);
}

std::string resolved_sweep_text(const SweepSpec& s, const std::string& base_as) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  if (!s.description.empty()) out << YAML::Key << "description" << YAML::Value << s.description;
  out << YAML::Key << "base" << YAML::Value << base_as;
  if (!s.set.empty()) {
    out << YAML::Key << "set" << YAML::Value << YAML::BeginMap;
    for (const auto& [path, value] : s.set) out << YAML::Key << path << YAML::Value << value;
    out << YAML::EndMap;
  }
  out << YAML::Key << "design" << YAML::Value << design_name(s.design);
  if (s.design == Design::List) {
    out << YAML::Key << "points" << YAML::Value << YAML::BeginSeq;
    for (const std::vector<std::string>& point : s.list_points) {
      out << YAML::Flow << YAML::BeginMap;
      for (std::size_t i = 0; i < point.size(); ++i) {
        out << YAML::Key << s.parameters[i].path << YAML::Value << point[i];
      }
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  } else {
    if (s.design == Design::Lhs || s.design == Design::Sobol) {
      out << YAML::Key << "points" << YAML::Value << s.points;
    }
    out << YAML::Key << "parameters" << YAML::Value << YAML::BeginMap;
    for (const ParameterSpec& p : s.parameters) {
      out << YAML::Key << p.path << YAML::Value << YAML::BeginMap;
      if (p.is_range) {
        out << YAML::Key << "min" << YAML::Value << format_number(p.min);
        out << YAML::Key << "max" << YAML::Value << format_number(p.max);
        out << YAML::Key << "log" << YAML::Value << (p.log ? "true" : "false");
        out << YAML::Key << "integer" << YAML::Value << (p.integer ? "true" : "false");
        if (p.steps) out << YAML::Key << "steps" << YAML::Value << p.steps;
      } else {
        out << YAML::Key << "values" << YAML::Value << YAML::Flow << p.values;
      }
      out << YAML::EndMap;
    }
    out << YAML::EndMap;
  }
  out << YAML::Key << "replicates" << YAML::Value << s.replicates;
  out << YAML::Key << "seed" << YAML::Value << s.seed;
  out << YAML::Key << "indicators" << YAML::Value << YAML::BeginSeq;
  for (const IndicatorSpec& ind : s.indicators) {
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << ind.name;
    out << YAML::Key << "series" << YAML::Value << ind.series;
    out << YAML::Key << "stat" << YAML::Value << statistic_name(ind.statistic);
    const std::string region = ind.aggregate == RegionAggregate::Total  ? "total"
                               : ind.aggregate == RegionAggregate::Mean ? "mean"
                                                                        : ind.region;
    out << YAML::Key << "region" << YAML::Value << region;
    if (ind.statistic != Statistic::Final) {
      out << YAML::Key << "from" << YAML::Value << ind.from_tick;
      if (ind.to_tick >= 0) out << YAML::Key << "to" << YAML::Value << ind.to_tick;
    }
    if (ind.statistic == Statistic::Reach) {
      out << YAML::Key << "threshold" << YAML::Value << format_number(ind.threshold);
      out << YAML::Key << "below" << YAML::Value << (ind.below ? "true" : "false");
    }
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace clustersim::sweep
