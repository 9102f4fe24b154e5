#pragma once
// The agent kinds as the model sees them, declared once: each kind's scenario
// count key, unit, meaning, default count and the governance modes it takes
// part in. The scenario schema and readers (YAML and region CSV), build_world,
// the governance rules, the count series of the indicators and the CLI's
// summary all loop over this table. The engine's side of a kind (the
// sim::AgentKind value, its name and whether it is a firm) is sim::kAgentKinds.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "sim/agents.hpp"

namespace clustersim::parameters {

/// A set of governance modes: bit m stands for institutions::GovernanceMode m
/// (models/institutions/governance.cpp checks that the two agree). The table
/// sits below the institutions layer, so it names the modes by bit.
using ModeSet = std::uint8_t;
namespace modes {
inline constexpr ModeSet kCluster = 1u << 0;
inline constexpr ModeSet kTripleHelix = 1u << 1;
inline constexpr ModeSet kQuadrupleHelix = 1u << 2;
inline constexpr ModeSet kQuintupleHelix = 1u << 3;
inline constexpr ModeSet kEvery = kCluster | kTripleHelix | kQuadrupleHelix | kQuintupleHelix;
}  // namespace modes

/// Whether mode number `mode` is in the set.
constexpr bool contains(ModeSet set, std::size_t mode) {
  return mode < 8 && ((set >> mode) & 1u) != 0;
}

/// The most agents of one kind a region may start with: not behaviour, a bound
/// that turns a typo into a message instead of an exhausted memory.
inline constexpr double kMaxInitialAgents = 1e8;

struct AgentKindSpec {
  sim::AgentKind kind;
  /// `regions[].agents.KEY`, the region-CSV column and the name of the count series.
  std::string_view count_key;
  std::string_view unit;           ///< of the count: firms or agents
  std::string_view description;    ///< what the agents are: the count series' meaning
  std::string_view count_meaning;  ///< the scenario key's meaning (docs/SCENARIOS.md)
  int default_count;               ///< agents per region when the scenario gives no count
  ModeSet present_in;              ///< modes in which a scenario may have agents of the kind
  ModeSet ties_in;                 ///< modes in which the kind holds cooperation ties
};

/// Every kind, indexed by sim::AgentKind.
std::span<const AgentKindSpec> agent_kinds() noexcept;
const AgentKindSpec& agent_kind(sim::AgentKind kind) noexcept;

}  // namespace clustersim::parameters
