#include "tools/sweep/mpi_runner.hpp"

#include <stdexcept>

#ifdef CLUSTERSIM_HAVE_MPI
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <thread>
#endif

namespace clustersim::sweep {

#ifndef CLUSTERSIM_HAVE_MPI

bool mpi_supported() {
  return false;
}

MpiSummary run_mpi(const Plan&, const std::filesystem::path&, ExecOptions) {
  throw std::logic_error("this clustersim was built without MPI support");
}

#else

namespace {

constexpr int kTagReady = 1;   // worker -> root: {finished run or -1, its outcome}
constexpr int kTagAssign = 2;  // root -> worker: the next run, or -1 to stop

/// Waits for a message without MPI's busy polling, which would take a core
/// from the runs when ranks share cores.
void wait_for(int source, int tag, MPI_Status& status) {
  auto pause = std::chrono::microseconds(200);
  for (int flag = 0;;) {
    MPI_Iprobe(source, tag, MPI_COMM_WORLD, &flag, &status);
    if (flag) return;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::microseconds(5000));
  }
}

/// Ranks that run runs on this node, for the default threads per run.
int local_workers(int rank) {
  MPI_Comm node;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank, MPI_INFO_NULL, &node);
  int size = 1;
  MPI_Comm_size(node, &size);
  int has_root = rank == 0 ? 1 : 0, root_here = 0;
  MPI_Allreduce(&has_root, &root_here, 1, MPI_INT, MPI_MAX, node);
  MPI_Comm_free(&node);
  return std::max(1, size - root_here);
}

void dispatch(const Plan& plan, int ranks, const ExecOptions& options, Tally& tally) {
  std::size_t next = 0;
  int active = ranks - 1;
  bool stopping = false;
  while (active > 0) {
    MPI_Status status;
    wait_for(MPI_ANY_SOURCE, kTagReady, status);
    std::int64_t report[2];
    MPI_Recv(report, 2, MPI_INT64_T, status.MPI_SOURCE, kTagReady, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    if (report[0] >= 0) {
      const auto outcome = static_cast<RunOutcome>(report[1]);
      tally.add(outcome);
      if (outcome == RunOutcome::Interrupted) stopping = true;
    }
    if (options.stop_requested && options.stop_requested()) stopping = true;
    std::int64_t assign = -1;
    if (!stopping && next < plan.runs.size()) assign = static_cast<std::int64_t>(next++);
    MPI_Send(&assign, 1, MPI_INT64_T, status.MPI_SOURCE, kTagAssign, MPI_COMM_WORLD);
    if (assign < 0) --active;
  }
}

void work(const Plan& plan, const std::filesystem::path& dir, const ExecOptions& options) {
  std::int64_t report[2] = {-1, 0};
  for (;;) {
    MPI_Send(report, 2, MPI_INT64_T, 0, kTagReady, MPI_COMM_WORLD);
    MPI_Status status;
    wait_for(0, kTagAssign, status);
    std::int64_t assign = -1;
    MPI_Recv(&assign, 1, MPI_INT64_T, 0, kTagAssign, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (assign < 0) return;
    const PlannedRun& run = plan.runs[static_cast<std::size_t>(assign)];
    const auto start = std::chrono::steady_clock::now();
    std::string error;
    const RunOutcome outcome = execute_run(plan, dir, run, options, error);
    if (options.on_done) {
      options.on_done(
          run, outcome, error,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    report[0] = assign;
    report[1] = static_cast<std::int64_t>(outcome);
  }
}

}  // namespace

bool mpi_supported() {
  return true;
}

MpiSummary run_mpi(const Plan& plan, const std::filesystem::path& dir, ExecOptions options) {
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  MpiSummary summary;
  MPI_Comm_rank(MPI_COMM_WORLD, &summary.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &summary.ranks);
  const int workers_here = local_workers(summary.rank);
  if (options.threads == 0) {
    options.threads =
        std::max(1u, std::thread::hardware_concurrency() / static_cast<unsigned>(workers_here));
  }
  summary.threads = options.threads;
  if (summary.ranks == 1) {
    summary.tally = run_range(plan, dir, 0, plan.runs.size(), 1, options);
  } else if (summary.rank == 0) {
    dispatch(plan, summary.ranks, options, summary.tally);
  } else {
    work(plan, dir, options);
  }
  // Every rank returns the job's tally, so every rank exits with the same status.
  std::uint64_t counts[5] = {summary.tally.completed, summary.tally.already_complete,
                             summary.tally.failed, summary.tally.busy, summary.tally.interrupted};
  MPI_Bcast(counts, 5, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  summary.tally = Tally{counts[0], counts[1], counts[2], counts[3], counts[4]};
  MPI_Finalize();
  return summary;
}

#endif

}  // namespace clustersim::sweep
