#pragma once
// Checks on the text users bring (scenario strings, CSV cells and files):
// names become region labels, HDF5 strings and file names, so a NUL (which
// cuts a C string), a control character or bytes that are not UTF-8 (a CSV
// saved as Latin-1 or cp1251) are refused where they are found, never passed
// on to break a reader later.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace clustersim::text {

/// What is wrong with `s` as text, with its byte position, or nothing: a NUL,
/// a control character other than tab and newline, or bytes that are not
/// UTF-8. The position is 1-based.
std::optional<std::string> text_problem(std::string_view s);

/// `s` with one leading UTF-8 byte-order mark removed (spreadsheets write it).
std::string_view without_bom(std::string_view s);

/// A data file's whole content. Refuses, with the reason, anything that is not
/// a regular file (a FIFO would block forever, a device never ends) and files
/// over `max_bytes`; throws std::runtime_error.
std::string read_data_file(const std::filesystem::path& path, std::size_t max_bytes);

/// The largest data file (a regions CSV, an indices table) read: 64 MiB, far
/// above any regional table, far below what would exhaust memory.
inline constexpr std::size_t kMaxDataFileBytes = std::size_t{64} << 20;

/// A text usable as one file name: ASCII characters other than letters,
/// digits, '.', '-' and '_' (a '/', a space, a NUL) become '_', and a leading
/// '.' too, so the name can neither climb out of a folder ("..") nor hide;
/// non-ASCII UTF-8 (Kazakh, Russian) is kept. Empty input gives "run".
std::string file_name_of(std::string_view name);

}  // namespace clustersim::text
