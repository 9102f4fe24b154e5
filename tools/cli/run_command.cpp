// `clustersim run` and `clustersim validate`.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "models/cluster_model/world_size.hpp"
#include "models/parameters/agent_kinds.hpp"
#include "models/scenario/reader.hpp"
#include "models/scenario/schema.hpp"
#include "models/text/checked_text.hpp"
#include "output/destination.hpp"
#include "tools/cli/command.hpp"
#include "tools/cli/help.hpp"
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
  bool swmr = false;  ///< accepted for old scripts: SWMR writing is always on
  double flush_seconds = 1.0;
  double max_memory_gib = 0;  ///< 0: the memory the machine (or the job) has
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
  // The name is the user's text; only a safe file name made of it goes into a path.
  return std::filesystem::path("out") / (text::file_name_of(scenario.name) + ".h5");
}

/// Characters a UTF-8 text takes on a terminal (one per code point).
std::size_t display_width(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

/// The count series of the agent kinds that some region has at the end, then
/// the firms' main quantities.
std::vector<std::string> summary_columns(const sim::World& world) {
  const sim::IndicatorTable& t = world.indicators;
  std::vector<std::string> columns;
  for (const parameters::AgentKindSpec& kind : parameters::agent_kinds()) {
    const std::string name(kind.count_key);
    const std::size_t series = t.index_of(name);
    for (std::size_t r = 0; r < world.regions.size(); ++r) {
      if (t.at(series, r) > 0) {
        columns.push_back(name);
        break;
      }
    }
  }
  for (const char* c : {"employees", "value_added", "mean_knowledge", "edges"})
    columns.push_back(c);
  return columns;
}

void print_summary(const sim::World& world) {
  const sim::IndicatorTable& t = world.indicators;
  const std::vector<std::string> columns = summary_columns(world);
  // Region names are printed whole: the column is as wide as the longest.
  std::size_t width = 20;
  for (std::size_t r = 0; r < world.regions.size(); ++r) {
    width = std::max(width, display_width(world.regions[r].name));
  }
  std::printf("%-*s", static_cast<int>(width), "region");
  for (const std::string& c : columns) std::printf(" %14s", c.c_str());
  std::printf("\n");
  for (std::size_t r = 0; r < world.regions.size(); ++r) {
    const std::string& name = world.regions[r].name;
    std::printf("%s%*s", name.c_str(), static_cast<int>(width - display_width(name)), "");
    for (const std::string& c : columns) std::printf(" %14.6g", t.at(t.index_of(c), r));
    std::printf("\n");
  }
}

/// Why the scenario's world cannot be built in the memory there is (the
/// machine's, the job's cgroup's, or --max-memory), or nothing. Checked before
/// anything is built, so a world too large fails at once with the figures
/// instead of in std::bad_alloc or the OOM killer half-way.
std::optional<std::string> memory_refusal(const cluster_model::Scenario& scenario,
                                          double max_memory_gib) {
  constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
  const cluster_model::WorldSize size = cluster_model::estimate_world_size(scenario);
  const double limit = max_memory_gib > 0
                           ? max_memory_gib * kGiB
                           : static_cast<double>(cluster_model::available_memory_bytes());
  if (!(limit > 0) || size.bytes <= limit) return std::nullopt;
  char text[400];
  std::snprintf(text, sizeof text,
                "the world of this scenario needs at least %.3g GiB (%.4g agents x %.0f bytes, "
                "before the run adds any), more than the %.3g GiB %s",
                size.bytes / kGiB, size.agents, size.bytes_per_agent, limit / kGiB,
                max_memory_gib > 0 ? "that --max-memory allows"
                                   : "this machine (or job) has available; --max-memory GIB "
                                     "sets another limit");
  return std::string(text);
}

/// The files a run reads: its scenario, the scenario's includes and the data
/// files it names.
std::vector<std::filesystem::path> inputs_of(const cluster_model::Scenario& scenario) {
  std::vector<std::filesystem::path> inputs;
  if (!scenario.source_file.empty()) inputs.emplace_back(scenario.source_file);
  for (const std::string& f : scenario.included_files) inputs.emplace_back(f);
  for (const std::string& f : scenario.data_files) inputs.emplace_back(f);
  return inputs;
}

/// Makes the folder of an explicit output path when it is missing, is inside
/// the working directory and is one level deep (its own parent exists); sets
/// `created` to it. Returns why the folder cannot be used, or nothing.
std::optional<std::string> make_output_folder(const std::filesystem::path& path,
                                              std::filesystem::path& created) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path folder = path.parent_path();
  if (folder.empty() || fs::exists(folder, ec)) return std::nullopt;
  const fs::path cwd = fs::current_path(ec);
  const fs::path absolute = fs::weakly_canonical(fs::absolute(folder, ec), ec);
  const fs::path relative = absolute.lexically_relative(cwd);
  const bool inside = !ec && !relative.empty() && *relative.begin() != "..";
  if (!inside || !fs::is_directory(absolute.parent_path(), ec)) {
    return "folder " + folder.string() +
           " does not exist (clustersim creates the folder of -o only when it is a single new "
           "folder inside the working directory; create it first)";
  }
  if (!fs::create_directory(absolute, ec) && ec) {
    return "cannot create folder " + folder.string() + ": " + ec.message();
  }
  created = absolute;
  return std::nullopt;
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
  // The output and the .partial beside it: without --force neither may exist;
  // with it, each may only be a run file that is not an input of this run.
  std::filesystem::path partial = path;
  partial += ".partial";
  for (const std::filesystem::path& p : {path, partial}) {
    const bool exists = std::filesystem::exists(std::filesystem::symlink_status(p, ec));
    if (exists && !o.force) {
      std::fprintf(stderr,
                   "clustersim: %s already exists; pass --force to replace it (nothing was run)\n",
                   p.c_str());
      return kExitInvalidInput;
    }
    if (const std::optional<std::string> why =
            output::replacement_refusal(p, inputs_of(scenario))) {
      std::fprintf(stderr, "clustersim: cannot write %s: %s (nothing was run)\n", path.c_str(),
                   why->c_str());
      return kExitInvalidInput;
    }
  }
  if (const std::optional<std::string> why = memory_refusal(scenario, o.max_memory_gib)) {
    std::fprintf(stderr, "clustersim: %s (nothing was run)\n", why->c_str());
    return kExitInvalidInput;
  }
  std::filesystem::path created;  // the folder made for -o, removed if the run writes nothing
  if (o.output.empty() && !path.parent_path().empty()) {
    // The scenario's (or the default out/) folder is created.
    std::filesystem::create_directories(path.parent_path(), ec);
  } else if (!o.output.empty()) {
    // The folder of -o is created when it is one new folder inside the working
    // directory (`-o out/demo.h5` in a fresh checkout); anything deeper must
    // exist, so a typo there is an error, not a new tree.
    if (const std::optional<std::string> refusal = make_output_folder(path, created)) {
      std::fprintf(stderr, "clustersim: cannot write %s: %s (nothing was run)\n", path.c_str(),
                   refusal->c_str());
      return kExitRuntimeFailure;
    }
  }
  // If the run fails before writing anything, the folder it made goes too.
  struct RemoveIfEmpty {
    std::filesystem::path dir;
    bool keep = false;
    ~RemoveIfEmpty() {
      std::error_code e;
      if (!keep && !dir.empty() && std::filesystem::is_empty(dir, e)) {
        std::filesystem::remove(dir, e);
      }
    }
  } created_guard{created};
  // One run at a time per output path, also where HDF5 cannot lock files
  // (declared after the folder's guard: the lock goes before the folder).
  output::OutputLock claim;
  if (const std::optional<std::string> why = claim.acquire(path)) {
    std::fprintf(stderr, "clustersim: cannot write %s: %s (nothing was run)\n", path.c_str(),
                 why->c_str());
    return kExitInvalidInput;
  }

  InterruptGuard interrupt;
  RunRequest request{scenario,
                     path,
                     o.threads,
                     o.force,
                     o.snapshot_every,
                     o.flush_seconds,
                     o.progress,
                     o.command_line,
                     [&interrupt] { return interrupt.requested(); }};
  std::fprintf(stderr, "clustersim: running '%s': %zu regions, %u ticks, seed %llu\n",
               scenario.name.c_str(), scenario.regions.size(), scenario.ticks,
               static_cast<unsigned long long>(scenario.seed));
  const RunResult result = run_scenario(request);
  created_guard.keep = true;
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

namespace {
/// An option that overrides a value of the scenario: it sets the value and
/// records that it was given (the scenario's own value stays otherwise).
template <typename T>
CLI::Option* add_override(CLI::App* cmd, const std::string& name,
                          std::shared_ptr<RunOptions> options, T RunOptions::*value,
                          bool RunOptions::*given, const std::string& description) {
  return cmd
      ->add_option_function<T>(
          name,
          [options, value, given](T v) {
            (*options).*value = v;
            (*options).*given = true;
          },
          description)
      ->type_name("N");
}
}  // namespace

void register_run_command(CLI::App& app, Action& action, const std::string& command_line) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run a scenario and write its trajectory to HDF5");
  add_scenario_options(cmd, *options);
  cmd->add_option("-o,--output", options->output,
                  "Output file (default: output.path, else out/NAME.h5); its folder is created "
                  "if it is one new folder inside the working directory")
      ->type_name("FILE");
  // The same ranges as the scenario's keys: a "-1" would otherwise wrap to
  // 2^64 - 1, and a tick count past the schema's limit would slip through.
  add_override(cmd, "--seed", options, &RunOptions::seed, &RunOptions::seed_given,
               "Random seed, 0 to 2^64-1 (overrides the scenario's)")
      ->check(CLI::Validator(
          [](const std::string& v) {
            return v.find_first_not_of("0123456789") == std::string::npos && !v.empty()
                       ? std::string()
                       : "the seed is a whole number from 0 to 2^64-1, got '" + v + "'";
          },
          "0..2^64-1"));
  const scenario::KeySpec& ticks = scenario::schema_key("ticks");
  cmd->add_option("--threads", options->threads, "Worker threads, 1 to 4096 (default: all cores)")
      ->type_name("N")
      ->check(CLI::Range(1u, 4096u));
  add_override(cmd, "--ticks", options, &RunOptions::ticks, &RunOptions::ticks_given,
               "Number of ticks (overrides the scenario's)")
      ->check(
          CLI::Range(static_cast<std::uint32_t>(ticks.min), static_cast<std::uint32_t>(ticks.max)));
  const std::map<std::string, ProgressMode> modes{{"auto", ProgressMode::Auto},
                                                  {"always", ProgressMode::Always},
                                                  {"never", ProgressMode::Never}};
  cmd->add_option("--progress", options->progress,
                  "Progress display: on a terminal only (auto, the default), always or never")
      ->type_name("auto|always|never")
      ->transform(CLI::CheckedTransformer(modes, CLI::ignore_case));
  cmd->add_flag("--force", options->force,
                "Replace an existing output file, if it is a clustersim run file that is not an "
                "input of the run");
  cmd->add_option("--snapshot-every", options->snapshot_every,
                  "Write agent and network snapshots at tick 0 and every K ticks, K from 1 "
                  "(default: output.snapshot_every, else none)")
      ->type_name("K")
      ->check(CLI::Range(1u, 10000000u));
  cmd->add_flag("--swmr", options->swmr,
                "Accepted and ignored: the .partial file is always written in SWMR mode, so "
                "readers (h5py with swmr=True) can open it while the run writes it");
  cmd->add_option("--max-memory", options->max_memory_gib,
                  "Refuse a scenario whose starting world needs more than GIB gibibytes "
                  "(default: the memory available to this process)")
      ->type_name("GIB")
      ->check(CLI::Range(0.001, 1.0e6));
  cmd->add_option("--flush-every", options->flush_seconds,
                  "Hand recorded rows to the file at least every SECONDS (default 1): a crash "
                  "loses at most this much of the run")
      ->type_name("SECONDS")
      ->check(CLI::Range(0.01, 3600.0));
  cmd->footer(help_footer(
      {"clustersim run scenarios/demo.yaml -o out/demo.h5",
       "clustersim run scenarios/demo.yaml --seed 7 --ticks 80 --set "
       "regions[0].hard_factor=0.9 -o out/demo_seed7.h5"},
      {{kExitOk, "the run completed and its file was written"},
       {kExitRuntimeFailure, "the run failed (for example, the disk filled up)"},
       {kExitInvalidInput,
        "invalid input: a scenario error (FILE:LINE:COLUMN: key.path: message), a bad option, "
        "or an output file that exists without --force; nothing was run or written"},
       {kExitInterrupted, "interrupted by Ctrl-C or SIGTERM; FILE.partial holds the ticks run"}}));
  options->command_line = command_line;
  cmd->callback([options, &action] { action = [options] { return run(*options); }; });
}

void register_validate_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("validate", "Check a scenario without running it");
  add_scenario_options(cmd, *options);
  cmd->add_flag("--print-resolved", options->print_resolved,
                "Print the scenario after includes and overrides");
  cmd->footer(
      help_footer({"clustersim validate scenarios/demo.yaml",
                   "clustersim validate scenarios/demo.yaml --set ticks=8 --print-resolved"},
                  {{kExitOk, "the scenario is valid"},
                   {kExitInvalidInput, "it is not: FILE:LINE:COLUMN: key.path: message"}}));
  cmd->callback([options, &action] { action = [options] { return validate(*options); }; });
}

}  // namespace clustersim::cli
