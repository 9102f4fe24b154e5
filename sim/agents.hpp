#pragma once
// Agent storage in structure-of-arrays layout.
//
// Agents live in slots 0..size()-1. Each agent has a stable id that is never
// reused; new agents take the next id and are appended, and removal compacts the
// arrays while keeping their order, so slot order is always ascending id order.
// That invariant is what lets every serial pass "in agent-id order" be a plain
// loop over slots, and lets the network use slots as its vertex numbers.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sim/enum_names.hpp"

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

/// What the engine knows of each kind, indexed by AgentKind: its name (run
/// files' flag_meanings, messages) and whether it is a firm. The kinds' scenario
/// keys, units, default counts and governance roles are the model's
/// (models/parameters/agent_kinds.cpp).
struct AgentKindInfo {
  std::string_view name;
  bool firm;
};
inline constexpr std::array<AgentKindInfo, 5> kAgentKinds = {{
    {"large_firm", true},
    {"sme", true},
    {"university", false},
    {"government", false},
    {"civil_society", false},
}};
inline constexpr std::size_t kAgentKindCount = kAgentKinds.size();
static_assert(static_cast<std::size_t>(AgentKind::CivilSociety) + 1 == kAgentKindCount,
              "kAgentKinds has one row per AgentKind, in enum order");
inline constexpr auto kAgentKindNames = [] {
  std::array<std::string_view, kAgentKindCount> names{};
  for (std::size_t k = 0; k < kAgentKindCount; ++k) names[k] = kAgentKinds[k].name;
  return names;
}();

constexpr std::string_view to_string(AgentKind kind) {
  return enum_name(kAgentKindNames, kind);
}
constexpr bool is_firm(AgentKind kind) {
  return kAgentKinds[static_cast<std::size_t>(kind)].firm;
}

/// What an IT firm makes: hardware (capital-intensive) or software and digital
/// content. Non-firms have None.
enum class FirmType : std::uint8_t { None = 0, Product = 1, Content = 2 };
inline constexpr std::array<std::string_view, 3> kFirmTypeNames = {"none", "product", "content"};
constexpr std::string_view to_string(FirmType type) {
  return enum_name(kFirmTypeNames, type);
}

/// Everything needed to create one agent.
struct NewAgent {
  AgentKind kind = AgentKind::Sme;
  FirmType firm_type = FirmType::None;
  RegionIndex region = 0;
  float employees = 0.0f;        ///< head count (persons)
  double capital = 0.0;          ///< money (million tenge)
  float rd_intensity = 0.0f;     ///< share of value added spent on R&D
  float productivity = 1.0f;     ///< a firm's persistent productivity (ability), mean 1
  std::vector<float> knowledge;  ///< one stock per technology field; empty means zeros
  /// Key of the agent's random streams and of what is derived from its
  /// identity (random.hpp); 0 means "its id". Newborns get one from their
  /// birth (birth_stream_key) so that births elsewhere cannot change it.
  std::uint64_t stream_key = 0;
};

// ---- the agent columns -------------------------------------------------------

/// How many values a column holds per agent.
enum class ColumnShape : std::uint8_t {
  Scalar,    ///< one
  PerField,  ///< one per technology field (AgentStore::fields())
};
/// The element type of a column; an enum column holds its underlying type.
enum class ElementType : std::uint8_t { U8, U16, U32, U64, F32, F64 };
/// Whether snapshots (/particles/agents in run files) record a column.
enum class ColumnOutput : std::uint8_t { Recorded, NotRecorded };

template <class T>
constexpr ElementType element_type_of() {
  if constexpr (std::is_enum_v<T>) {
    return element_type_of<std::underlying_type_t<T>>();
  } else if constexpr (std::is_same_v<T, std::uint8_t>) {
    return ElementType::U8;
  } else if constexpr (std::is_same_v<T, std::uint16_t>) {
    return ElementType::U16;
  } else if constexpr (std::is_same_v<T, std::uint32_t>) {
    return ElementType::U32;
  } else if constexpr (std::is_same_v<T, std::uint64_t>) {
    return ElementType::U64;
  } else if constexpr (std::is_same_v<T, float>) {
    return ElementType::F32;
  } else {
    static_assert(std::is_same_v<T, double>, "agent columns hold u8, u16, u32, u64, f32 or f64");
    return ElementType::F64;
  }
}

/// The names of an enum column's values, in value order; empty for numbers.
template <class T>
constexpr std::span<const std::string_view> value_names_of() {
  if constexpr (std::is_same_v<T, AgentKind>) {
    return kAgentKindNames;
  } else if constexpr (std::is_same_v<T, FirmType>) {
    return kFirmTypeNames;
  } else {
    return {};
  }
}

/// Every column of the agent store, declared once. The store's members and
/// accessors, its add/remove/memory code, the snapshot frames and the run
/// file's /particles/agents columns are all generated from this list, so a new
/// column is one line here plus the code that uses it. Each entry is
///   X(member, type, shape, access, output, "name", "unit", "description", initial)
/// member: the accessor (`agents.member()`); access: Writable (phases may
/// write it in place) or ReadOnly; output: Recorded in snapshots or
/// NotRecorded; name, unit, description: the column in run files, in list
/// order; initial: a new agent's value, from the NewAgent `agent` and its `id`.
// clang-format off
#define CLUSTERSIM_AGENT_COLUMNS(X)                                                               \
  X(ids, AgentId, Scalar, ReadOnly, Recorded, "id", "", "agent id, never reused", id)             \
  X(stream_keys, std::uint64_t, Scalar, ReadOnly, NotRecorded, "stream_key", "",                 \
    "key of the agent's random streams", agent.stream_key != 0 ? agent.stream_key : id)        \
  X(kinds, AgentKind, Scalar, Writable, Recorded, "kind", "", "agent kind", agent.kind)            \
  X(firm_types, FirmType, Scalar, ReadOnly, Recorded, "firm_type", "", "what an IT firm makes",    \
    agent.firm_type)                                                                              \
  X(regions, RegionIndex, Scalar, Writable, Recorded, "region", "", "index into /regions/name",    \
    agent.region)                                                                                 \
  X(employees, float, Scalar, Writable, Recorded, "employees", "persons", "head count",            \
    agent.employees)                                                                              \
  X(capital, double, Scalar, Writable, Recorded, "capital", "million tenge", "capital held",       \
    agent.capital)                                                                                \
  X(value_added, double, Scalar, Writable, Recorded, "value_added", "million tenge / year",       \
    "value added, annual rate", 0.0)                                                              \
  X(productivity, float, Scalar, ReadOnly, Recorded, "productivity", "1",                        \
    "persistent productivity (ability) drawn at birth, multiplies value added", agent.productivity) \
  X(operating_profit, double, Scalar, Writable, NotRecorded, "operating_profit",               \
    "million tenge / year", "value added less wages, tie costs and fixed cost, last production", \
    0.0)                                                                                          \
  X(support, double, Scalar, Writable, NotRecorded, "support", "million tenge",                  \
    "unconditional support captured while losing money, fading over support_memory_years", 0.0) \
  X(rd_intensity, float, Scalar, Writable, NotRecorded, "rd_intensity", "1",                      \
    "share of value added spent on R&D", agent.rd_intensity)                                      \
  X(knowledge, float, PerField, Writable, Recorded, "knowledge", "knowledge units",               \
    "knowledge stock per technology field", agent.knowledge)                                      \
  X(age, std::uint32_t, Scalar, Writable, Recorded, "age", "ticks", "ticks since entry", 0)
// clang-format on

/// One column of the list above, as data.
struct AgentColumn {
  std::string_view name;
  std::string_view unit;  ///< empty: not a quantity
  std::string_view description;
  ElementType type;
  ColumnShape shape;
  bool recorded;
  std::span<const std::string_view> value_names;  ///< an enum column's value names
};

#define CLUSTERSIM_DESCRIBE_COLUMN(member, Type, shape, access, output, name, unit, description, \
                                   initial)                                                      \
  AgentColumn{name,                                                                              \
              unit,                                                                              \
              description,                                                                       \
              element_type_of<Type>(),                                                           \
              ColumnShape::shape,                                                                \
              ColumnOutput::output == ColumnOutput::Recorded,                                    \
              value_names_of<Type>()},
inline constexpr AgentColumn kAgentColumns[] = {
    CLUSTERSIM_AGENT_COLUMNS(CLUSTERSIM_DESCRIBE_COLUMN)};
#undef CLUSTERSIM_DESCRIBE_COLUMN

// A mutable accessor for Writable columns only: ids never change, so slot
// order stays id order.
#define CLUSTERSIM_MUTABLE_COLUMN_Writable(member, Type) \
  std::span<Type> member() {                             \
    return member##_;                                    \
  }
#define CLUSTERSIM_MUTABLE_COLUMN_ReadOnly(member, Type)

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

  // Every column, indexed by slot (a PerField column slot-major: fields()
  // values per agent); writable columns also in place, for phases that update
  // agents (each parallel task writes only the slots it owns).
#define CLUSTERSIM_COLUMN_ACCESSORS(member, Type, shape, access, ...) \
  std::span<const Type> member() const {                              \
    return member##_;                                                 \
  }                                                                   \
  CLUSTERSIM_MUTABLE_COLUMN_##access(member, Type)
  CLUSTERSIM_AGENT_COLUMNS(CLUSTERSIM_COLUMN_ACCESSORS)
#undef CLUSTERSIM_COLUMN_ACCESSORS

  /// One agent's knowledge: fields() floats.
  std::span<const float> knowledge(std::size_t slot) const {
    return {knowledge_.data() + slot * fields_, fields_};
  }
  std::span<float> knowledge(std::size_t slot) {
    return {knowledge_.data() + slot * fields_, fields_};
  }

  /// Calls f(kAgentColumns[c], column c's values as a std::span<const T>) for
  /// every column c, in list order (the snapshot frames copy them this way).
  template <class F>
  void for_each_column(F&& f) const {
    std::size_t c = 0;
#define CLUSTERSIM_VISIT_COLUMN(member, Type, ...) f(kAgentColumns[c++], member());
    CLUSTERSIM_AGENT_COLUMNS(CLUSTERSIM_VISIT_COLUMN)
#undef CLUSTERSIM_VISIT_COLUMN
  }

  /// Exchanges the whole knowledge column with `next` (same size), for phases
  /// that read last tick's knowledge and write the next into a second buffer.
  /// Throws std::invalid_argument on a size mismatch.
  void swap_knowledge(std::vector<float>& next);

  /// Bytes held by the columns (capacity, not just size).
  std::size_t memory_bytes() const;

 private:
  std::size_t width(ColumnShape shape) const {
    return shape == ColumnShape::PerField ? fields_ : 1;
  }

  std::size_t fields_;
  AgentId next_id_ = 0;
#define CLUSTERSIM_COLUMN_MEMBER(member, Type, ...) std::vector<Type> member##_;
  CLUSTERSIM_AGENT_COLUMNS(CLUSTERSIM_COLUMN_MEMBER)
#undef CLUSTERSIM_COLUMN_MEMBER
};

#undef CLUSTERSIM_MUTABLE_COLUMN_Writable
#undef CLUSTERSIM_MUTABLE_COLUMN_ReadOnly

}  // namespace clustersim::sim
