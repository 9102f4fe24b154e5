#include "models/scenario/reader.hpp"

#include "models/scenario/document.hpp"
#include "models/scenario/located_yaml.hpp"
#include "models/scenario/region_csv.hpp"
#include "models/scenario/schema.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace clustersim::scenario {

using cluster_model::InitialNetwork;
using cluster_model::network_generator_names;
using cluster_model::NetworkGenerator;
using cluster_model::RegionSpec;
using cluster_model::Scenario;
using indices::TableError;
using institutions::governance_mode_names;
using institutions::GovernanceMode;
using institutions::Initiator;
using institutions::Instrument;
using institutions::instrument_info;
using institutions::instrument_names;
using institutions::InstrumentSpec;
using institutions::PolicySpec;
using institutions::stage_bit;
using institutions::StageSet;
using institutions::Targeting;
using institutions::targeting_names;
using parameters::agent_kinds;
using parameters::AgentKindSpec;
using parameters::contains;
using parameters::find_parameter;
using parameters::ModelParams;
using parameters::parameter_table;
using parameters::ParamSpec;

namespace {
constexpr auto kRegionLimit = static_cast<std::size_t>(parameters::kMaxRegions);
std::string too_many_regions() {
  return "more than " + std::to_string(kRegionLimit) + " regions";
}
}  // namespace
using parameters::set_parameter;

std::vector<std::string> top_level_keys() {
  return schema_children("");
}

Override parse_override(std::string_view argument) {
  const std::size_t eq = argument.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    throw ScenarioError("<command line>", 0, 0, "",
                        "--set expects KEY=VALUE (for example model.link_cost=0.2), got '" +
                            std::string(argument) + "'");
  }
  const std::string key(argument.substr(0, eq));
  if (key == "include" || key.rfind("include.", 0) == 0 || key.rfind("include[", 0) == 0) {
    // Includes are merged when the file is read, before overrides apply: an
    // include given here would be silently ignored.
    throw ScenarioError("<command line>", 0, 0, key,
                        "--set cannot add an include (files are merged before --set applies); "
                        "write a scenario file with include: and the keys to change");
  }
  return Override{key, std::string(argument.substr(eq + 1)), std::string(argument)};
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

/// Converts the validated YAML tree into a Scenario, reporting the first problem.
class Reader : public LocatedReader {
 public:
  Reader(std::string file, std::vector<Override> overrides)
      : LocatedReader(std::move(file)), overrides_(std::move(overrides)) {}

  ScenarioError error_at(const YAML::Node& node, const std::string& path,
                         const std::string& message) const override {
    // A value that came from --set is reported where the user typed it.
    for (const Override& o : overrides_) {
      if (path == canonical(o.path) || path.rfind(canonical(o.path) + ".", 0) == 0 ||
          path.rfind(canonical(o.path) + "[", 0) == 0) {
        return ScenarioError("<command line>", 1, static_cast<int>(o.path.size()) + 2, path,
                             message + " (from --set " + o.origin + ")");
      }
    }
    const std::string from = document_ != nullptr ? document_->file_of(node) : file();
    return ScenarioError(from, line_of(node), column_of(node), path, message);
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

  /// A key's allowed range, from the schema (schema.cpp).
  struct Range {
    double lo, hi;
  };
  static Range range(const std::string& generic_path) {
    const KeySpec& spec = schema_key(generic_path);
    return {spec.min, spec.max};
  }
  /// The keys a mapping accepts, from the schema.
  static std::vector<std::string> keys(std::string_view generic_path) {
    return schema_children(generic_path);
  }
  using LocatedReader::integer;
  using LocatedReader::number;
  double number(const YAML::Node& node, const std::string& path, Range r) const {
    return number(node, path, r.lo, r.hi);
  }
  std::int64_t integer(const YAML::Node& node, const std::string& path, Range r) const {
    return integer(node, path, r.lo, r.hi);
  }

  Scenario read(const YAML::Node& root) const {
    if (!root.IsMap()) fail(root, "", "a scenario is a mapping of keys to values");
    check_keys(root, "", top_level_keys());
    Scenario s;
    if (!root["name"]) fail(root, "name", "required key is missing");
    s.name = text(root["name"], "name");
    if (s.name.empty()) fail(root["name"], "name", "must not be empty");
    if (root["description"]) s.description = text(root["description"], "description");
    if (root["seed"]) s.seed = whole(root["seed"], "seed", 0, UINT64_MAX);
    if (root["ticks"])
      s.ticks = static_cast<std::uint32_t>(integer(root["ticks"], "ticks", range("ticks")));
    if (root["tick_length"])
      s.tick_length = number(root["tick_length"], "tick_length", range("tick_length"));
    if (root["model"]) read_model(root["model"], s.model);
    if (root["governance"]) {
      s.institutions.governance = static_cast<GovernanceMode>(
          choice(root["governance"], "governance", governance_mode_names(), "governance mode"));
    }
    if (root["policy"]) read_policy(root["policy"], s.institutions.policy);
    if (root["network"]) read_network(root["network"], s.initial_network);
    if (root["output"]) {
      check_keys(root["output"], "output", keys("output"));
      if (root["output"]["path"]) s.output_path = text(root["output"]["path"], "output.path");
      if (root["output"]["snapshot_every"]) {
        s.snapshot_every = static_cast<std::uint32_t>(integer(root["output"]["snapshot_every"],
                                                              "output.snapshot_every",
                                                              range("output.snapshot_every")));
      }
    }
    if (!root["regions"]) fail(root, "regions", "required key is missing");
    read_regions(root["regions"], s);
    if (root["policy"] && root["policy"]["regions"]) {
      resolve_policy_regions(root["policy"]["regions"], s);
    }
    return s;
  }

  /// policy.regions names regions; it is read after the regions so that a
  /// name that does not exist is refused where it is written.
  void resolve_policy_regions(const YAML::Node& list, Scenario& s) const {
    if (!list.IsSequence()) fail(list, "policy.regions", "expected a list of region names");
    std::vector<std::string> names;
    for (const RegionSpec& r : s.regions) names.push_back(r.region.name);
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string at = index_key("policy.regions", i);
      const std::string name = text(list[i], at);
      const auto it = std::find(names.begin(), names.end(), name);
      if (it == names.end()) {
        fail(list[i], at, "no region named '" + name + "'" + did_you_mean(name, names));
      }
      const auto index = static_cast<std::size_t>(it - names.begin());
      auto& chosen = s.institutions.policy.regions;
      if (std::find(chosen.begin(), chosen.end(), index) != chosen.end()) {
        fail(list[i], at, "region '" + name + "' is listed twice");
      }
      chosen.push_back(index);
    }
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

  /// network.initial: the generator of the initial ties and its settings.
  void read_network(const YAML::Node& node, InitialNetwork& net) const {
    check_keys(node, "network", keys("network"));
    if (!node["initial"]) return;
    const YAML::Node initial = node["initial"];
    check_keys(initial, "network.initial", keys("network.initial"));
    if (initial["generator"]) {
      net.generator =
          static_cast<NetworkGenerator>(choice(initial["generator"], "network.initial.generator",
                                               network_generator_names(), "network generator"));
    }
    if (initial["degree"]) {
      net.degree = static_cast<int>(
          integer(initial["degree"], "network.initial.degree", range("network.initial.degree")));
      if (net.generator == NetworkGenerator::WattsStrogatz && net.degree % 2 != 0) {
        fail(initial["degree"], "network.initial.degree",
             "watts_strogatz needs an even degree (a ring lattice ties each agent to degree/2 "
             "neighbours on either side)");
      }
    }
    if (initial["rewiring"]) {
      if (net.generator != NetworkGenerator::WattsStrogatz) {
        fail(initial["rewiring"], "network.initial.rewiring",
             "rewiring applies only to generator watts_strogatz (generator is '" +
                 std::string(to_string(net.generator)) + "')");
      }
      net.rewiring = number(initial["rewiring"], "network.initial.rewiring",
                            range("network.initial.rewiring"));
    }
  }

  // ---- institutions: governance: and policy: ----

  void read_policy(const YAML::Node& node, PolicySpec& policy) const {
    check_keys(node, "policy", keys("policy"));
    if (node["national_budget"])
      policy.national_budget = number(node["national_budget"], "policy.national_budget",
                                      range("policy.national_budget"));
    if (node["regional_budget"])
      policy.regional_budget = number(node["regional_budget"], "policy.regional_budget",
                                      range("policy.regional_budget"));
    if (node["targeting"]) {
      policy.targeting = static_cast<Targeting>(
          choice(node["targeting"], "policy.targeting", targeting_names(), "targeting rule"));
    }
    if (node["cofinancing"])
      policy.cofinancing = boolean(node["cofinancing"], "policy.cofinancing");
    if (const YAML::Node t = node["timing"]) {
      check_keys(t, "policy.timing", keys("policy.timing"));
      if (t["start"])
        policy.start_year = number(t["start"], "policy.timing.start", range("policy.timing.start"));
      if (t["end"]) {
        policy.end_year = number(t["end"], "policy.timing.end", range("policy.timing.end"));
        if (policy.end_year <= policy.start_year) {
          fail(t["end"], "policy.timing.end", "must be later than policy.timing.start");
        }
      }
      if (t["every"])
        policy.every_years =
            number(t["every"], "policy.timing.every", range("policy.timing.every"));
    }
    if (const YAML::Node list = node["instruments"]) {
      const std::vector<std::string> names = instrument_names();
      check_keys(list, "policy.instruments", names);
      double total = 0.0;
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (list[names[i]]) {
          read_instrument(list[names[i]], "policy.instruments." + names[i],
                          static_cast<Instrument>(i), policy.instruments[i]);
        }
        total += policy.instruments[i].share;
      }
      if (std::abs(total - 1.0) > 1e-6) {
        std::ostringstream message;
        message << "the instruments' shares sum to " << total << "; they must sum to 1";
        fail(list, "policy.instruments", message.str());
      }
    } else if (policy.national_budget > 0 || policy.regional_budget > 0) {
      fail(node, "policy.instruments", "a policy with a budget needs instruments to spend it on");
    }
  }

  void read_instrument(const YAML::Node& node, const std::string& path, Instrument instrument,
                       InstrumentSpec& spec) const {
    check_keys(node, path, keys("policy.instruments.NAME"));
    if (node["share"])
      spec.share = number(node["share"], path + ".share", range("policy.instruments.NAME.share"));
    if (node["strength"]) {
      spec.strength =
          number(node["strength"], path + ".strength", 0, instrument_info(instrument).max_strength);
    }
    if (node["conditional"]) spec.conditional = boolean(node["conditional"], path + ".conditional");
    if (node["initiator"]) {
      spec.initiator = static_cast<Initiator>(
          choice(node["initiator"], path + ".initiator", {"state", "business"}, "initiator"));
    }
    if (const YAML::Node stages = node["stages"]) {
      if (!stages.IsSequence() || stages.size() == 0) {
        fail(stages, path + ".stages", "expected a non-empty list of stages from 1 to 4");
      }
      spec.stages = 0;
      for (std::size_t k = 0; k < stages.size(); ++k) {
        const std::string at = path + ".stages[" + std::to_string(k) + "]";
        const auto stage =
            static_cast<int>(integer(stages[k], at, range("policy.instruments.NAME.stages")));
        if ((spec.stages & stage_bit(stage)) != 0) fail(stages[k], at, "stage listed twice");
        spec.stages = static_cast<StageSet>(spec.stages | stage_bit(stage));
      }
    }
  }

  /// `agents: {large_firms: N, ...}`: one count per kind of parameters::agent_kinds().
  void read_agent_counts(const YAML::Node& node, const std::string& path,
                         cluster_model::InitialAgents& counts) const {
    std::vector<std::string> keys;
    for (const AgentKindSpec& kind : agent_kinds()) keys.emplace_back(kind.count_key);
    check_keys(node, path, keys);
    for (const AgentKindSpec& kind : agent_kinds()) {
      const std::string key(kind.count_key);
      if (!node[key]) continue;
      counts[kind.kind] =
          static_cast<int>(integer(node[key], path + "." + key, range("regions[].agents." + key)));
    }
  }

  /// Why a region may not start with its agents of `kind` under `mode` (the
  /// kind takes part only in other governance modes), or nothing.
  static std::optional<std::string> kind_refused(const AgentKindSpec& kind,
                                                 const cluster_model::InitialAgents& counts,
                                                 GovernanceMode mode) {
    if (counts[kind.kind] == 0 || contains(kind.present_in, static_cast<std::size_t>(mode))) {
      return std::nullopt;
    }
    const std::vector<std::string> modes = governance_mode_names();
    std::vector<std::string> allowed;
    for (std::size_t m = 0; m < modes.size(); ++m) {
      if (contains(kind.present_in, m)) allowed.push_back(modes[m]);
    }
    std::string list;  // "a", "a and b", "a, b and c"
    for (std::size_t i = 0; i < allowed.size(); ++i) {
      list += (i == 0 ? "" : i + 1 == allowed.size() ? " and " : ", ") + allowed[i];
    }
    return std::string(kind.description) + " take part only in " + list +
           " governance (governance is '" + std::string(to_string(mode)) + "')";
  }

  /// Fails at the count of the first kind that `mode` keeps out, or at `owner`
  /// where the count came from a default.
  void check_kinds_allowed(const cluster_model::InitialAgents& counts, GovernanceMode mode,
                           const YAML::Node& agents, const YAML::Node& owner,
                           const std::string& path) const {
    for (const AgentKindSpec& kind : agent_kinds()) {
      if (const auto why = kind_refused(kind, counts, mode)) {
        const std::string key(kind.count_key);
        fail(agents && agents[key] ? agents[key] : owner, path + "." + key, *why);
      }
    }
  }

  /// `regions: {csv: FILE, defaults: {...}}`: regions from a CSV file, found
  /// relative to the scenario file that names it.
  void read_regions_from_csv(const YAML::Node& node, Scenario& s) const {
    check_keys(node, "regions", keys("regions"));
    if (!node["csv"]) fail(node, "regions.csv", "required key is missing");
    const std::string name = text(node["csv"], "regions.csv");
    RegionSpec defaults;
    if (const YAML::Node d = node["defaults"]) {
      check_keys(d, "regions.defaults", region_keys(false));
      const auto value = [&](const char* key, double& out) {
        const KeySpec& spec = schema_key(std::string("regions[].") + key);
        if (d[key])
          out = number(d[key], std::string("regions.defaults.") + key, spec.min, spec.max);
      };
      value("population", defaults.region.population);
      value("hard_factor", defaults.region.hard_factor);
      value("soft_factor", defaults.region.soft_factor);
      if (const YAML::Node a = d["agents"]) {
        read_agent_counts(a, "regions.defaults.agents", defaults.agents);
        check_kinds_allowed(defaults.agents, s.institutions.governance, a, a,
                            "regions.defaults.agents");
      }
    }
    const std::string from = document_ != nullptr ? document_->file_of(node["csv"]) : file();
    const std::filesystem::path csv = std::filesystem::path(from).parent_path() / name;
    s.data_files.push_back(csv.string());
    try {
      s.regions = read_regions_csv(csv, defaults).regions;
    } catch (const TableError& e) {
      fail(node["csv"], "regions.csv", e.what());
    }
    for (const RegionSpec& region : s.regions) {
      for (const AgentKindSpec& kind : agent_kinds()) {
        if (const auto why = kind_refused(kind, region.agents, s.institutions.governance)) {
          fail(node["csv"], "regions.csv", "region '" + region.region.name + "': " + *why);
        }
      }
    }
    if (s.regions.size() > kRegionLimit) fail(node["csv"], "regions.csv", too_many_regions());
  }

  void read_regions(const YAML::Node& node, Scenario& s) const {
    if (node.IsMap()) {
      read_regions_from_csv(node, s);
      return;
    }
    if (!node.IsSequence()) fail(node, "regions", "expected a list of regions or {csv: FILE}");
    if (node.size() == 0) fail(node, "regions", "at least one region is required");
    if (node.size() > kRegionLimit) fail(node, "regions", too_many_regions());
    std::map<std::string, std::size_t> names;
    for (std::size_t i = 0; i < node.size(); ++i) {
      const YAML::Node r = node[i];
      const std::string path = "regions[" + std::to_string(i) + "]";
      check_keys(r, path, keys("regions[]"));
      RegionSpec spec;
      for (const std::string& key : region_keys(true)) {
        if (!r[key]) fail(r, join_key(path, key), "required key is missing");
      }
      spec.region.name = text(r["name"], path + ".name");
      if (spec.region.name.empty()) fail(r["name"], path + ".name", "must not be empty");
      if (const auto [it, fresh] = names.emplace(spec.region.name, i); !fresh) {
        fail(r["name"], path + ".name",
             "region '" + spec.region.name + "' is already defined at regions[" +
                 std::to_string(it->second) + "]");
      }
      spec.region.lat = number(r["lat"], path + ".lat", range("regions[].lat"));
      spec.region.lon = number(r["lon"], path + ".lon", range("regions[].lon"));
      if (r["population"])
        spec.region.population =
            number(r["population"], path + ".population", range("regions[].population"));
      if (r["hard_factor"])
        spec.region.hard_factor =
            number(r["hard_factor"], path + ".hard_factor", range("regions[].hard_factor"));
      if (r["soft_factor"])
        spec.region.soft_factor =
            number(r["soft_factor"], path + ".soft_factor", range("regions[].soft_factor"));
      if (r["agents"]) read_agent_counts(r["agents"], path + ".agents", spec.agents);
      check_kinds_allowed(spec.agents, s.institutions.governance, r["agents"], r, path + ".agents");
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
          where = join_key(where, step.key);
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

  /// Where nodes came from, for messages about keys from included files.
  void set_document(const ScenarioDocument* document) { document_ = document; }

 private:
  /// The keys of one region that must be given (required) or may be
  /// (optional); regions.defaults accepts the optional ones.
  static std::vector<std::string> region_keys(bool required) {
    std::vector<std::string> out;
    for (const std::string& key : keys("regions[]")) {
      const KeySpec* row = find_schema_key("regions[]." + key);
      if ((row != nullptr && is_required(*row)) == required) out.push_back(key);
    }
    return out;
  }

  std::vector<Override> overrides_;
  const ScenarioDocument* document_ = nullptr;
};

}  // namespace

namespace {
Scenario read_document(ScenarioDocument document, const std::vector<Override>& overrides) {
  Reader reader(document.main_file(), overrides);
  reader.set_document(&document);
  YAML::Node& root = document.root();
  reader.apply(root);
  if (!overrides.empty()) check_structure(root, "<command line>");
  Scenario scenario = reader.read(root);
  scenario.source_file = document.main_file();
  scenario.included_files = document.included_files();
  YAML::Emitter emitter;
  emitter << root;
  scenario.resolved_text = emitter.c_str();
  return scenario;
}
}  // namespace

Scenario parse_scenario(std::string_view text, const std::string& file_name,
                        const std::vector<Override>& overrides) {
  return read_document(ScenarioDocument::from_text(text, file_name), overrides);
}

Scenario read_scenario(const std::filesystem::path& file, const std::vector<Override>& overrides) {
  return read_document(ScenarioDocument::from_file(file), overrides);
}

}  // namespace clustersim::scenario
