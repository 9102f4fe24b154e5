#pragma once
// What the engine thread hands the writer thread: copies of the world, made
// between ticks, that the writer owns from then on. No HDF5 here.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/indicators.hpp"
#include "sim/regions.hpp"
#include "sim/world.hpp"

namespace clustersim::output {

/// How a per-region series becomes one national value per row.
enum class Aggregation { Sum, Mean, Min, Max, None };

/// Parses SeriesInfo::aggregation ("sum", "mean", "min", "max", "none"; empty
/// means "sum"). Throws std::invalid_argument for anything else.
Aggregation parse_aggregation(const std::string& text);
const char* to_string(Aggregation aggregation);
/// The national value of one row; NaN for Aggregation::None or no regions.
double aggregate(Aggregation aggregation, std::span<const double> row);

/// Everything the writer needs to lay the file out; copied from the initial
/// state on the engine thread.
struct Layout {
  std::vector<sim::SeriesInfo> series;
  std::vector<Aggregation> aggregations;  ///< one per series
  std::vector<sim::Region> regions;
  std::size_t chunk_rows = 1;        ///< ticks per chunk of a series
  std::size_t knowledge_fields = 0;  ///< columns of /particles/agents/knowledge
  std::uint32_t snapshot_every = 0;  ///< 0: no /particles and no /network
  bool swmr = false;
  std::string start_time;
};

/// Rows of every series, stored [series][row][region] with room for
/// `capacity` rows, so each series' rows are one contiguous block to write.
struct Batch {
  Batch() = default;
  Batch(std::size_t series_count, std::size_t region_count, std::size_t row_capacity)
      : capacity(row_capacity),
        regions(region_count),
        values(series_count * row_capacity * region_count) {
    steps.reserve(row_capacity);
    times.reserve(row_capacity);
  }
  std::size_t rows() const { return steps.size(); }
  std::span<const double> block(std::size_t series) const {
    return {values.data() + series * capacity * regions, rows() * regions};
  }

  std::size_t capacity = 0;
  std::size_t regions = 0;
  std::vector<std::int64_t> steps;
  std::vector<double> times;
  std::vector<double> values;
};

/// Every living agent at one tick, in slot (= ascending id) order: one block
/// per recorded column of sim::kAgentColumns, in list order, holding the values
/// as the store does (an enum column as its underlying type).
struct AgentFrame {
  std::int64_t step = 0;
  double time = 0.0;
  std::size_t agents = 0;
  std::vector<std::vector<std::byte>> columns;

  std::size_t size() const { return agents; }
};

/// Every cooperation link at one tick, once each (source id < target id),
/// ordered by source then target.
struct EdgeFrame {
  std::int64_t step = 0;
  double time = 0.0;
  std::vector<std::uint32_t> source;
  std::vector<std::uint32_t> target;
  std::vector<std::uint8_t> kind;  ///< sim::EdgeKind
  std::vector<float> strength;
  std::vector<std::uint16_t> age;

  std::size_t size() const { return source.size(); }
};

AgentFrame capture_agents(const sim::World& world, std::int64_t step, double time);
EdgeFrame capture_edges(const sim::World& world, std::int64_t step, double time);

}  // namespace clustersim::output
