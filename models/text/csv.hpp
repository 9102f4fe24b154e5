#pragma once
// A small CSV reader for the regional data files users bring: comma-separated,
// RFC 4180 quoting, '#' comment lines, spaces around unquoted cells trimmed,
// every cell with its line and column so errors can point at it.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace clustersim::text {

/// A malformed line; callers add the file name to make a located message.
class CsvError : public std::runtime_error {
 public:
  CsvError(int line_number, int column_number, const std::string& what_happened)
      : std::runtime_error(what_happened), line(line_number), column(column_number) {}
  int line, column;
};

struct CsvCell {
  std::string text;
  int column;  ///< 1-based position of the cell's first character
};

struct CsvLine {
  std::vector<CsvCell> cells;
  int line;  ///< 1-based line number in the file
};

/// Splits `text` into non-empty, non-comment lines of cells. Throws CsvError
/// on an unclosed quote or text after a closing quote.
std::vector<CsvLine> parse_csv(std::string_view text);

/// parse_csv, and every cell checked as text (text_problem: no NUL, no
/// control character, valid UTF-8; the error names the cell's line and
/// column), and a header that is one cell holding ';' refused with the reason
/// (a spreadsheet set to ';' as separator wrote the file). Throws CsvError.
std::vector<CsvLine> checked_csv(std::string_view text);

}  // namespace clustersim::text
