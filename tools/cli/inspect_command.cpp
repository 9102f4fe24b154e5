// `clustersim inspect FILE`: what a run file holds — provenance, status, the
// observables with their shapes, the snapshots, each region's final values.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "output/hdf5_recorder.hpp"
#include "output/inspect.hpp"
#include "tools/cli/command.hpp"
#include "tools/cli/help.hpp"

namespace clustersim::cli {

namespace {

struct InspectOptions {
  std::string file;
  std::size_t max_regions = 12;
};

int inspect(const InspectOptions& o) {
  try {
    output::InspectOptions options;
    options.max_regions = o.max_regions;
    std::cout << output::inspect_run_file(o.file, options);
    return kExitOk;
  } catch (const output::NotARunFile& e) {
    std::fprintf(stderr, "clustersim: %s\n", e.what());
    return kExitInvalidInput;
  } catch (const output::OutputError& e) {
    std::fprintf(stderr, "clustersim: %s\n", e.what());
    return kExitRuntimeFailure;
  }
}

}  // namespace

void register_inspect_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<InspectOptions>();
  CLI::App* cmd = app.add_subcommand(
      "inspect", "Describe a run file: provenance, status, observables, snapshots, final values");
  cmd->add_option("file", options->file, "Run file (.h5, or the .h5.partial of a running run)")
      ->required();
  cmd->add_option("--max-regions", options->max_regions,
                  "Regions shown as columns of the final-values table (default 12)")
      ->type_name("N")
      ->check(CLI::Range(1u, 100000u));
  cmd->footer(help_footer({"clustersim inspect out/demo.h5",
                           "clustersim inspect out/kazakhstan_2010.h5 --max-regions 16"},
                          {{kExitOk, "the file was described"},
                           {kExitRuntimeFailure,
                            "the file cannot be read (for example, it does "
                            "not exist)"},
                           {kExitInvalidInput, "the file is not a clustersim run file"}}));
  cmd->callback([options, &action] { action = [options] { return inspect(*options); }; });
}

}  // namespace clustersim::cli
