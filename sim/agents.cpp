#include "sim/agents.hpp"

#include <algorithm>
#include <stdexcept>

namespace clustersim::sim {

std::string_view to_string(AgentKind kind) {
  switch (kind) {
    case AgentKind::LargeFirm:
      return "large_firm";
    case AgentKind::Sme:
      return "sme";
    case AgentKind::University:
      return "university";
    case AgentKind::Government:
      return "government";
    case AgentKind::CivilSociety:
      return "civil_society";
  }
  return "unknown";
}

std::string_view to_string(FirmType type) {
  switch (type) {
    case FirmType::None:
      return "none";
    case FirmType::Product:
      return "product";
    case FirmType::Content:
      return "content";
  }
  return "unknown";
}

AgentStore::AgentStore(std::size_t fields) : fields_(fields) {
  if (fields == 0) throw std::invalid_argument("an agent needs at least one knowledge field");
}

AgentId AgentStore::add(const NewAgent& agent) {
  if (!agent.knowledge.empty() && agent.knowledge.size() != fields_) {
    throw std::invalid_argument("knowledge vector has " + std::to_string(agent.knowledge.size()) +
                                " fields, the store has " + std::to_string(fields_));
  }
  const AgentId id = next_id_++;
  ids_.push_back(id);
  kinds_.push_back(agent.kind);
  firm_types_.push_back(agent.firm_type);
  regions_.push_back(agent.region);
  employees_.push_back(agent.employees);
  capital_.push_back(agent.capital);
  value_added_.push_back(0.0);
  rd_intensity_.push_back(agent.rd_intensity);
  age_.push_back(0);
  if (agent.knowledge.empty()) {
    knowledge_.resize(knowledge_.size() + fields_, 0.0f);
  } else {
    knowledge_.insert(knowledge_.end(), agent.knowledge.begin(), agent.knowledge.end());
  }
  return id;
}

std::size_t AgentStore::slot_of(AgentId id) const {
  const auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
  if (it == ids_.end() || *it != id) return kNoSlot;
  return static_cast<std::size_t>(it - ids_.begin());
}

namespace {
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
  compact(ids_, new_slot, 1);
  compact(kinds_, new_slot, 1);
  compact(firm_types_, new_slot, 1);
  compact(regions_, new_slot, 1);
  compact(employees_, new_slot, 1);
  compact(capital_, new_slot, 1);
  compact(value_added_, new_slot, 1);
  compact(rd_intensity_, new_slot, 1);
  compact(age_, new_slot, 1);
  compact(knowledge_, new_slot, fields_);
  ids_.resize(kept);
  kinds_.resize(kept);
  firm_types_.resize(kept);
  regions_.resize(kept);
  employees_.resize(kept);
  capital_.resize(kept);
  value_added_.resize(kept);
  rd_intensity_.resize(kept);
  age_.resize(kept);
  knowledge_.resize(kept * fields_);
  return new_slot;
}

void AgentStore::swap_knowledge(std::vector<float>& next) {
  if (next.size() != knowledge_.size()) {
    throw std::invalid_argument("swap_knowledge: buffer size does not match the store");
  }
  knowledge_.swap(next);
}

std::size_t AgentStore::memory_bytes() const {
  return ids_.capacity() * sizeof(AgentId) + kinds_.capacity() * sizeof(AgentKind) +
         firm_types_.capacity() * sizeof(FirmType) + regions_.capacity() * sizeof(RegionIndex) +
         employees_.capacity() * sizeof(float) + capital_.capacity() * sizeof(double) +
         value_added_.capacity() * sizeof(double) + rd_intensity_.capacity() * sizeof(float) +
         age_.capacity() * sizeof(std::uint32_t) + knowledge_.capacity() * sizeof(float);
}

}  // namespace clustersim::sim
