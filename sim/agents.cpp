#include "sim/agents.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace clustersim::sim {

namespace {
/// Appends one agent's value to a column: one value, or a PerField column's
/// `fields` values (an empty vector means zeros).
template <ColumnShape shape, class T, class V>
void append(std::vector<T>& column, const V& value, std::size_t fields) {
  if constexpr (shape == ColumnShape::PerField) {
    if (value.empty()) {
      column.resize(column.size() + fields, T{});
    } else {
      column.insert(column.end(), value.begin(), value.end());
    }
  } else {
    column.push_back(static_cast<T>(value));
  }
}

/// Throws if a PerField column's initial value has neither 0 nor `fields` values.
template <ColumnShape shape, class V>
void check_width(std::string_view name, const V& value, std::size_t fields) {
  if constexpr (shape == ColumnShape::PerField) {
    if (!value.empty() && value.size() != fields) {
      throw std::invalid_argument(std::string(name) + " vector has " +
                                  std::to_string(value.size()) + " fields, the store has " +
                                  std::to_string(fields));
    }
  }
}

template <class T>
void compact(std::vector<T>& column, const std::vector<std::size_t>& new_slot, std::size_t width) {
  for (std::size_t old = 0; old < new_slot.size(); ++old) {
    const std::size_t to = new_slot[old];
    if (to == kNoSlot || to == old) continue;
    std::copy_n(column.begin() + static_cast<std::ptrdiff_t>(old * width), width,
                column.begin() + static_cast<std::ptrdiff_t>(to * width));
  }
}
}  // namespace

AgentStore::AgentStore(std::size_t fields) : fields_(fields) {
  if (fields == 0) throw std::invalid_argument("an agent needs at least one knowledge field");
}

AgentId AgentStore::add(const NewAgent& agent) {
  const AgentId id = next_id_;
  // Every check before the first append, so a refused agent leaves no trace.
#define CLUSTERSIM_CHECK_COLUMN(member, Type, shape, access, output, name, unit, description, \
                                initial)                                                      \
  check_width<ColumnShape::shape>(name, initial, fields_);
  CLUSTERSIM_AGENT_COLUMNS(CLUSTERSIM_CHECK_COLUMN)
#undef CLUSTERSIM_CHECK_COLUMN
#define CLUSTERSIM_APPEND_COLUMN(member, Type, shape, access, output, name, unit, description, \
                                 initial)                                                      \
  append<ColumnShape::shape>(member##_, initial, fields_);
  CLUSTERSIM_AGENT_COLUMNS(CLUSTERSIM_APPEND_COLUMN)
#undef CLUSTERSIM_APPEND_COLUMN
  ++next_id_;
  return id;
}

std::size_t AgentStore::slot_of(AgentId id) const {
  const auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
  if (it == ids_.end() || *it != id) return kNoSlot;
  return static_cast<std::size_t>(it - ids_.begin());
}

std::vector<std::size_t> AgentStore::remove(const std::vector<std::uint8_t>& remove_flag) {
  if (remove_flag.size() != size()) {
    throw std::invalid_argument("remove: flag vector does not match the number of agents");
  }
  std::vector<std::size_t> new_slot(size(), kNoSlot);
  std::size_t kept = 0;
  for (std::size_t s = 0; s < size(); ++s) {
    if (!remove_flag[s]) new_slot[s] = kept++;
  }
  // new_slot is increasing and never above the old slot, so an in-place forward
  // copy never overwrites a value that is still to be read.
#define CLUSTERSIM_COMPACT_COLUMN(member, Type, shape, ...) \
  compact(member##_, new_slot, width(ColumnShape::shape));  \
  member##_.resize(kept* width(ColumnShape::shape));
  CLUSTERSIM_AGENT_COLUMNS(CLUSTERSIM_COMPACT_COLUMN)
#undef CLUSTERSIM_COMPACT_COLUMN
  return new_slot;
}

void AgentStore::swap_knowledge(std::vector<float>& next) {
  if (next.size() != knowledge_.size()) {
    throw std::invalid_argument("swap_knowledge: buffer size does not match the store");
  }
  knowledge_.swap(next);
}

std::size_t AgentStore::memory_bytes() const {
  std::size_t bytes = 0;
#define CLUSTERSIM_COLUMN_BYTES(member, Type, ...) bytes += member##_.capacity() * sizeof(Type);
  CLUSTERSIM_AGENT_COLUMNS(CLUSTERSIM_COLUMN_BYTES)
#undef CLUSTERSIM_COLUMN_BYTES
  return bytes;
}

}  // namespace clustersim::sim
