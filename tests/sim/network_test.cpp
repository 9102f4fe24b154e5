#include "sim/network.hpp"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

#include "sim/agents.hpp"
#include "sim/random.hpp"

namespace clustersim::sim {
namespace {

EdgeAttributes attr(float strength, EdgeKind kind = EdgeKind::Supplier) {
  return EdgeAttributes{strength, 0, kind};
}

std::vector<Network::Vertex> row(const Network& net, Network::Vertex v) {
  const auto n = net.neighbours(v);
  return {n.begin(), n.end()};
}

/// Checks the invariants every committed view must satisfy: ascending rows, no
/// self-loops or duplicates, and each edge in both rows with equal attributes.
void expect_well_formed(const Network& net) {
  ASSERT_EQ(net.row_starts().size(), net.vertex_count() + 1);
  ASSERT_EQ(net.targets().size(), 2 * net.edge_count());
  for (Network::Vertex u = 0; u < net.vertex_count(); ++u) {
    const auto nb = net.neighbours(u);
    const auto at = net.attributes(u);
    for (std::size_t i = 0; i < nb.size(); ++i) {
      ASSERT_NE(nb[i], u);
      if (i > 0) {
        ASSERT_LT(nb[i - 1], nb[i]);
      }
      const std::ptrdiff_t back = net.find(nb[i], u);
      ASSERT_GE(back, 0);
      const EdgeAttributes& other = net.attributes(nb[i])[static_cast<std::size_t>(back)];
      EXPECT_EQ(other.strength, at[i].strength);
      EXPECT_EQ(other.age, at[i].age);
      EXPECT_EQ(other.kind, at[i].kind);
    }
  }
}

TEST(Network, AddRemoveCommit) {
  Network net(4);
  EXPECT_EQ(net.vertex_count(), 4u);
  EXPECT_EQ(net.edge_count(), 0u);
  EXPECT_FALSE(net.has_pending_changes());
  net.add_edge(2, 0, attr(0.5f));
  net.add_edge(1, 3, attr(2.0f));
  net.add_edge(0, 3, attr(1.5f));
  EXPECT_TRUE(net.has_pending_changes());
  EXPECT_FALSE(net.has_edge(0, 2));  // not before the commit
  EXPECT_TRUE(net.commit());
  EXPECT_FALSE(net.has_pending_changes());
  EXPECT_EQ(net.edge_count(), 3u);
  EXPECT_EQ(row(net, 0), (std::vector<Network::Vertex>{2, 3}));
  EXPECT_EQ(row(net, 3), (std::vector<Network::Vertex>{0, 1}));
  EXPECT_EQ(net.degree(1), 1u);
  EXPECT_TRUE(net.has_edge(2, 0));
  EXPECT_EQ(net.find(3, 1), 1);
  EXPECT_EQ(net.find(1, 2), -1);
  EXPECT_EQ(net.attributes(0)[1].strength, 1.5f);
  expect_well_formed(net);

  net.remove_edge(3, 0);
  net.remove_edge(1, 2);  // missing: ignored
  EXPECT_TRUE(net.commit());
  EXPECT_EQ(net.edge_count(), 2u);
  EXPECT_FALSE(net.has_edge(0, 3));
  EXPECT_TRUE(net.has_edge(1, 3));
  expect_well_formed(net);

  // Removing and re-proposing in one batch re-forms the edge with new attributes.
  net.remove_edge(0, 2);
  net.add_edge(0, 2, attr(9.0f));
  EXPECT_TRUE(net.commit());
  EXPECT_EQ(net.attributes(2)[0].strength, 9.0f);
  expect_well_formed(net);
}

TEST(Network, BoostGraphSharesStorage) {
  Network net(3);
  net.add_edge(0, 1, attr(1.0f));
  net.add_edge(1, 2, attr(1.0f));
  net.commit();
  EXPECT_EQ(boost::num_vertices(net.graph()), 3u);
  EXPECT_EQ(boost::num_edges(net.graph()), 4u);  // both halves
  EXPECT_EQ(net.targets().data(), net.graph().m_forward.m_column.data());
  EXPECT_EQ(net.attributes(0).data(), net.graph().m_forward.m_edge_properties.data());
}

TEST(Network, FirstProposalWins) {
  Network net(3);
  net.add_edge(0, 1, attr(1.0f, EdgeKind::Supplier));
  net.add_edge(1, 0, attr(2.0f, EdgeKind::UniversityIndustry));
  net.add_edge(0, 1, attr(3.0f));
  net.commit();
  ASSERT_EQ(net.edge_count(), 1u);
  EXPECT_EQ(net.attributes(0)[0].strength, 1.0f);
  EXPECT_EQ(net.attributes(1)[0].kind, EdgeKind::Supplier);
  // A proposal of an existing edge is ignored: nothing changes.
  net.add_edge(1, 0, attr(7.0f));
  EXPECT_FALSE(net.commit());
  EXPECT_EQ(net.attributes(1)[0].strength, 1.0f);
}

TEST(Network, RejectsSelfLoopsAndUnknownVertices) {
  Network net(3);
  EXPECT_THROW(net.add_edge(1, 1, attr(1.0f)), std::invalid_argument);
  EXPECT_THROW(net.add_edge(1, 3, attr(1.0f)), std::out_of_range);
  EXPECT_FALSE(net.has_pending_changes());
  net.add_vertices(1);
  EXPECT_NO_THROW(net.add_edge(1, 3, attr(1.0f)));
}

TEST(Network, CommitWithoutChangesIsNoOp) {
  Network net = watts_strogatz(100, 4, 0.2, 7);
  const auto* rows = net.row_starts().data();
  const auto* cols = net.targets().data();
  const auto* attrs = net.attributes(0).data();
  const std::size_t edges = net.edge_count();
  EXPECT_FALSE(net.commit());
  net.remove_edge(0, 50);  // not an edge (ring distance 50 > 2, unlikely rewired)
  if (!net.has_edge(0, 50)) {
    EXPECT_FALSE(net.commit());
  }
  const Network::Vertex nb = net.neighbours(5)[0];
  net.add_edge(5, nb, attr(3.0f));  // already there
  std::vector<std::size_t> identity(100);
  for (std::size_t i = 0; i < identity.size(); ++i) identity[i] = i;
  net.renumber_vertices(identity);
  EXPECT_FALSE(net.commit());
  EXPECT_EQ(net.row_starts().data(), rows);
  EXPECT_EQ(net.targets().data(), cols);
  EXPECT_EQ(net.attributes(0).data(), attrs);
  EXPECT_EQ(net.edge_count(), edges);
  EXPECT_FALSE(net.has_pending_changes());
}

TEST(Network, AddVerticesCommits) {
  Network net(2);
  net.add_vertices(3);
  EXPECT_TRUE(net.has_pending_changes());
  net.add_edge(4, 0, attr(1.0f));
  EXPECT_TRUE(net.commit());
  EXPECT_EQ(net.vertex_count(), 5u);
  EXPECT_EQ(row(net, 4), (std::vector<Network::Vertex>{0}));
  EXPECT_EQ(net.degree(3), 0u);
  expect_well_formed(net);
}

TEST(Network, RenumberDropsEdgesOfRemovedVerticesAndKeepsAttributes) {
  Network net(5);
  net.add_edge(0, 1, attr(1.0f));
  net.add_edge(1, 2, attr(2.0f));
  net.add_edge(2, 3, attr(3.0f));
  net.add_edge(3, 4, attr(4.0f, EdgeKind::GovernmentProgramme));
  net.add_edge(0, 4, attr(5.0f));
  net.commit();
  // Remove vertex 1: 0->0, 2->1, 3->2, 4->3.
  net.renumber_vertices({0, kNoSlot, 1, 2, 3});
  EXPECT_EQ(net.pending_vertex_count(), 4u);
  net.add_edge(0, 1, attr(6.0f));  // new numbering: old 0 - old 2
  EXPECT_TRUE(net.commit());
  EXPECT_EQ(net.vertex_count(), 4u);
  EXPECT_EQ(net.edge_count(), 4u);
  EXPECT_EQ(row(net, 0), (std::vector<Network::Vertex>{1, 3}));
  EXPECT_EQ(row(net, 1), (std::vector<Network::Vertex>{0, 2}));
  EXPECT_EQ(net.attributes(1)[1].strength, 3.0f);  // old 2-3
  EXPECT_EQ(net.attributes(2)[1].strength, 4.0f);  // old 3-4
  EXPECT_EQ(net.attributes(2)[1].kind, EdgeKind::GovernmentProgramme);
  EXPECT_EQ(net.attributes(0)[0].strength, 6.0f);
  EXPECT_EQ(net.attributes(0)[1].strength, 5.0f);  // old 0-4
  expect_well_formed(net);
}

TEST(Network, RenumberRemapsPendingChangesAndRejectsNonMonotoneMaps) {
  Network net(4);
  net.add_edge(0, 3, attr(1.0f));
  net.add_edge(1, 2, attr(2.0f));
  net.renumber_vertices({0, kNoSlot, 1, 2});  // drops pending 1-2
  net.commit();
  EXPECT_EQ(net.edge_count(), 1u);
  EXPECT_TRUE(net.has_edge(0, 2));
  EXPECT_THROW(net.renumber_vertices({1, 0, 2}), std::invalid_argument);
  EXPECT_THROW(net.renumber_vertices({0, 1}), std::invalid_argument);
}

TEST(Network, SymmetricAttributesAfterMutation) {
  Network net = watts_strogatz(200, 6, 0.3, 11);
  // A rule symmetric in the endpoints keeps both halves equal.
  for (Network::Vertex u = 0; u < net.vertex_count(); ++u) {
    const auto nb = net.neighbours(u);
    auto at = net.mutable_attributes(u);
    for (std::size_t i = 0; i < nb.size(); ++i) {
      at[i].strength = static_cast<float>(u + nb[i]) * 0.25f;
      at[i].age = static_cast<std::uint16_t>(u ^ nb[i]);
    }
  }
  net.remove_edge(0, net.neighbours(0)[0]);
  net.commit();
  expect_well_formed(net);
}

TEST(WattsStrogatz, DegreeSumNoSelfLoopsNoDuplicates) {
  for (const double p : {0.0, 0.1, 0.5, 1.0}) {
    const Network net = watts_strogatz(1000, 10, p, 42);
    EXPECT_EQ(net.vertex_count(), 1000u);
    EXPECT_EQ(net.edge_count(), 5000u) << "p = " << p;
    std::size_t degree_sum = 0;
    for (Network::Vertex v = 0; v < 1000; ++v) degree_sum += net.degree(v);
    EXPECT_EQ(degree_sum, 10000u);
    expect_well_formed(net);
  }
  const Network ring = watts_strogatz(20, 4, 0.0, 1);
  EXPECT_EQ(row(ring, 0), (std::vector<Network::Vertex>{1, 2, 18, 19}));
}

TEST(WattsStrogatz, DenseGraphsStaySimple) {
  // Complete and nearly complete graphs force many collisions and redraws.
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const Network net = watts_strogatz(11, 8, 0.9, seed);
    expect_well_formed(net);
    EXPECT_LE(net.edge_count(), 44u);
  }
  const Network complete = watts_strogatz(9, 8, 1.0, 3);
  EXPECT_EQ(complete.edge_count(), 36u);
}

TEST(WattsStrogatz, SameSeedSameGraphDifferentSeedDifferentGraph) {
  const Network a = watts_strogatz(5000, 10, 0.1, 123);
  const Network b = watts_strogatz(5000, 10, 0.1, 123);
  const Network c = watts_strogatz(5000, 10, 0.1, 124);
  EXPECT_TRUE(std::ranges::equal(a.row_starts(), b.row_starts()));
  EXPECT_TRUE(std::ranges::equal(a.targets(), b.targets()));
  EXPECT_FALSE(std::ranges::equal(a.targets(), c.targets()));
}

TEST(WattsStrogatz, IndependentOfThreadCount) {
  Network one, two;
  tbb::task_arena(1).execute([&] { one = watts_strogatz(50'000, 10, 0.3, 5); });
  tbb::task_arena(2).execute([&] { two = watts_strogatz(50'000, 10, 0.3, 5); });
  EXPECT_TRUE(std::ranges::equal(one.row_starts(), two.row_starts()));
  EXPECT_TRUE(std::ranges::equal(one.targets(), two.targets()));
}

/// A random batch of changes on a large graph, applied under an arena of `threads`.
Network churn(int threads) {
  Network net;
  tbb::task_arena(threads).execute([&] {
    net = watts_strogatz(60'000, 8, 0.2, 9);
    RandomStream s(1, 0, 0, Purpose::Test);
    for (int i = 0; i < 5000; ++i) {
      const auto u = s.below(60'000), v = s.below(60'000);
      if (u != v) net.add_edge(u, v, attr(static_cast<float>(i)));
      const auto w = s.below(60'000);
      if (net.degree(w) > 0) net.remove_edge(w, net.neighbours(w)[0]);
    }
    std::vector<std::size_t> slots(60'000);
    std::size_t next = 0;
    for (std::size_t i = 0; i < slots.size(); ++i) slots[i] = i % 97 == 3 ? kNoSlot : next++;
    net.renumber_vertices(slots);
    net.add_vertices(10);
    net.commit();
  });
  return net;
}

TEST(Network, CommitIndependentOfThreadCount) {
  const Network one = churn(1);
  const Network two = churn(2);
  ASSERT_TRUE(std::ranges::equal(one.row_starts(), two.row_starts()));
  ASSERT_TRUE(std::ranges::equal(one.targets(), two.targets()));
  ASSERT_EQ(one.targets().size(), two.targets().size());
  for (Network::Vertex v = 0; v < one.vertex_count(); ++v) {
    const auto a = one.attributes(v), b = two.attributes(v);
    for (std::size_t i = 0; i < a.size(); ++i) ASSERT_EQ(a[i].strength, b[i].strength);
  }
  expect_well_formed(one);
}

/// Property test: random operation sequences against a std::map/std::set model.
TEST(Network, MatchesReferenceModel) {
  using Edge = std::pair<Network::Vertex, Network::Vertex>;
  for (std::uint32_t trial = 0; trial < 8; ++trial) {
    RandomStream s(trial, 0, 0, Purpose::Test);
    Network net(12);
    std::map<Edge, float> committed;  // u < v -> strength
    std::size_t vertices = 12;
    std::vector<std::pair<Edge, float>> adds;
    std::set<Edge> removes;
    std::vector<std::size_t> pending_map;  // composed renumbering, old committed -> new
    bool renumbered = false;
    std::size_t pending_vertices = vertices;
    const auto apply = [&] {
      std::map<Edge, float> next;
      for (const auto& [e, w] : committed) {
        Edge m = e;
        if (renumbered) {
          if (pending_map[e.first] == kNoSlot || pending_map[e.second] == kNoSlot) continue;
          m = {static_cast<Network::Vertex>(pending_map[e.first]),
               static_cast<Network::Vertex>(pending_map[e.second])};
        }
        if (!removes.count(m)) next[m] = w;
      }
      for (const auto& [e, w] : adds) next.emplace(e, w);  // emplace: first wins
      committed = std::move(next);
      adds.clear();
      removes.clear();
      renumbered = false;
      vertices = pending_vertices;
    };
    for (int op = 0; op < 400; ++op) {
      const std::uint32_t kind = s.below(100);
      const auto nv = static_cast<std::uint32_t>(pending_vertices);
      if (kind < 45 && nv >= 2) {
        Network::Vertex u = s.below(nv), v = s.below(nv);
        if (u == v) continue;
        const float w = static_cast<float>(op);
        net.add_edge(u, v, attr(w));
        adds.push_back({{std::min(u, v), std::max(u, v)}, w});
      } else if (kind < 75 && nv >= 2) {
        const Network::Vertex u = s.below(nv), v = s.below(nv);
        net.remove_edge(u, v);
        if (u != v) removes.insert({std::min(u, v), std::max(u, v)});
      } else if (kind < 80) {
        net.add_vertices(2);
        pending_vertices += 2;
      } else if (kind < 85 && pending_vertices > 3) {
        std::vector<std::size_t> slots(pending_vertices);
        std::size_t next = 0;
        for (auto& slot : slots) slot = s.below(5) == 0 ? kNoSlot : next++;
        // The model composes the map on committed vertices, remaps pending edges.
        if (!renumbered) {
          pending_map.assign(vertices, 0);
          for (std::size_t i = 0; i < vertices; ++i) pending_map[i] = i;
          renumbered = true;
        }
        for (auto& m : pending_map) {
          if (m != kNoSlot) m = slots[m];
        }
        std::vector<std::pair<Edge, float>> kept_adds;
        for (const auto& [e, w] : adds) {
          if (slots[e.first] != kNoSlot && slots[e.second] != kNoSlot) {
            kept_adds.push_back({{static_cast<Network::Vertex>(slots[e.first]),
                                  static_cast<Network::Vertex>(slots[e.second])},
                                 w});
          }
        }
        adds = std::move(kept_adds);
        std::set<Edge> kept_removes;
        for (const auto& e : removes) {
          if (slots[e.first] != kNoSlot && slots[e.second] != kNoSlot) {
            kept_removes.insert({static_cast<Network::Vertex>(slots[e.first]),
                                 static_cast<Network::Vertex>(slots[e.second])});
          }
        }
        removes = std::move(kept_removes);
        net.renumber_vertices(slots);
        pending_vertices = next;
      } else {
        net.commit();
        apply();
        ASSERT_EQ(net.vertex_count(), vertices);
        ASSERT_EQ(net.edge_count(), committed.size());
        for (const auto& [e, w] : committed) {
          const std::ptrdiff_t i = net.find(e.first, e.second);
          ASSERT_GE(i, 0);
          ASSERT_EQ(net.attributes(e.first)[static_cast<std::size_t>(i)].strength, w);
        }
        expect_well_formed(net);
      }
    }
  }
}

}  // namespace
}  // namespace clustersim::sim
