// network.initial: the scenario keys that choose how each region's first ties
// are drawn, and the networks build_world then starts from.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "model_namespaces.hpp"
#include "models/cluster_model/cluster_model.hpp"
#include "models/scenario/reader.hpp"
#include "scenario_text.hpp"

namespace clustersim::model_tests {
namespace {

/// Two regions of 400 SMEs each (plus their governments), with `network` as given.
std::string scenario_with(const std::string& network) {
  return "name: t\nseed: 3\n" + network +
         "regions:\n"
         "  - {name: A, lat: 43.2, lon: 76.9, agents: {smes: 400}}\n"
         "  - {name: B, lat: 51.1, lon: 71.4, agents: {smes: 400}}\n";
}

struct NetworkShape {
  double mean_degree = 0;
  std::size_t max_degree = 0;
  double clustering = 0;  ///< mean local clustering coefficient
  bool only_inside_regions = true;
};

NetworkShape shape_of(const std::string& network) {
  const auto world = build_world(parse_scenario(scenario_with(network), "t.yaml"));
  const sim::Network& net = world->network;
  const std::size_t n = world->agents.size();
  NetworkShape out;
  for (std::size_t v = 0; v < n; ++v) {
    const auto nb = net.neighbours(static_cast<sim::Network::Vertex>(v));
    out.mean_degree += static_cast<double>(nb.size()) / static_cast<double>(n);
    out.max_degree = std::max(out.max_degree, nb.size());
    std::size_t closed = 0;
    for (std::size_t i = 0; i < nb.size(); ++i) {
      out.only_inside_regions =
          out.only_inside_regions && world->agents.regions()[nb[i]] == world->agents.regions()[v];
      for (std::size_t j = i + 1; j < nb.size(); ++j) closed += net.has_edge(nb[i], nb[j]);
    }
    if (nb.size() >= 2) {
      const auto k = static_cast<double>(nb.size());
      out.clustering += 2.0 * static_cast<double>(closed) / (k * (k - 1)) / static_cast<double>(n);
    }
  }
  return out;
}

TEST(InitialNetwork, KeysAreReadAndDefaultToTheUniformGenerator) {
  const Scenario plain = parse_scenario(scenario_with(""), "t.yaml");
  EXPECT_EQ(plain.initial_network.generator, NetworkGenerator::Random);
  EXPECT_EQ(plain.initial_network.degree, 4);
  const Scenario ws = parse_scenario(
      scenario_with("network:\n  initial: {generator: watts_strogatz, degree: 6, rewiring: 0.2}\n"),
      "t.yaml");
  EXPECT_EQ(ws.initial_network.generator, NetworkGenerator::WattsStrogatz);
  EXPECT_EQ(ws.initial_network.degree, 6);
  EXPECT_DOUBLE_EQ(ws.initial_network.rewiring, 0.2);
}

TEST(InitialNetwork, BadSettingsAreRefusedWhereTheyAreWritten) {
  const ScenarioError odd =
      refuse(scenario_with("network:\n  initial: {generator: watts_strogatz, degree: 5}\n"));
  EXPECT_EQ(odd.key_path(), "network.initial.degree");
  EXPECT_EQ(odd.line(), 4);
  EXPECT_NE(odd.message().find("even"), std::string::npos) << odd.message();
  EXPECT_EQ(refuse(scenario_with("network:\n  initial: {generator: erdos_renyi, rewiring: 0.5}\n"))
                .key_path(),
            "network.initial.rewiring");
  const ScenarioError misspelt =
      refuse(scenario_with("network:\n  initial: {generator: watts_strogaz}\n"));
  EXPECT_EQ(misspelt.key_path(), "network.initial.generator");
  EXPECT_NE(misspelt.message().find("watts_strogatz"), std::string::npos) << misspelt.message();
  EXPECT_EQ(refuse(scenario_with("network:\n  initial: {degre: 4}\n")).key_path(),
            "network.initial.degre");
  EXPECT_EQ(refuse(scenario_with("network:\n  initial: {degree: 2000}\n")).key_path(),
            "network.initial.degree");
  EXPECT_EQ(refuse(scenario_with("network:\n  start: {}\n")).key_path(), "network.start");
}

TEST(InitialNetwork, EachGeneratorGivesItsFamilysShape) {
  const NetworkShape lattice =
      shape_of("network:\n  initial: {generator: watts_strogatz, degree: 6, rewiring: 0}\n");
  const NetworkShape small_world =
      shape_of("network:\n  initial: {generator: watts_strogatz, degree: 6, rewiring: 0.1}\n");
  const NetworkShape random_graph =
      shape_of("network:\n  initial: {generator: erdos_renyi, degree: 6}\n");
  const NetworkShape scale_free =
      shape_of("network:\n  initial: {generator: preferential, degree: 6}\n");
  for (const NetworkShape* s : {&lattice, &small_world, &random_graph, &scale_free}) {
    EXPECT_TRUE(s->only_inside_regions);
    EXPECT_NEAR(s->mean_degree, 6.0, 0.6);  // the lone governments sit in the lattice too
  }
  // A ring lattice with k = 6 has clustering 3(k − 2)/(4(k − 1)) = 0.6; a tenth
  // rewired keeps most of it; a random graph of the same density has ~k/n.
  EXPECT_NEAR(lattice.clustering, 0.6, 0.01);
  EXPECT_GT(small_world.clustering, 0.3);
  EXPECT_LT(small_world.clustering, lattice.clustering);
  EXPECT_LT(random_graph.clustering, 0.05);
  EXPECT_GT(scale_free.max_degree, 4 * random_graph.max_degree / 2);
}

TEST(InitialNetwork, TheDegreeSetsTheDensity) {
  const NetworkShape sparse =
      shape_of("network:\n  initial: {generator: erdos_renyi, degree: 2}\n");
  const NetworkShape dense =
      shape_of("network:\n  initial: {generator: erdos_renyi, degree: 20}\n");
  EXPECT_NEAR(sparse.mean_degree, 2.0, 0.3);
  EXPECT_NEAR(dense.mean_degree, 20.0, 1.0);
  const NetworkShape uniform = shape_of("network:\n  initial: {degree: 10}\n");
  EXPECT_NEAR(uniform.mean_degree, 10.0, 1.0);
}

}  // namespace
}  // namespace clustersim::model_tests
