#include "tools/bench/knowledge_diffusion.hpp"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/network.hpp"
#include "sim/random.hpp"

namespace clustersim::sim {

using bench::diffuse_toward_partners;
using bench::knowledge_diffusion_tick;
using bench::pick_random_partners;
namespace {

std::vector<float> random_knowledge(std::size_t n, std::size_t fields, std::uint64_t seed) {
  std::vector<float> k(n * fields);
  RandomStream s(seed, 0, 0, Purpose::Test);
  for (float& x : k) x = static_cast<float>(s.uniform(0.0, 10.0));
  return k;
}

/// The kernel written the obvious way, from the documented draw rule.
std::vector<float> reference_tick(const Network& net, const std::vector<float>& cur,
                                  std::size_t fields, float rate, std::uint64_t seed,
                                  std::uint32_t tick) {
  std::vector<float> next(cur.size());
  for (std::uint32_t a = 0; a < net.vertex_count(); ++a) {
    const auto nb = net.neighbours(a);
    std::uint32_t partner = a;
    if (!nb.empty()) {
      const auto words = philox_words(seed, tick, a / 4, Purpose::PartnerChoice);
      partner = nb[scale_to_range(words[a % 4], static_cast<std::uint32_t>(nb.size()))];
    }
    for (std::size_t f = 0; f < fields; ++f) {
      const float mine = cur[a * fields + f], theirs = cur[partner * fields + f];
      next[a * fields + f] = mine + rate * std::max(0.0f, theirs - mine);
    }
  }
  return next;
}

/// A small graph with isolated vertices and a vertex count not divisible by 4.
Network small_graph() {
  Network net(23);
  const std::uint32_t edges[][2] = {{0, 1},  {0, 2},  {1, 2},   {2, 3},   {3, 4},   {4, 5},
                                    {5, 6},  {6, 0},  {7, 8},   {8, 9},   {9, 10},  {10, 11},
                                    {11, 7}, {12, 0}, {13, 14}, {14, 15}, {15, 16}, {16, 22}};
  for (const auto& e : edges) net.add_edge(e[0], e[1], EdgeAttributes{});
  net.commit();  // 17..21 stay isolated
  return net;
}

TEST(KnowledgeDiffusion, MatchesReferenceImplementation) {
  const Network net = small_graph();
  for (const std::size_t fields : {std::size_t{8}, std::size_t{3}}) {
    std::vector<float> cur = random_knowledge(net.vertex_count(), fields, 1);
    std::vector<float> next(cur.size());
    std::vector<std::uint32_t> partners(net.vertex_count());
    for (std::uint32_t tick = 0; tick < 20; ++tick) {
      const std::vector<float> expected = reference_tick(net, cur, fields, 0.5f, 77, tick);
      knowledge_diffusion_tick(net, cur, next, partners, fields, 0.5f, 77, tick);
      ASSERT_EQ(next, expected) << "tick " << tick << ", fields " << fields;
      cur.swap(next);
    }
  }
}

TEST(KnowledgeDiffusion, PartnersAreNeighbours) {
  const Network net = watts_strogatz(1001, 6, 0.2, 3);
  std::vector<std::uint32_t> partners(net.vertex_count());
  pick_random_partners(net, 5, 0, Purpose::PartnerChoice, partners);
  for (std::uint32_t a = 0; a < net.vertex_count(); ++a) {
    EXPECT_TRUE(net.has_edge(a, partners[a])) << a;
  }
}

TEST(KnowledgeDiffusion, IndependentOfThreadCount) {
  const Network net = watts_strogatz(100'003, 10, 0.1, 8);
  const std::vector<float> initial = random_knowledge(net.vertex_count(), 8, 2);
  const auto run = [&](int threads) {
    std::vector<float> cur = initial, next(initial.size());
    std::vector<std::uint32_t> partners(net.vertex_count());
    tbb::task_arena(threads).execute([&] {
      for (std::uint32_t tick = 0; tick < 5; ++tick) {
        knowledge_diffusion_tick(net, cur, next, partners, 8, 0.5f, 99, tick);
        cur.swap(next);
      }
    });
    return cur;
  };
  EXPECT_EQ(run(1), run(2));
}

TEST(KnowledgeDiffusion, IsolatedAgentsUnchangedAndKnowledgeNeverDecreases) {
  const Network net = small_graph();
  std::vector<float> cur = random_knowledge(net.vertex_count(), 8, 4);
  std::vector<float> next(cur.size());
  std::vector<std::uint32_t> partners(net.vertex_count());
  const std::vector<float> initial = cur;
  for (std::uint32_t tick = 0; tick < 50; ++tick) {
    knowledge_diffusion_tick(net, cur, next, partners, 8, 0.5f, 1, tick);
    for (std::size_t i = 0; i < cur.size(); ++i) ASSERT_GE(next[i], cur[i]);
    cur.swap(next);
  }
  for (std::size_t a = 17; a < 22; ++a) {
    for (std::size_t f = 0; f < 8; ++f) EXPECT_EQ(cur[a * 8 + f], initial[a * 8 + f]);
  }
  // The connected components converge toward their best knowledge.
  for (std::size_t f = 0; f < 8; ++f) {
    float best = 0.0f;
    for (std::size_t a = 7; a < 12; ++a) best = std::max(best, initial[a * 8 + f]);
    for (std::size_t a = 7; a < 12; ++a) EXPECT_LE(cur[a * 8 + f], best);
  }
}

TEST(KnowledgeDiffusion, RejectsWrongSizes) {
  const Network net = small_graph();
  std::vector<float> cur(10), next(10);
  std::vector<std::uint32_t> partners(3);
  EXPECT_THROW(pick_random_partners(net, 1, 0, Purpose::PartnerChoice, partners),
               std::invalid_argument);
  EXPECT_THROW(diffuse_toward_partners(cur, next, partners, 8, 0.5f), std::invalid_argument);
}

}  // namespace
}  // namespace clustersim::sim
