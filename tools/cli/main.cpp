// clustersim: the command-line program. Each subcommand lives in its own file
// and registers itself here; main only parses and dispatches.
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>

#include "tools/cli/command.hpp"
#include "tools/run/versions.hpp"

int main(int argc, char** argv) {
  using namespace clustersim::cli;
  using clustersim::run::version_text;
  CLI::App app{"clustersim: agent-based simulation of regional innovation clusters"};
  app.require_subcommand(1);
  app.set_version_flag(
      "--version", [] { return version_text(); }, "Print the version and library versions");
  Action action;
  std::string command_line;
  for (int i = 0; i < argc; ++i) command_line += (i ? " " : "") + std::string(argv[i]);
  register_run_command(app, action, command_line);
  register_validate_command(app, action);
  register_bench_command(app, action);
  register_sweep_command(app, action);
  register_inspect_command(app, action);
  register_indices_command(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    std::cout << version_text();
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    // CLI11 reports usage errors with its own code; the program's contract is
    // that invalid input exits 2.
    app.exit(e);
    return kExitInvalidInput;
  }
  try {
    return action ? action() : kExitInvalidInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "clustersim: error: %s\n", e.what());
    return kExitRuntimeFailure;
  }
}
