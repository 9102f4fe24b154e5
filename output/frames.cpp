#include "output/frames.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <limits>
#include <span>
#include <stdexcept>

#include "sim/enum_names.hpp"

namespace clustersim::output {

namespace {
constexpr std::array<std::string_view, 5> kAggregationNames = {"sum", "mean", "min", "max", "none"};
}  // namespace

Aggregation parse_aggregation(const std::string& text) {
  if (text.empty()) return Aggregation::Sum;
  if (const auto a = sim::enum_from_name<Aggregation>(kAggregationNames, text)) return *a;
  throw std::invalid_argument("unknown aggregation '" + text +
                              "' (expected sum, mean, min, max or none)");
}

const char* to_string(Aggregation aggregation) {
  // The names are literals, so the view's data is a terminated string.
  return sim::enum_name(kAggregationNames, aggregation).data();
}

double aggregate(Aggregation aggregation, std::span<const double> row) {
  if (row.empty() || aggregation == Aggregation::None) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  // A plain left-to-right loop in region order: the same bits on every run.
  double sum = 0.0;
  for (const double v : row) sum += v;
  switch (aggregation) {
    case Aggregation::Sum:
      return sum;
    case Aggregation::Mean:
      return sum / static_cast<double>(row.size());
    case Aggregation::Min:
      return *std::min_element(row.begin(), row.end());
    case Aggregation::Max:
      return *std::max_element(row.begin(), row.end());
    case Aggregation::None:
      break;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

AgentFrame capture_agents(const sim::World& world, std::int64_t step, double time) {
  AgentFrame f;
  f.step = step;
  f.time = time;
  f.agents = world.agents.size();
  world.agents.for_each_column([&](const sim::AgentColumn& column, auto values) {
    if (!column.recorded) return;
    const std::span<const std::byte> bytes = std::as_bytes(values);
    f.columns.emplace_back(bytes.begin(), bytes.end());
  });
  return f;
}

EdgeFrame capture_edges(const sim::World& world, std::int64_t step, double time) {
  const sim::Network& net = world.network;
  const auto ids = world.agents.ids();
  EdgeFrame f;
  f.step = step;
  f.time = time;
  const std::size_t edges = net.edge_count();
  f.source.reserve(edges);
  f.target.reserve(edges);
  f.kind.reserve(edges);
  f.strength.reserve(edges);
  f.age.reserve(edges);
  // Vertices are slots, and slot order is id order, so walking u < v over the
  // sorted rows lists each link once, sorted by (source, target) id.
  const std::size_t vertices = std::min(net.vertex_count(), ids.size());
  for (std::size_t u = 0; u < vertices; ++u) {
    const auto vertex = static_cast<sim::Network::Vertex>(u);
    const auto neighbours = net.neighbours(vertex);
    const auto attributes = net.attributes(vertex);
    for (std::size_t i = 0; i < neighbours.size(); ++i) {
      const std::size_t v = neighbours[i];
      if (v <= u || v >= vertices) continue;
      f.source.push_back(ids[u]);
      f.target.push_back(ids[v]);
      f.kind.push_back(static_cast<std::uint8_t>(attributes[i].kind));
      f.strength.push_back(attributes[i].strength);
      f.age.push_back(attributes[i].age);
    }
  }
  return f;
}

}  // namespace clustersim::output
