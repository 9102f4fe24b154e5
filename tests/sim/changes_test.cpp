#include "sim/changes.hpp"

#include <gtest/gtest.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <cstdint>
#include <stdexcept>

#include "sim/random.hpp"

namespace clustersim::sim {
namespace {

World make_world(std::size_t agents) {
  World world(2, RegionTable({{"A", 0, 0}, {"B", 1, 1}}));
  for (std::size_t i = 0; i < agents; ++i) {
    NewAgent a;
    a.region = static_cast<RegionIndex>(i % 2);
    world.agents.add(a);
  }
  world.network.add_vertices(agents);
  world.network.commit();
  return world;
}

BirthProposal birth(std::uint64_t key, float marker) {
  BirthProposal b;
  b.order_key = key;
  b.agent.employees = marker;
  return b;
}

TEST(StructuralChanges, BirthsGetIdsInKeyOrderNotProposalOrder) {
  World world = make_world(2);
  StructuralChanges changes;
  changes.propose_birth(birth(30, 3));
  changes.propose_birth(birth(10, 1));
  changes.propose_birth(birth(20, 2));
  const AppliedChanges done = changes.apply(world);
  EXPECT_EQ(done.births, 3u);
  ASSERT_EQ(world.agents.size(), 5u);
  EXPECT_EQ(world.agents.employees()[2], 1.0f);
  EXPECT_EQ(world.agents.employees()[3], 2.0f);
  EXPECT_EQ(world.agents.employees()[4], 3.0f);
  EXPECT_EQ(world.network.vertex_count(), 5u);
  EXPECT_TRUE(changes.empty());
}

TEST(StructuralChanges, ANewbornsStreamKeyDependsOnItsBirthNotOnBirthsBeforeIt) {
  // The same birth (order key 20, tick 5), once alone and once after another.
  World alone = make_world(2);
  World after = make_world(2);
  StructuralChanges changes;
  changes.propose_birth(birth(20, 2));
  changes.apply(alone, 5);
  changes.propose_birth(birth(10, 1));
  changes.propose_birth(birth(20, 2));
  changes.apply(after, 5);
  ASSERT_EQ(alone.agents.employees()[2], 2.0f);
  ASSERT_EQ(after.agents.employees()[3], 2.0f);
  EXPECT_NE(alone.agents.ids()[2], after.agents.ids()[3]);
  EXPECT_EQ(alone.agents.stream_keys()[2], after.agents.stream_keys()[3]);
  EXPECT_NE(after.agents.stream_keys()[2], after.agents.stream_keys()[3]);
  // Initial agents keep their ids as keys; a newborn's key is none of them
  // (nor a region's), and the same birth at another tick gets another key.
  EXPECT_EQ(alone.agents.stream_keys()[1], 1u);
  EXPECT_GE(alone.agents.stream_keys()[2], std::uint64_t{1} << 63);
  EXPECT_NE(birth_stream_key(5, 20), birth_stream_key(6, 20));
  // Different keys give different streams, the same key the same one.
  RandomStream x(1, 5, alone.agents.stream_keys()[2], Purpose::Test);
  RandomStream y(1, 5, after.agents.stream_keys()[3], Purpose::Test);
  RandomStream z(1, 5, after.agents.stream_keys()[2], Purpose::Test);
  const std::uint64_t xv = x.next_u64();
  EXPECT_EQ(xv, y.next_u64());
  EXPECT_NE(xv, z.next_u64());
}

TEST(StructuralChanges, DuplicateBirthKeysAreAnError) {
  World world = make_world(1);
  StructuralChanges changes;
  changes.propose_birth(birth(7, 1));
  changes.propose_birth(birth(7, 2));
  EXPECT_THROW(changes.apply(world), std::logic_error);
}

TEST(StructuralChanges, ExitsTakeTheirEdgesAndLaterProposalsToThem) {
  World world = make_world(4);
  world.network.add_edge(0, 1, {});
  world.network.add_edge(1, 2, {});
  world.network.add_edge(2, 3, {});
  world.network.commit();
  StructuralChanges changes;
  changes.propose_exit(1);
  changes.propose_edge(0, 0, 1, {});  // to a leaving agent: dropped
  changes.propose_edge(0, 0, 3, {});
  const AppliedChanges done = changes.apply(world);
  EXPECT_EQ(done.exits, 1u);
  ASSERT_EQ(world.agents.size(), 3u);
  // Slots are now ids 0, 2, 3.
  const auto slot = [&](AgentId id) {
    return static_cast<Network::Vertex>(world.agents.slot_of(id));
  };
  EXPECT_EQ(world.network.edge_count(), 2u);
  EXPECT_TRUE(world.network.has_edge(slot(2), slot(3)));
  EXPECT_TRUE(world.network.has_edge(slot(0), slot(3)));
  EXPECT_FALSE(world.network.has_edge(slot(0), slot(2)));
}

TEST(StructuralChanges, LowestProposerWinsADuplicateEdge) {
  World world = make_world(3);
  StructuralChanges changes;
  EdgeAttributes strong;
  strong.strength = 2.0f;
  strong.kind = EdgeKind::Supplier;
  EdgeAttributes weak;
  weak.strength = 0.5f;
  changes.propose_edge(2, 1, 0, weak);
  changes.propose_edge(1, 0, 1, strong);
  changes.apply(world);
  ASSERT_EQ(world.network.edge_count(), 1u);
  EXPECT_EQ(world.network.attributes(0)[0].strength, 2.0f);
  EXPECT_EQ(world.network.attributes(1)[0].kind, EdgeKind::Supplier);
}

TEST(StructuralChanges, RemovalAndRelocationAndUnknownAgents) {
  World world = make_world(3);
  world.network.add_edge(0, 2, {});
  world.network.commit();
  StructuralChanges changes;
  changes.dissolve_edge(2, 0);
  changes.relocate(1, 0);
  const AppliedChanges done = changes.apply(world);
  EXPECT_EQ(done.edges_removed, 1u);
  EXPECT_EQ(world.network.edge_count(), 0u);
  EXPECT_EQ(world.agents.regions()[1], 0);
  changes.propose_exit(99);
  EXPECT_THROW(changes.apply(world), std::logic_error);
}

TEST(StructuralChanges, SpinOffLinksToParent) {
  World world = make_world(2);
  StructuralChanges changes;
  BirthProposal b = birth(1, 1);
  b.link_to_parent = true;
  b.parent = 1;
  b.parent_link.kind = EdgeKind::UniversityIndustry;
  changes.propose_birth(b);
  changes.apply(world);
  ASSERT_EQ(world.agents.size(), 3u);
  EXPECT_TRUE(world.network.has_edge(1, 2));
  EXPECT_EQ(world.network.attributes(2)[0].kind, EdgeKind::UniversityIndustry);
}

// Proposals made from many threads at once give the same world as the same
// proposals made in order on one thread.
TEST(StructuralChanges, ResultDoesNotDependOnThreads) {
  const auto run = [](int threads) {
    World world = make_world(2000);
    StructuralChanges changes;
    tbb::task_arena arena(threads);
    arena.execute([&] {
      tbb::parallel_for(0, 2000, [&](int i) {
        const auto id = static_cast<AgentId>(i);
        EdgeAttributes a;
        a.strength = static_cast<float>(i % 7);
        changes.propose_edge(id, id, static_cast<AgentId>((i * 7919) % 2000), a);
        changes.propose_edge(id, id, static_cast<AgentId>((i + 1) % 2000), a);
        if (i % 13 == 0) changes.propose_exit(id);
        if (i % 5 == 0)
          changes.propose_birth(birth(static_cast<std::uint64_t>(i), static_cast<float>(i)));
      });
    });
    changes.apply(world);
    std::vector<float> signature;
    for (std::size_t s = 0; s < world.agents.size(); ++s) {
      signature.push_back(static_cast<float>(world.agents.ids()[s]));
      signature.push_back(world.agents.employees()[s]);
      for (auto n : world.network.neighbours(static_cast<Network::Vertex>(s)))
        signature.push_back(static_cast<float>(n));
      for (auto a : world.network.attributes(static_cast<Network::Vertex>(s)))
        signature.push_back(a.strength);
    }
    return signature;
  };
  const auto one = run(1);
  EXPECT_EQ(one, run(2));
  EXPECT_EQ(one, run(4));
}

}  // namespace
}  // namespace clustersim::sim
