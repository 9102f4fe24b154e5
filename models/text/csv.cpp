#include "models/text/csv.hpp"

#include "models/text/checked_text.hpp"

#include <algorithm>
#include <stdexcept>

namespace clustersim::text {

namespace {

[[noreturn]] void fail(int line, int column, const std::string& message) {
  throw CsvError(line, column, message);
}

std::vector<CsvCell> split_line(std::string_view line, int line_number) {
  std::vector<CsvCell> cells;
  std::size_t i = 0;
  while (true) {
    CsvCell cell{"", static_cast<int>(i) + 1};
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (true) {
        if (i >= line.size()) fail(line_number, cell.column, "unclosed quote");
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            cell.text += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        cell.text += line[i++];
      }
      if (i < line.size() && line[i] != ',') {
        fail(line_number, static_cast<int>(i) + 1, "text after a closing quote");
      }
    } else {
      const std::size_t end = std::min(line.find(',', i), line.size());
      cell.text = std::string(line.substr(i, end - i));
      i = end;
    }
    // Hand-made files often have "1, 2": trim spaces around cells.
    const auto first = cell.text.find_first_not_of(" \t");
    const auto last = cell.text.find_last_not_of(" \t");
    cell.text = first == std::string::npos ? "" : cell.text.substr(first, last - first + 1);
    cells.push_back(std::move(cell));
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return cells;
}

}  // namespace

std::vector<CsvLine> parse_csv(std::string_view text) {
  std::vector<CsvLine> lines;
  std::size_t start = 0;
  int number = 1;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const auto content = line.find_first_not_of(" \t");
    if (content != std::string_view::npos && line[content] != '#') {
      lines.push_back({split_line(line, number), number});
    }
    if (end == text.size()) break;
    start = end + 1;
    ++number;
  }
  return lines;
}

std::vector<CsvLine> checked_csv(std::string_view text) {
  std::vector<CsvLine> lines = parse_csv(text);
  for (const CsvLine& line : lines) {
    for (const CsvCell& cell : line.cells) {
      if (const std::optional<std::string> problem = text_problem(cell.text)) {
        fail(line.line, cell.column, "the cell " + *problem);
      }
    }
  }
  if (!lines.empty() && lines.front().cells.size() == 1 &&
      lines.front().cells.front().text.find(';') != std::string::npos) {
    fail(lines.front().line, 1,
         "the header is one cell with ';' in it: cells must be separated by commas (the file "
         "was written with ';' as separator; export it as comma-separated CSV)");
  }
  return lines;
}

}  // namespace clustersim::text
