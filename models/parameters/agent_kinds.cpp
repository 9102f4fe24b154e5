#include "models/parameters/agent_kinds.hpp"

#include <array>

namespace clustersim::parameters {

namespace {

using sim::AgentKind;
using namespace modes;

/// Every kind but civil society exists in every mode. Firms hold ties in every
/// mode; the helix modes open ties to universities and government (triple),
/// then bring in civil society (quadruple, quintuple). In a Porter cluster the
/// government supports with money and universities only train graduates, so
/// neither holds ties there.
constexpr ModeSet kHelix = kTripleHelix | kQuadrupleHelix | kQuintupleHelix;
constexpr ModeSet kCivilHelix = kQuadrupleHelix | kQuintupleHelix;

// clang-format off
constexpr std::array<AgentKindSpec, sim::kAgentKindCount> kKinds = {{
  {AgentKind::LargeFirm, "large_firms", "firms", "large IT firms (staff at or above large_firm_threshold)",
   "large IT firms at the start", 0, kEvery, kEvery},
  {AgentKind::Sme, "smes", "firms", "small and medium IT firms, startups included",
   "small and medium IT firms at the start", 0, kEvery, kEvery},
  {AgentKind::University, "universities", "agents", "universities",
   "universities", 0, kEvery, kHelix},
  {AgentKind::Government, "governments", "agents", "government agents (national and regional)",
   "regional government (akimat) agents", 1, kEvery, kHelix},
  {AgentKind::CivilSociety, "civil_society", "agents", "civil-society organisations",
   "civil-society organisations", 0, kCivilHelix, kCivilHelix},
}};
// clang-format on

constexpr bool in_enum_order() {
  for (std::size_t k = 0; k < kKinds.size(); ++k) {
    if (static_cast<std::size_t>(kKinds[k].kind) != k) return false;
  }
  return true;
}
static_assert(in_enum_order(), "agent_kinds() is indexed by sim::AgentKind");

}  // namespace

std::span<const AgentKindSpec> agent_kinds() noexcept {
  return kKinds;
}

const AgentKindSpec& agent_kind(sim::AgentKind kind) noexcept {
  return kKinds[static_cast<std::size_t>(kind)];
}

}  // namespace clustersim::parameters
