#pragma once
// The program's help, in one place: the formatter that makes every option's
// help read as words, the examples-and-exit-status footer of each command, the
// check that catches a misspelt command before CLI11 does, and the man page and
// shell completion scripts, generated from the same CLI::App as `--help`.
#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tools/cli/command.hpp"

namespace clustersim::cli {

/// The help formatter: an option's value is shown by its type name alone
/// (`--progress auto|always|never`, `--threads N`), without CLI11's validator
/// descriptions, and positionals by their names in capitals (`SCENARIO`).
std::shared_ptr<CLI::Formatter> make_help_formatter();

/// Lists the commands of `app` and of its commands under "Commands:" (not
/// CLI11's "Subcommands:"); call after every command is registered.
void name_command_groups(CLI::App& app);

/// The footer of a command's help: examples, then the exit statuses.
std::string help_footer(const std::vector<std::string>& examples,
                        const std::vector<std::pair<int, std::string>>& statuses);

/// The name in `names` closest to `typed` (a misspelling: at most two edits, or
/// a prefix of exactly one name); empty if none is close.
std::string closest_name(const std::string& typed, const std::vector<std::string>& names);

/// Checks the command words of the arguments (`clustersim sweep plan ...`)
/// against the commands `app` knows. Returns an error message such as
/// "unknown command 'runn'; did you mean 'run'?", or empty if they are known.
std::string unknown_command_message(const CLI::App& app, const std::vector<std::string>& args);

/// The deepest command the parse selected (`app` itself when none was).
const CLI::App& selected_command(const CLI::App& app);

/// The man page (roff, man(7) macros) of the program and all its commands.
std::string man_page(const CLI::App& app);

/// Completion scripts for bash and zsh: command names, each command's options,
/// the choices of options like --progress, file names elsewhere.
std::string bash_completion(const CLI::App& app);
std::string zsh_completion(const CLI::App& app);

/// `clustersim help [COMMAND...] [--man]` and `clustersim completion bash|zsh`.
void register_help_commands(CLI::App& app, Action& action);

}  // namespace clustersim::cli
