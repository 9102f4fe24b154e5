#pragma once
// Agent storage in structure-of-arrays layout.
//
// Agents live in slots 0..size()-1. Each agent has a stable id that is never
// reused; new agents take the next id and are appended, and removal compacts the
// arrays while keeping their order, so slot order is always ascending id order.
// That invariant is what lets every serial pass "in agent-id order" be a plain
// loop over slots, and lets the network use slots as its vertex numbers.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace clustersim::sim {

using AgentId = std::uint32_t;
using RegionIndex = std::uint16_t;
inline constexpr std::size_t kNoSlot = static_cast<std::size_t>(-1);

enum class AgentKind : std::uint8_t {
  LargeFirm = 0,
  Sme = 1,
  University = 2,
  Government = 3,
  CivilSociety = 4,
};
inline constexpr std::size_t kAgentKindCount = 5;
std::string_view to_string(AgentKind kind);

/// What an IT firm makes: hardware (capital-intensive) or software and digital
/// content. Non-firms have None.
enum class FirmType : std::uint8_t { None = 0, Product = 1, Content = 2 };
std::string_view to_string(FirmType type);

inline bool is_firm(AgentKind kind) {
  return kind == AgentKind::LargeFirm || kind == AgentKind::Sme;
}

/// Everything needed to create one agent.
struct NewAgent {
  AgentKind kind = AgentKind::Sme;
  FirmType firm_type = FirmType::None;
  RegionIndex region = 0;
  float employees = 0.0f;        ///< head count (persons)
  double capital = 0.0;          ///< money (million tenge)
  float rd_intensity = 0.0f;     ///< share of value added spent on R&D
  std::vector<float> knowledge;  ///< one stock per technology field; empty means zeros
};

class AgentStore {
 public:
  /// fields: number of technology fields in each agent's knowledge vector.
  explicit AgentStore(std::size_t fields);

  std::size_t size() const { return ids_.size(); }
  std::size_t fields() const { return fields_; }
  AgentId next_id() const { return next_id_; }

  /// Appends an agent with the next id and returns that id.
  /// Throws std::invalid_argument if the knowledge vector has the wrong length.
  AgentId add(const NewAgent& agent);

  /// Slot of an id, or kNoSlot if no living agent has it. O(log n).
  std::size_t slot_of(AgentId id) const;

  /// Removes the agents whose slots are flagged, keeping the others' order.
  /// Returns old slot -> new slot (kNoSlot for removed agents), which the
  /// network needs to renumber its vertices.
  std::vector<std::size_t> remove(const std::vector<std::uint8_t>& remove_flag);

  // Read-only columns, indexed by slot.
  std::span<const AgentId> ids() const { return ids_; }
  std::span<const AgentKind> kinds() const { return kinds_; }
  std::span<const FirmType> firm_types() const { return firm_types_; }
  std::span<const RegionIndex> regions() const { return regions_; }
  std::span<const float> employees() const { return employees_; }
  std::span<const double> capital() const { return capital_; }
  std::span<const double> value_added() const { return value_added_; }
  std::span<const float> rd_intensity() const { return rd_intensity_; }
  std::span<const std::uint32_t> age() const { return age_; }
  /// All knowledge, slot-major: fields() floats per agent.
  std::span<const float> knowledge() const { return knowledge_; }
  std::span<const float> knowledge(std::size_t slot) const {
    return {knowledge_.data() + slot * fields_, fields_};
  }

  // Mutable columns, for phases that update agents in place (each parallel task
  // writes only the slots it owns).
  std::span<RegionIndex> regions() { return regions_; }
  std::span<float> employees() { return employees_; }
  std::span<double> capital() { return capital_; }
  std::span<double> value_added() { return value_added_; }
  std::span<float> rd_intensity() { return rd_intensity_; }
  std::span<std::uint32_t> age() { return age_; }
  std::span<AgentKind> kinds() { return kinds_; }
  std::span<float> knowledge() { return knowledge_; }
  std::span<float> knowledge(std::size_t slot) {
    return {knowledge_.data() + slot * fields_, fields_};
  }

  /// Exchanges the whole knowledge column with `next` (same size), for phases
  /// that read last tick's knowledge and write the next into a second buffer.
  /// Throws std::invalid_argument on a size mismatch.
  void swap_knowledge(std::vector<float>& next);

  /// Bytes held by the columns (capacity, not just size).
  std::size_t memory_bytes() const;

 private:
  std::size_t fields_;
  AgentId next_id_ = 0;
  std::vector<AgentId> ids_;
  std::vector<AgentKind> kinds_;
  std::vector<FirmType> firm_types_;
  std::vector<RegionIndex> regions_;
  std::vector<float> employees_;
  std::vector<double> capital_;
  std::vector<double> value_added_;
  std::vector<float> rd_intensity_;
  std::vector<std::uint32_t> age_;
  std::vector<float> knowledge_;
};

}  // namespace clustersim::sim
