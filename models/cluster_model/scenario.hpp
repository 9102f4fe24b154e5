#pragma once
// A scenario after it was read and validated: everything a run needs, as plain
// values. Built by the scenario reader (scenario_reader.hpp) or by hand in tests.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/institutions/policy.hpp"
#include "models/parameters/agent_kinds.hpp"
#include "models/parameters/parameters.hpp"
#include "sim/agents.hpp"
#include "sim/regions.hpp"

namespace clustersim::cluster_model {

/// Agents a region starts with, per kind (`agents[sim::AgentKind::Sme]`);
/// each kind's default count comes from parameters::agent_kinds().
struct InitialAgents {
  InitialAgents() noexcept {
    for (const parameters::AgentKindSpec& k : parameters::agent_kinds()) {
      (*this)[k.kind] = k.default_count;
    }
  }
  int& operator[](sim::AgentKind kind) { return counts[static_cast<std::size_t>(kind)]; }
  int operator[](sim::AgentKind kind) const { return counts[static_cast<std::size_t>(kind)]; }

  std::array<int, sim::kAgentKindCount> counts{};
};

/// How the ties inside each region are drawn at the start (network.initial.*).
enum class NetworkGenerator : std::uint8_t {
  Random = 0,     ///< every agent draws ⌈degree/2⌉ partners uniformly in its region
  WattsStrogatz,  ///< ring lattice of `degree` neighbours, ties rewired with `rewiring`
  ErdosRenyi,     ///< every pair tied with probability degree / (n − 1)
  Preferential,   ///< Barabási–Albert: newcomers tie to ⌈degree/2⌉ agents by degree
};
inline constexpr std::size_t kNetworkGeneratorCount = 4;
/// The scenario spelling: random, watts_strogatz, erdos_renyi, preferential.
std::string_view to_string(NetworkGenerator generator);
std::vector<std::string> network_generator_names();

struct InitialNetwork {
  NetworkGenerator generator = NetworkGenerator::Random;
  int degree = 4;         ///< links: the mean number of partners an agent starts with
  double rewiring = 0.1;  ///< watts_strogatz only: probability that a lattice tie is rewired
};

struct RegionSpec {
  sim::Region region;
  InitialAgents agents;
};

struct Scenario {
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  std::uint32_t ticks = 40;
  double tick_length = 0.25;  ///< years per tick
  std::vector<RegionSpec> regions;
  parameters::ModelParams model = parameters::ModelParams::defaults();
  /// Governance mode and policy (keys governance: and policy:).
  institutions::InstitutionSpec institutions;
  /// The initial network inside every region (key network.initial).
  InitialNetwork initial_network;
  std::string output_path;  ///< empty: the CLI's default
  /// Agent and network snapshots every this many ticks (output.snapshot_every);
  /// 0: none.
  std::uint32_t snapshot_every = 0;

  // Provenance, recorded in the output file.
  std::string source_file;                  ///< the file it was read from
  std::string resolved_text;                ///< the scenario as YAML after includes and overrides
  std::vector<std::string> included_files;  ///< every file merged in through `include:`
  std::vector<std::string> data_files;      ///< every data file read (regions.csv)
};

}  // namespace clustersim::cluster_model
