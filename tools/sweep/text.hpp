#pragma once
// Text forms shared by the sweep's files: numbers that read back to the same
// double, and CSV fields. Every file of a sweep is written through these, so
// the same values always give the same bytes.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

namespace clustersim::sweep {

/// The shortest decimal text that reads back as exactly `value` ("nan" for NaN).
inline std::string format_number(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::string("nan");
}

/// A CSV field, quoted (RFC 4180) only when it has to be.
inline std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace clustersim::sweep
