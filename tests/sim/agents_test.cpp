#include "sim/agents.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace clustersim::sim {
namespace {

NewAgent firm(RegionIndex region, float k0) {
  NewAgent a;
  a.kind = AgentKind::Sme;
  a.region = region;
  a.employees = 5;
  a.knowledge = {k0, k0 + 1, k0 + 2};
  return a;
}

TEST(AgentStore, IdsAreStableAndNeverReused) {
  AgentStore store(3);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(store.add(firm(0, static_cast<float>(i))), static_cast<AgentId>(i));
  const auto new_slot = store.remove({0, 1, 0, 1, 0});
  EXPECT_EQ(new_slot[0], 0u);
  EXPECT_EQ(new_slot[1], kNoSlot);
  EXPECT_EQ(new_slot[2], 1u);
  EXPECT_EQ(new_slot[3], kNoSlot);
  EXPECT_EQ(new_slot[4], 2u);
  ASSERT_EQ(store.size(), 3u);
  EXPECT_EQ(store.ids()[0], 0u);
  EXPECT_EQ(store.ids()[1], 2u);
  EXPECT_EQ(store.ids()[2], 4u);
  // Columns moved with their agent.
  EXPECT_EQ(store.knowledge(1)[0], 2.0f);
  EXPECT_EQ(store.knowledge(2)[2], 6.0f);
  // The next agent gets a fresh id, after the removed ones.
  EXPECT_EQ(store.add(firm(1, 9)), 5u);
  EXPECT_EQ(store.slot_of(5), 3u);
  EXPECT_EQ(store.slot_of(3), kNoSlot);
  EXPECT_EQ(store.slot_of(4), 2u);
}

TEST(AgentStore, EmptyKnowledgeMeansZerosAndWrongLengthThrows) {
  AgentStore store(4);
  NewAgent a;
  store.add(a);
  for (float x : store.knowledge(0)) EXPECT_EQ(x, 0.0f);
  a.knowledge = {1, 2};
  EXPECT_THROW(store.add(a), std::invalid_argument);
  EXPECT_THROW(AgentStore(0), std::invalid_argument);
}

TEST(AgentStore, SwapKnowledgeChecksSize) {
  AgentStore store(2);
  store.add(NewAgent{});
  std::vector<float> next = {7, 8};
  store.swap_knowledge(next);
  EXPECT_EQ(store.knowledge(0)[1], 8.0f);
  std::vector<float> wrong(3);
  EXPECT_THROW(store.swap_knowledge(wrong), std::invalid_argument);
}

TEST(AgentStore, KindNames) {
  EXPECT_EQ(to_string(AgentKind::LargeFirm), "large_firm");
  EXPECT_EQ(to_string(AgentKind::CivilSociety), "civil_society");
  EXPECT_EQ(to_string(FirmType::Content), "content");
  EXPECT_TRUE(is_firm(AgentKind::Sme));
  EXPECT_FALSE(is_firm(AgentKind::University));
}

}  // namespace
}  // namespace clustersim::sim
