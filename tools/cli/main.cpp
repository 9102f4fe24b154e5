// clustersim: the command-line program. Each subcommand lives in its own file
// and registers itself here; main only parses and dispatches.
#include <cstdio>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "tools/cli/command.hpp"
#include "tools/cli/help.hpp"
#include "tools/run/versions.hpp"

int main(int argc, char** argv) {
  using namespace clustersim::cli;
  using clustersim::run::version_text;
  // The name is fixed, not argv[0], so help, the man page and the completion
  // scripts say `clustersim` however the program was started.
  CLI::App app{"clustersim: agent-based simulation of regional innovation clusters", "clustersim"};
  app.formatter(make_help_formatter());
  // At most one command; none prints the usage (below). The maximum also
  // lets `clustersim help run` read `run` as help's argument.
  app.require_subcommand(0, 1);
  app.set_version_flag(
      "--version", [] { return version_text(); }, "Print the version and library versions");
  app.footer(
      "Run 'clustersim COMMAND --help' for the options of a command, its examples and exit "
      "statuses.\n\n" +
      help_footer({"clustersim run scenarios/demo.yaml -o out/demo.h5",
                   "clustersim inspect out/demo.h5", "clustersim validate scenarios/demo.yaml"},
                  {{kExitOk, "success"},
                   {kExitRuntimeFailure, "runtime failure (for example, the disk filled up)"},
                   {kExitInvalidInput,
                    "invalid input: an unknown command or option, a scenario error "
                    "(FILE:LINE:COLUMN: key.path: message); nothing is run or written"},
                   {kExitInterrupted, "interrupted by Ctrl-C or SIGTERM"}}));
  Action action;
  std::string command_line;
  for (int i = 0; i < argc; ++i) command_line += (i ? " " : "") + std::string(argv[i]);
  register_run_command(app, action, command_line);
  register_validate_command(app, action);
  register_bench_command(app, action);
  register_sweep_command(app, action);
  register_inspect_command(app, action);
  register_indices_command(app, action);
  register_help_commands(app, action);
  name_command_groups(app);

  // A misspelt command is named, with the nearest one, before CLI11 would call
  // it an unexpected argument.
  if (const std::string message =
          unknown_command_message(app, std::vector<std::string>(argv + 1, argv + argc));
      !message.empty()) {
    std::fprintf(stderr, "clustersim: %s\nRun 'clustersim --help' for the list of commands.\n",
                 message.c_str());
    return kExitInvalidInput;
  }
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
  if (!action) {
    // No command (`clustersim`, `clustersim sweep`): the usage and the list of
    // commands of what was typed, as an error.
    std::cerr << app.help();
    return kExitInvalidInput;
  }
  try {
    return action();
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr,
                 "clustersim: error: out of memory (the run's file, if any, keeps the ticks "
                 "flushed before; a smaller scenario or --max-memory helps)\n");
    return kExitRuntimeFailure;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "clustersim: error: %s\n", e.what());
    return kExitRuntimeFailure;
  }
}
