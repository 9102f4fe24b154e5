#pragma once
// How subcommands plug into the `clustersim` program: each one registers its
// options on the application and, when the user picks it, stores the function
// that runs it. main() parses, then calls that function and exits with its status.
#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace clustersim::cli {

/// Exit statuses shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntimeFailure = 1;
inline constexpr int kExitInvalidInput = 2;
inline constexpr int kExitInterrupted = 130;

using Action = std::function<int()>;

/// command_line: the program's arguments as typed, recorded in the run file.
void register_run_command(CLI::App& app, Action& action, const std::string& command_line);
void register_validate_command(CLI::App& app, Action& action);
void register_bench_command(CLI::App& app, Action& action);
void register_sweep_command(CLI::App& app, Action& action);
void register_inspect_command(CLI::App& app, Action& action);
void register_indices_command(CLI::App& app, Action& action);

}  // namespace clustersim::cli
