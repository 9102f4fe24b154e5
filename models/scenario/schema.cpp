#include "models/scenario/schema.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/parameters/agent_kinds.hpp"
#include "models/parameters/parameters.hpp"

namespace clustersim::scenario {

using parameters::agent_kinds;
using parameters::AgentKindSpec;
using parameters::parameter_table;
using parameters::ParamSpec;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
/// Stands for the count keys of every agent kind in kSchema.
constexpr std::string_view kAgentCounts = "regions[].agents.KIND";

// clang-format off
const std::array kSchema = {
  KeySpec{"include", "file name or list of file names", "none", "–", -kInf, kInf,
          "scenario files merged under this one (maps merge, lists and values replace, this file wins); paths relative to this file"},
  KeySpec{"name", "text", "required", "–", -kInf, kInf, "the scenario's name; the default output file is out/NAME.h5"},
  KeySpec{"description", "text", "empty", "–", -kInf, kInf, "one or two sentences for the reader of the scenario"},
  KeySpec{"seed", "whole number", "1", "–", 0, 18446744073709551615.0, "seed of every random stream of the run"},
  KeySpec{"ticks", "whole number", "40", "ticks", 0, 1e7, "length of the run"},
  KeySpec{"tick_length", "number", "0.25", "years", 1.0 / 365, 10, "time one tick stands for (0.25: a quarter)"},
  KeySpec{"regions", "list of regions, or a mapping with `csv`", "required", "–", 1, parameters::kMaxRegions,
          "the regions of the run, given one by one or read from a CSV file"},
  KeySpec{"regions.csv", "file name", "none", "–", -kInf, kInf,
          "CSV with one row per region (region or name, lat, lon; optional population, population_k, hard_factor, soft_factor and agent counts); relative to this file"},
  KeySpec{"regions.defaults", "mapping", "none", "–", -kInf, kInf,
          "values for every region read from the CSV where the file has no column or an empty cell: population, hard_factor, soft_factor, agents"},
  KeySpec{"regions[].name", "text", "required", "–", -kInf, kInf, "the region's name, unique"},
  KeySpec{"regions[].lat", "number", "required", "degrees north", -90, 90, "latitude of the region's centre"},
  KeySpec{"regions[].lon", "number", "required", "degrees east", -180, 180, "longitude of the region's centre"},
  KeySpec{"regions[].population", "number", "0", "persons", 0, 1e10, "resident population"},
  KeySpec{"regions[].hard_factor", "number", "0", "index", 0, 1, "hard local factors: support by the state and development institutions"},
  KeySpec{"regions[].soft_factor", "number", "0", "index", 0, 1, "soft local factors: skilled labour, infrastructure, universities nearby"},
  // One row per agent kind, from parameters::agent_kinds() (see expand_agent_counts).
  KeySpec{kAgentCounts, "whole number", "", "", 0, parameters::kMaxInitialAgents, ""},
  KeySpec{"network.initial.generator", "one of: random, watts_strogatz, erdos_renyi, preferential", "random", "–", -kInf, kInf,
          "how the ties inside each region are drawn at the start (docs/MODEL.md, section 5)"},
  KeySpec{"network.initial.degree", "whole number", "4", "links", 0, 1000,
          "mean number of partners an agent starts with, inside its region (even for watts_strogatz)"},
  KeySpec{"network.initial.rewiring", "number", "0.1", "1", 0, 1,
          "watts_strogatz only: probability that a lattice tie moves to a random agent of the region"},
  KeySpec{"model", "mapping", "every parameter at its default", "–", -kInf, kInf, "model parameters; see the table below and docs/MODEL.md"},
  KeySpec{"governance", "one of: cluster, triple_helix, quadruple_helix, quintuple_helix", "cluster", "–", -kInf, kInf,
          "who drives the cluster and which agents and channels take part (docs/MODEL.md, section 7.8)"},
  KeySpec{"policy", "mapping", "no policy", "–", -kInf, kInf, "government budgets and how they are spent"},
  KeySpec{"policy.national_budget", "number", "0", "million tenge / year", 0, 1e12, "the national budget, shared among the receiving regions"},
  KeySpec{"policy.regional_budget", "number", "0", "million tenge / year", 0, 1e12, "each regional government's (akimat's) budget, spent in its region"},
  KeySpec{"policy.regions", "list of region names", "every region", "–", -kInf, kInf, "regions the national budget may go to"},
  KeySpec{"policy.targeting", "one of: uniform, growth_poles, stage_aware", "uniform", "–", -kInf, kInf,
          "uniform: every region; growth_poles: the poles only; stage_aware: only instruments that fit the region's stage"},
  KeySpec{"policy.timing.start", "number", "0", "years after the start", 0, 1e6, "first allocation"},
  KeySpec{"policy.timing.end", "number", "never", "years after the start", 0, 1e9, "no allocation at or after this time"},
  KeySpec{"policy.timing.every", "number", "0", "years", 0, 1e6, "time between allocations; 0: every tick"},
  KeySpec{"policy.cofinancing", "true or false", "true", "–", -kInf, kInf,
          "firms pay their share: 30% of state-started projects, 50% of business-started ones"},
  KeySpec{"policy.instruments", "mapping of instrument name to settings", "required with a budget", "–", -kInf, kInf,
          "the instrument mix; the shares must sum to 1 (instrument names in docs/MODEL.md, section 7.8)"},
  KeySpec{"policy.instruments.NAME.share", "number", "0", "1", 0, 1, "share of every budget spent on this instrument"},
  KeySpec{"policy.instruments.NAME.strength", "number", "the instrument's default", "per instrument", 0, kInf,
          "effect per million tenge (bounded per instrument)"},
  KeySpec{"policy.instruments.NAME.stages", "list of stages 1-4", "the instrument's default", "–", 1, 4,
          "stages where the instrument works; money spent in other stages is recorded as wasted"},
  KeySpec{"policy.instruments.NAME.conditional", "true or false", "false", "–", -kInf, kInf,
          "support paid against results, which does not crowd out firms' own R&D"},
  KeySpec{"policy.instruments.NAME.initiator", "one of: state, business", "state", "–", -kInf, kInf,
          "who starts the projects, which sets the co-financing split"},
  KeySpec{"output.path", "text", "out/NAME.h5", "–", -kInf, kInf, "the run file (`clustersim run -o` overrides it); relative to the working directory"},
  KeySpec{"output.snapshot_every", "whole number", "0", "ticks", 0, 1e7, "agent and network snapshots every this many ticks; 0: none"},
};
// clang-format on

std::string number_text(double v) {
  if (std::isinf(v)) return v > 0 ? "∞" : "−∞";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", v);
  return buffer;
}

/// kSchema with the kAgentCounts row replaced by one row per agent kind: path
/// and default from the kind table, type and range from that row.
struct ExpandedSchema {
  std::array<std::string, sim::kAgentKindCount> count_paths;
  std::array<std::string, sim::kAgentKindCount> count_defaults;
  std::vector<KeySpec> keys;
};

ExpandedSchema expand_agent_counts() {
  ExpandedSchema out;
  for (const KeySpec& row : kSchema) {
    if (row.path != kAgentCounts) {
      out.keys.push_back(row);
      continue;
    }
    for (const AgentKindSpec& kind : agent_kinds()) {
      const auto k = static_cast<std::size_t>(kind.kind);
      out.count_paths[k] = "regions[].agents." + std::string(kind.count_key);
      out.count_defaults[k] = std::to_string(kind.default_count);
      KeySpec count = row;
      count.path = out.count_paths[k];
      count.default_value = out.count_defaults[k];
      count.unit = kind.unit;
      count.meaning = kind.count_meaning;
      out.keys.push_back(count);
    }
  }
  return out;
}

const std::vector<KeySpec>& schema_keys() {
  static const ExpandedSchema schema = expand_agent_counts();
  return schema.keys;
}

}  // namespace

std::span<const KeySpec> scenario_schema() {
  return schema_keys();
}

// The look-ups below go through scenario_schema(), not kSchema, so that they
// see every row however the table is put together.
const KeySpec* find_schema_key(std::string_view path) {
  const std::span<const KeySpec> schema = scenario_schema();
  const auto it = std::ranges::find(schema, path, &KeySpec::path);
  return it == schema.end() ? nullptr : &*it;
}

const KeySpec& schema_key(std::string_view path) {
  if (const KeySpec* k = find_schema_key(path)) return *k;
  throw std::logic_error("scenario key '" + std::string(path) + "' is not declared in the schema");
}

std::vector<std::string> schema_children(std::string_view parent) {
  const std::string prefix = parent.empty() ? "" : std::string(parent) + ".";
  std::vector<std::string> out;
  for (const KeySpec& k : scenario_schema()) {
    if (!k.path.starts_with(prefix)) continue;
    const std::string_view rest = k.path.substr(prefix.size());
    const std::string key(rest.substr(0, rest.find_first_of(".[")));
    if (!key.empty() && std::find(out.begin(), out.end(), key) == out.end()) out.push_back(key);
  }
  return out;
}

bool is_required(const KeySpec& key) {
  return key.default_value == "required";
}

std::string scenario_schema_markdown() {
  std::string out =
      "\n| key | type | default | unit | range | meaning |\n| --- | --- | --- | --- | --- | --- "
      "|\n";
  for (const KeySpec& k : schema_keys()) {
    const bool ranged = std::isfinite(k.min) || std::isfinite(k.max);
    out +=
        "| `" + std::string(k.path) + "` | " + std::string(k.type) + " | " +
        std::string(k.default_value) + " | " + std::string(k.unit) + " | " +
        (ranged ? "[" + number_text(k.min) + ", " + number_text(k.max) + "]" : std::string("–")) +
        " | " + std::string(k.meaning) + " |\n";
  }
  out += "\nModel parameters, under `model:` (details and sources in docs/MODEL.md):\n";
  out += "\n| key | default | unit | range | meaning |\n| --- | --- | --- | --- | --- |\n";
  for (const ParamSpec& p : parameter_table()) {
    out += "| `model." + std::string(p.key) + "` | " + number_text(p.default_value) + " | " +
           std::string(p.unit) + " | [" + number_text(p.min) + ", " + number_text(p.max) + "] | " +
           std::string(p.meaning) + " |\n";
  }
  return out;
}

}  // namespace clustersim::scenario
