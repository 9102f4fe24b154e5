// `clustersim indices DATA.csv [--year Y]`: regional assessment indices from data.
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "models/indices/indices_report.hpp"
#include "models/indices/regional_table.hpp"
#include "tools/cli/command.hpp"
#include "tools/cli/help.hpp"

namespace clustersim::cli {

namespace {
struct IndicesOptions {
  std::string file;
  std::optional<int> year;
};

int indices(const IndicesOptions& o) {
  indices::RegionalTable table;
  try {
    table = indices::read_regional_table(o.file);
  } catch (const indices::TableError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kExitInvalidInput;
  }
  for (const std::string& column : table.ignored_columns) {
    std::fprintf(stderr, "clustersim: note: %s: column '%s' is not used by any index\n",
                 o.file.c_str(), column.c_str());
  }
  try {
    std::cout << indices::to_csv(indices::compute_index_report(table, o.year));
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "%s: %s\n", o.file.c_str(), e.what());
    return kExitInvalidInput;
  }
  return kExitOk;
}
}  // namespace

void register_indices_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<IndicesOptions>();
  CLI::App* cmd = app.add_subcommand(
      "indices",
      "Regional assessment indices from a CSV table: shares of the national total, HHI, "
      "Krugman specialisation, susceptibility/activity index and rank");
  cmd->add_option("data", options->file,
                  "CSV: 'region,2010,2011,...' (wide by year) or a 'region' column with any of "
                  "year, sector, value and the six assessment indicators")
      ->required();
  cmd->add_option_function<int>(
         "--year", [options](int y) { options->year = y; }, "Only this year (default: every year)")
      ->type_name("YEAR");
  cmd->footer(help_footer(
      {"clustersim indices scenarios/data/kz_it_output_2010_2016.csv",
       "clustersim indices scenarios/data/kz_it_output_2010_2016.csv --year 2016 > indices.csv"},
      {{kExitOk, "the indices were printed (CSV)"},
       {kExitInvalidInput,
        "the table is not valid (FILE:LINE:COLUMN: message), or has no data for YEAR"}}));
  cmd->callback([options, &action] { action = [options] { return indices(*options); }; });
}

}  // namespace clustersim::cli
