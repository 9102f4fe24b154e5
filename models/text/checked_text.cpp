#include "models/text/checked_text.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace clustersim::text {

namespace {
std::string at(std::size_t byte) {
  return " at byte " + std::to_string(byte + 1);
}

/// Length of the UTF-8 sequence starting at s[i] (1-4), or 0 if it is not one
/// (overlong forms, surrogates and code points past U+10FFFF included).
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  char32_t code = 0, least = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2, code = c & 0x1F, least = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, code = c & 0x0F, least = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, code = c & 0x07, least = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  if (code < least || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return n;
}
}  // namespace

std::optional<std::string> text_problem(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return "contains a NUL character" + at(i);
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
      char code[8];
      std::snprintf(code, sizeof code, "0x%02X", c);
      return "contains the control character " + std::string(code) + at(i);
    }
    const std::size_t n = utf8_length(s, i);
    if (n == 0) {
      return "is not valid UTF-8" + at(i) +
             " (save the file as UTF-8; Latin-1 and cp1251 texts are not read)";
    }
    i += n;
  }
  return std::nullopt;
}

std::string_view without_bom(std::string_view s) {
  return s.substr(0, 3) == "\xEF\xBB\xBF" ? s.substr(3) : s;
}

std::string read_data_file(const std::filesystem::path& path, std::size_t max_bytes) {
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status))
    throw std::runtime_error("cannot open the file: no such file");
  if (!std::filesystem::is_regular_file(status)) {
    throw std::runtime_error("not a regular file (a folder, FIFO or device cannot be read)");
  }
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (!ec && size > max_bytes) {
    throw std::runtime_error("the file has " + std::to_string(size) + " bytes, more than the " +
                             std::to_string(max_bytes) + " a data file may have");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open the file");
  std::ostringstream content;
  content << in.rdbuf();
  std::string text = content.str();
  if (text.size() > max_bytes) throw std::runtime_error("the file grew past the size limit");
  return text;
}

std::string file_name_of(std::string_view name) {
  std::string out;
  for (const char c : name) {
    // Bytes of multi-byte UTF-8 characters (Kazakh and Russian names) are kept.
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '-' || c == '_' || static_cast<unsigned char>(c) >= 0x80;
    out += plain && !(c == '.' && out.empty()) ? c : '_';
  }
  return out.empty() ? "run" : out;
}

}  // namespace clustersim::text
