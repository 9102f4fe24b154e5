#pragma once
// Reading a number that a person typed (a scenario value, a CSV cell): the
// whole text must be a number, and a finite one, so "12abc" and "1e400" are
// refused rather than read as 12 or infinity.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

namespace clustersim::text {

enum class NumberText { Ok, NotANumber, NotFinite };

/// Parses `text` into `value`; says what is wrong when it cannot.
inline NumberText parse_number_text(const std::string& text, double& value) {
  char* end = nullptr;
  errno = 0;
  value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) return NumberText::NotANumber;
  if (!std::isfinite(value) || errno == ERANGE) return NumberText::NotFinite;
  return NumberText::Ok;
}

}  // namespace clustersim::text
