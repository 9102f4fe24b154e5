#pragma once
// The simulated world the engine advances: agents, regions, the cooperation
// network and the per-region indicators of the last completed tick.
#include "sim/agents.hpp"
#include "sim/indicators.hpp"
#include "sim/network.hpp"
#include "sim/regions.hpp"

namespace clustersim::sim {

struct World {
  World(std::size_t knowledge_fields, RegionTable region_table)
      : agents(knowledge_fields), regions(std::move(region_table)) {}

  AgentStore agents;
  RegionTable regions;
  Network network;
  IndicatorTable indicators;
};

}  // namespace clustersim::sim
