// `clustersim sweep plan|run|status|collect`: parameter sweeps (docs/SWEEPS.md).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "tools/cli/command.hpp"
#include "tools/cli/help.hpp"
#include "tools/cli/interrupt.hpp"
#include "tools/sweep/collector.hpp"
#include "tools/sweep/mpi_runner.hpp"
#include "tools/sweep/plan.hpp"
#include "tools/sweep/runner.hpp"

namespace clustersim::cli {

namespace {

namespace fs = std::filesystem;
using sweep::RunOutcome;

struct SweepOptions {
  std::string sweep_file;
  std::string dir;
  unsigned jobs = 0;     // 0: chosen from the CPUs
  unsigned threads = 0;  // 0: chosen from the CPUs and jobs
  std::optional<std::size_t> task, tasks;
  bool mpi = false;
  bool list = false;
  bool salib = false;
};

/// Runs `body`, turning invalid input into exit status 2 with its message.
template <typename Body>
int guarded(Body body) {
  try {
    return body();
  } catch (const scenario::ScenarioError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kExitInvalidInput;
  }
}

int plan(const SweepOptions& o) {
  return guarded([&] {
    const sweep::Plan p = sweep::make_plan(sweep::read_sweep_file(o.sweep_file));
    for (const std::string& w : sweep::check_plan(p))
      std::fprintf(stderr, "warning: %s\n", w.c_str());
    try {
      sweep::write_plan(p, o.dir);
    } catch (const std::runtime_error& e) {
      std::fprintf(stderr, "clustersim: %s\n", e.what());
      return kExitInvalidInput;
    }
    std::printf("planned %zu runs (%zu points x %u replicates, %s design) in %s\n", p.runs.size(),
                p.points.size(), p.spec.replicates, sweep::design_name(p.spec.design),
                o.dir.c_str());
    return kExitOk;
  });
}

std::optional<std::size_t> env_number(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(v, &end, 10);
  if (*end) return std::nullopt;
  return static_cast<std::size_t>(n);
}

void report_run(const sweep::PlannedRun& run, RunOutcome outcome, const std::string& error,
                double seconds, const std::string& who) {
  switch (outcome) {
    case RunOutcome::Completed:
      std::fprintf(stderr, "%srun %s (point %llu, replicate %u) complete in %.1f s\n", who.c_str(),
                   run.id.c_str(), static_cast<unsigned long long>(run.point), run.replicate,
                   seconds);
      break;
    case RunOutcome::Failed:
      std::fprintf(stderr, "%srun %s FAILED: %s\n", who.c_str(), run.id.c_str(), error.c_str());
      break;
    case RunOutcome::Busy:
      std::fprintf(stderr, "%srun %s is being run by another process; left to it\n", who.c_str(),
                   run.id.c_str());
      break;
    case RunOutcome::Interrupted:
      std::fprintf(stderr, "%srun %s interrupted; it runs again next time\n", who.c_str(),
                   run.id.c_str());
      break;
    case RunOutcome::AlreadyComplete:
      break;
  }
}

int exit_status(const sweep::Tally& t, int signal_number) {
  if (signal_number || t.interrupted) return kExitInterrupted;
  return t.failed || t.busy ? kExitRuntimeFailure : kExitOk;
}

int finish(const sweep::Plan& p, const fs::path& dir, const sweep::Tally& t, int signal_number) {
  sweep::write_failures_csv(p, dir);
  std::fprintf(stderr, "sweep: %zu ran, %zu already complete, %zu failed", t.completed,
               t.already_complete, t.failed);
  if (t.busy) std::fprintf(stderr, ", %zu left to another process", t.busy);
  if (t.interrupted) std::fprintf(stderr, ", %zu interrupted", t.interrupted);
  std::fprintf(stderr, "\n");
  if (t.failed)
    std::fprintf(stderr, "sweep: failures are listed in %s\n", (dir / "failures.csv").c_str());
  if (signal_number || t.interrupted) {
    std::fprintf(stderr, "sweep: interrupted; run the same command again to resume\n");
  }
  return exit_status(t, signal_number);
}

int run(const SweepOptions& o) {
  return guarded([&] {
    const fs::path dir = o.dir;
    const sweep::Plan p = sweep::load_plan(dir);
    const bool slurm = !o.task && env_number("SLURM_ARRAY_TASK_ID").has_value();
    if (o.mpi && (o.task || o.tasks || o.jobs)) {
      std::fprintf(
          stderr,
          "clustersim: --mpi hands runs out across ranks; it takes no --task, --tasks or --jobs\n");
      return kExitInvalidInput;
    }
    if (o.mpi && !sweep::mpi_supported()) {
      std::fprintf(stderr,
                   "clustersim: this clustersim was built without MPI support (CMake option "
                   "CLUSTERSIM_MPI, needs libopenmpi-dev); run with --jobs, or as a Slurm array "
                   "with --task/--tasks\n");
      return kExitInvalidInput;
    }
    InterruptGuard interrupt;
    sweep::ExecOptions exec;
    exec.program = fs::read_symlink("/proc/self/exe");
    exec.stop_requested = [&interrupt] { return interrupt.requested(); };

    if (o.mpi) {
      exec.threads = o.threads;
      const std::size_t rank =
          env_number("OMPI_COMM_WORLD_RANK").value_or(env_number("PMI_RANK").value_or(0));
      const std::string who = "rank " + std::to_string(rank) + ": ";
      exec.on_done = [who](const sweep::PlannedRun& r, RunOutcome out, const std::string& e,
                           double s) { report_run(r, out, e, s, who); };
      const sweep::MpiSummary s = sweep::run_mpi(p, dir, exec);
      if (s.rank != 0) return exit_status(s.tally, interrupt.signal_number());
      std::fprintf(stderr, "sweep: %zu runs over %d MPI ranks, %u threads per run\n", p.runs.size(),
                   s.ranks, s.threads);
      return finish(p, dir, s.tally, interrupt.signal_number());
    }

    std::size_t task = o.task.value_or(0), tasks = o.tasks.value_or(1);
    if (slurm) {
      task = *env_number("SLURM_ARRAY_TASK_ID") - env_number("SLURM_ARRAY_TASK_MIN").value_or(0);
      tasks = o.tasks.value_or(env_number("SLURM_ARRAY_TASK_COUNT").value_or(1));
    } else if (o.task && !o.tasks) {
      tasks = env_number("SLURM_ARRAY_TASK_COUNT").value_or(0);
      if (tasks == 0) {
        std::fprintf(stderr, "clustersim: --task needs --tasks (how many tasks share the sweep)\n");
        return kExitInvalidInput;
      }
    }
    if (tasks == 0 || task >= tasks) {
      std::fprintf(stderr,
                   "clustersim: task %zu does not exist in %zu tasks (tasks count from 0)\n", task,
                   tasks);
      return kExitInvalidInput;
    }
    const unsigned cpus = sweep::available_cpus();
    const unsigned jobs = o.jobs ? o.jobs : std::max(1u, cpus / std::max(1u, o.threads));
    exec.threads = o.threads ? o.threads : std::max(1u, cpus / jobs);
    exec.on_done = [](const sweep::PlannedRun& r, RunOutcome out, const std::string& e, double s) {
      report_run(r, out, e, s, "");
    };
    const auto [first, last] = sweep::task_share(p.runs.size(), task, tasks);
    std::fprintf(
        stderr, "sweep: runs %zu to %zu of %zu%s, %u at a time, %u thread%s each\n", first,
        last == first ? first : last - 1, p.runs.size(),
        tasks > 1
            ? (" (task " + std::to_string(task) + " of " + std::to_string(tasks) + ")").c_str()
            : "",
        jobs, exec.threads, exec.threads == 1 ? "" : "s");
    const sweep::Tally t = sweep::run_range(p, dir, first, last, jobs, exec);
    return finish(p, dir, t, interrupt.signal_number());
  });
}

int status(const SweepOptions& o) {
  return guarded([&] {
    const fs::path dir = o.dir;
    const sweep::Plan p = sweep::load_plan(dir);
    std::size_t counts[sweep::kRunStateCount] = {};
    for (const sweep::PlannedRun& r : p.runs) {
      const sweep::RunState s = sweep::run_state(dir, r);
      ++counts[static_cast<int>(s)];
      if (o.list && s != sweep::RunState::Complete) {
        std::printf("%s %s", r.id.c_str(), sweep::run_state_name(s));
        if (s == sweep::RunState::Failed) {
          std::printf(": %s", sweep::failure_message(dir, r).c_str());
        }
        if (s == sweep::RunState::Invalid) {
          std::printf(": %s (move it away to run it again)",
                      sweep::run_file_problem(sweep::run_file(dir, r), r).c_str());
        }
        std::printf("\n");
      }
    }
    std::printf("planned  %zu\n", p.runs.size());
    for (int s = 0; s < sweep::kRunStateCount; ++s) {
      std::printf("%-8s %zu\n", sweep::run_state_name(static_cast<sweep::RunState>(s)), counts[s]);
    }
    return kExitOk;
  });
}

int collect(const SweepOptions& o) {
  return guarded([&] {
    const fs::path dir = o.dir;
    const sweep::Plan p = sweep::load_plan(dir);
    const sweep::CollectResult r = sweep::collect(p, dir, o.salib);
    std::printf("wrote %s, %s and %s%s: %zu complete, %zu failed, %zu not run\n",
                (dir / "summary.csv").c_str(), (dir / "summary_points.csv").c_str(),
                (dir / "summary.h5").c_str(), o.salib ? " and salib/" : "", r.complete, r.failed,
                r.missing);
    for (const std::string& why : r.invalid) {
      std::fprintf(stderr, "warning: run %s: left out, not its finished run file\n", why.c_str());
    }
    if (r.failed || r.missing || !r.invalid.empty()) {
      std::fprintf(stderr,
                   "warning: %zu of %zu runs are not complete; their indicators are NaN (see "
                   "`clustersim sweep status %s --list`)\n",
                   r.failed + r.missing + r.invalid.size(), p.runs.size(), o.dir.c_str());
    }
    return kExitOk;
  });
}

}  // namespace

void register_sweep_command(CLI::App& app, Action& action) {
  auto o = std::make_shared<SweepOptions>();
  CLI::App* sweep_cmd = app.add_subcommand("sweep", "Parameter sweeps: plan, run, status, collect");
  // At most one; none: `clustersim sweep` prints its usage (main).
  sweep_cmd->require_subcommand(0, 1);
  sweep_cmd->footer(
      help_footer({"clustersim sweep plan scenarios/sweeps/link_cost.yaml -o sweeps/link_cost",
                   "clustersim sweep run sweeps/link_cost --jobs 2 && clustersim sweep collect "
                   "sweeps/link_cost"},
                  {{kExitOk, "success"},
                   {kExitRuntimeFailure, "some runs failed (listed in DIR/failures.csv)"},
                   {kExitInvalidInput,
                    "invalid input: a sweep file error (FILE:LINE:COLUMN: key.path: "
                    "message), or DIR is not a plan folder"},
                   {kExitInterrupted, "interrupted; the same command resumes"}}));

  CLI::App* plan_cmd = sweep_cmd->add_subcommand("plan", "Plan a sweep: write DIR/manifest.csv");
  plan_cmd->add_option("sweep", o->sweep_file, "Sweep file (YAML)")->required();
  plan_cmd->add_option("-o,--output", o->dir, "Plan folder (created)")
      ->type_name("DIR")
      ->required();
  plan_cmd->footer(help_footer(
      {"clustersim sweep plan scenarios/sweeps/link_cost.yaml -o sweeps/link_cost"},
      {{kExitOk, "the plan was written"},
       {kExitInvalidInput,
        "the sweep file is not valid (FILE:LINE:COLUMN: key.path: message), or DIR cannot "
        "hold the plan"}}));
  plan_cmd->callback([o, &action] { action = [o] { return plan(*o); }; });

  CLI::App* run_cmd = sweep_cmd->add_subcommand(
      "run",
      "Run a plan's runs (skipping complete ones): locally, as a Slurm array task or under MPI");
  run_cmd->add_option("dir", o->dir, "Plan folder")->required();
  run_cmd->add_option("--jobs", o->jobs, "Runs at a time (default: CPUs / threads)")
      ->type_name("N")
      ->check(CLI::Range(1u, 4096u));
  run_cmd->add_option("--threads", o->threads, "Threads per run (default: CPUs / jobs)")
      ->type_name("N")
      ->check(CLI::Range(1u, 4096u));
  run_cmd
      ->add_option("--task", o->task,
                   "This task's index, from 0 (default: $SLURM_ARRAY_TASK_ID - "
                   "$SLURM_ARRAY_TASK_MIN)")
      ->type_name("I");
  run_cmd
      ->add_option("--tasks", o->tasks, "Tasks sharing the runs (default: $SLURM_ARRAY_TASK_COUNT)")
      ->type_name("N")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 40));
  run_cmd->add_flag("--mpi", o->mpi, "Under mpirun: rank 0 hands runs out to the other ranks");
  run_cmd->footer(help_footer(
      {"clustersim sweep run sweeps/link_cost --jobs 2 --threads 1",
       "mpirun -n 8 clustersim sweep run sweeps/link_cost --mpi"},
      {{kExitOk, "every run of this task is complete"},
       {kExitRuntimeFailure, "some runs failed (listed in DIR/failures.csv)"},
       {kExitInvalidInput, "DIR is not a plan folder, or the options do not fit together"},
       {kExitInterrupted, "interrupted; the same command resumes"}}));
  run_cmd->callback([o, &action] { action = [o] { return run(*o); }; });

  CLI::App* status_cmd = sweep_cmd->add_subcommand(
      "status", "Count planned, complete, failed, running and missing runs");
  status_cmd->add_option("dir", o->dir, "Plan folder")->required();
  status_cmd->add_flag("--list", o->list, "Also list every run that is not complete");
  status_cmd->footer(help_footer(
      {"clustersim sweep status sweeps/link_cost --list"},
      {{kExitOk, "the counts were printed"}, {kExitInvalidInput, "DIR is not a plan folder"}}));
  status_cmd->callback([o, &action] { action = [o] { return status(*o); }; });

  CLI::App* collect_cmd =
      sweep_cmd->add_subcommand("collect", "Write DIR/summary.csv and DIR/summary.h5");
  collect_cmd->add_option("dir", o->dir, "Plan folder")->required();
  collect_cmd->add_flag("--salib", o->salib, "Also write SALib's problem and samples (DIR/salib/)");
  collect_cmd->footer(
      help_footer({"clustersim sweep collect sweeps/link_cost",
                   "clustersim sweep collect sweeps/link_cost --salib"},
                  {{kExitOk, "the summaries were written (runs not complete have NaN indicators)"},
                   {kExitRuntimeFailure, "a run file or the summary cannot be read or written"},
                   {kExitInvalidInput, "DIR is not a plan folder"}}));
  collect_cmd->callback([o, &action] { action = [o] { return collect(*o); }; });
}

}  // namespace clustersim::cli
