#pragma once
// One spelling table per enumeration instead of a switch per direction: an
// enum whose values are 0, 1, …, N−1 is named by an array of N names, and the
// same array turns a name back into the value and lists the choices for help
// and error messages.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clustersim::sim {

template <typename Enum, std::size_t N>
constexpr std::string_view enum_name(const std::array<std::string_view, N>& names, Enum value) {
  const auto index = static_cast<std::size_t>(value);
  return index < N ? names[index] : std::string_view("unknown");
}

template <typename Enum, std::size_t N>
constexpr std::optional<Enum> enum_from_name(const std::array<std::string_view, N>& names,
                                             std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

template <std::size_t N>
std::vector<std::string> enum_names(const std::array<std::string_view, N>& names) {
  return {names.begin(), names.end()};
}

}  // namespace clustersim::sim
