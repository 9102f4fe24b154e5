// `clustersim run` and `clustersim validate`.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "models/scenario/reader.hpp"
#include "tools/cli/command.hpp"
#include "tools/cli/interrupt.hpp"
#include "tools/run/progress.hpp"
#include "tools/run/scenario_run.hpp"

namespace clustersim::cli {

using run::ProgressMode;
using run::run_scenario;
using run::RunRequest;
using run::RunResult;

namespace {

struct RunOptions {
  std::string scenario;
  std::string output;
  std::uint64_t seed = 0;
  bool seed_given = false;
  unsigned threads = 0;
  std::uint32_t ticks = 0;
  bool ticks_given = false;
  std::vector<std::string> sets;
  ProgressMode progress = ProgressMode::Auto;
  bool force = false;
  std::uint32_t snapshot_every = 0;
  bool swmr = false;
  bool print_resolved = false;
  std::string command_line;
};

/// Reads the scenario and applies the options that change it. Throws ScenarioError.
cluster_model::Scenario load(const RunOptions& o) {
  std::vector<scenario::Override> overrides;
  for (const std::string& s : o.sets) overrides.push_back(scenario::parse_override(s));
  cluster_model::Scenario scenario = scenario::read_scenario(o.scenario, overrides);
  if (o.seed_given) scenario.seed = o.seed;
  if (o.ticks_given) scenario.ticks = o.ticks;
  return scenario;
}

std::filesystem::path output_path(const RunOptions& o, const cluster_model::Scenario& scenario) {
  if (!o.output.empty()) return o.output;
  if (!scenario.output_path.empty()) return scenario.output_path;
  return std::filesystem::path("out") / (scenario.name + ".h5");
}

void print_summary(const sim::World& world) {
  const sim::IndicatorTable& t = world.indicators;
  const char* columns[] = {"large_firms", "smes",           "universities", "employees",
                           "value_added", "mean_knowledge", "edges"};
  std::printf("%-20s", "region");
  for (const char* c : columns) std::printf(" %14s", c);
  std::printf("\n");
  for (std::size_t r = 0; r < world.regions.size(); ++r) {
    std::printf("%-20.20s", world.regions[r].name.c_str());
    for (const char* c : columns) std::printf(" %14.6g", t.at(t.index_of(c), r));
    std::printf("\n");
  }
}

int run(const RunOptions& o) {
  cluster_model::Scenario scenario;
  try {
    scenario = load(o);
  } catch (const scenario::ScenarioError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kExitInvalidInput;
  }
  const std::filesystem::path path = output_path(o, scenario);
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && !o.force) {
    std::fprintf(stderr,
                 "clustersim: %s already exists; pass --force to replace it (nothing was run)\n",
                 path.c_str());
    return kExitInvalidInput;
  }
  if (o.output.empty() && !path.parent_path().empty()) {
    // The scenario's (or the default out/) folder is created; a folder the user
    // typed with -o must exist, so a typo there is an error, not a new tree.
    std::filesystem::create_directories(path.parent_path(), ec);
  }

  InterruptGuard interrupt;
  RunRequest request{scenario,
                     path,
                     o.threads,
                     o.force,
                     o.snapshot_every,
                     o.swmr,
                     o.progress,
                     o.command_line,
                     [&interrupt] { return interrupt.requested(); }};
  std::fprintf(stderr, "clustersim: running '%s': %zu regions, %u ticks, seed %llu\n",
               scenario.name.c_str(), scenario.regions.size(), scenario.ticks,
               static_cast<unsigned long long>(scenario.seed));
  const RunResult result = run_scenario(request);
  if (result.outcome == sim::RunOutcome::Interrupted) {
    std::fprintf(stderr, "clustersim: interrupted by signal %d; partial results kept in %s\n",
                 interrupt.signal_number(), result.file.c_str());
    return kExitInterrupted;
  }
  print_summary(*result.world);
  std::fprintf(stderr, "clustersim: wrote %s\n", path.c_str());
  return kExitOk;
}

int validate(const RunOptions& o) {
  try {
    const cluster_model::Scenario scenario = load(o);
    if (o.print_resolved) {
      std::cout << scenario.resolved_text << "\n";
    } else {
      std::cout << o.scenario << ": valid (" << scenario.regions.size() << " regions, "
                << scenario.ticks << " ticks)\n";
    }
    return kExitOk;
  } catch (const scenario::ScenarioError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kExitInvalidInput;
  }
}

void add_scenario_options(CLI::App* cmd, RunOptions& o) {
  cmd->add_option("scenario", o.scenario, "Scenario file (YAML)")->required();
  cmd->add_option("--set", o.sets,
                  "Override a scenario value: KEY.PATH=VALUE (VALUE is YAML); repeatable")
      ->type_name("KEY=VALUE")
      ->take_all();
}

}  // namespace

void register_run_command(CLI::App& app, Action& action, const std::string& command_line) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run a scenario and write its trajectory to HDF5");
  add_scenario_options(cmd, *options);
  cmd->add_option("-o,--output", options->output,
                  "Output file (default: output.path, else out/NAME.h5)");
  cmd->add_option_function<std::uint64_t>(
      "--seed",
      [options](std::uint64_t s) {
        options->seed = s;
        options->seed_given = true;
      },
      "Random seed (overrides the scenario's)");
  cmd->add_option("--threads", options->threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(1u, 4096u));
  cmd->add_option_function<std::uint32_t>(
      "--ticks",
      [options](std::uint32_t t) {
        options->ticks = t;
        options->ticks_given = true;
      },
      "Number of ticks (overrides the scenario's)");
  const std::map<std::string, ProgressMode> modes{{"auto", ProgressMode::Auto},
                                                  {"always", ProgressMode::Always},
                                                  {"never", ProgressMode::Never}};
  cmd->add_option("--progress", options->progress, "Progress display: auto, always or never")
      ->transform(CLI::CheckedTransformer(modes, CLI::ignore_case));
  cmd->add_flag("--force", options->force, "Replace an existing output file");
  cmd->add_option("--snapshot-every", options->snapshot_every,
                  "Write agent and network snapshots at tick 0 and every K ticks "
                  "(default: output.snapshot_every, else none)")
      ->type_name("K")
      ->check(CLI::Range(1u, 10000000u));
  cmd->add_flag("--swmr", options->swmr,
                "Let readers (h5py with swmr=True) open the .partial file while the run writes it");
  options->command_line = command_line;
  cmd->callback([options, &action] { action = [options] { return run(*options); }; });
}

void register_validate_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("validate", "Check a scenario without running it");
  add_scenario_options(cmd, *options);
  cmd->add_flag("--print-resolved", options->print_resolved,
                "Print the scenario after includes and overrides");
  cmd->callback([options, &action] { action = [options] { return validate(*options); }; });
}

}  // namespace clustersim::cli
