// `clustersim bench`: the benchmark of record for the knowledge-diffusion kernel.
//
// Builds a Watts–Strogatz cooperation network (mean degree 10, rewiring 0.1),
// runs the two-pass diffusion kernel for a number of ticks with 1 thread and with
// all threads, and reports throughput per core, parallel efficiency and memory
// per agent. The final knowledge is checksummed so the work cannot be optimised
// away, and the checksums of different thread counts must agree (determinism).
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/knowledge_diffusion.hpp"
#include "sim/network.hpp"
#include "sim/parallel.hpp"
#include "sim/random.hpp"
#include "tools/cli/command.hpp"

namespace clustersim::cli {

namespace {

struct BenchOptions {
  std::size_t agents = 0;   // 0: the default table
  int threads = 0;          // 0: 1 and all
  std::uint32_t ticks = 0;  // 0: chosen per N
  std::uint64_t seed = 20240601;
};

constexpr unsigned kMeanDegree = 10;
constexpr double kRewire = 0.1;
constexpr float kRate = 0.5f;
constexpr std::size_t kFields = sim::kDiffusionFields;
// Agent-updates per timed row: about 1–3 s on one core at the measured ~80–95 M/s
// (and still under 5 s at the 40 M/s target).
constexpr double kUpdatesPerRow = 2.0e8;

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Order-dependent checksum of the bits (FNV-1a over 64-bit words), so any
/// difference between runs shows.
std::uint64_t checksum(const std::vector<float>& v) {
  std::uint64_t h = 1469598103934665603ull;
  for (const float x : v) {
    std::uint32_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    h = (h ^ bits) * 1099511628211ull;
  }
  return h;
}

struct RowResult {
  double seconds = 0.0;
  std::uint64_t checksum = 0;
};

/// Runs ticks+1 ticks (the first untimed, to warm caches and page in the buffers)
/// under an arena of `threads` threads, from the same initial knowledge each time.
RowResult run_row(const sim::Network& net, const std::vector<float>& initial, int threads,
                  std::uint32_t ticks, std::uint64_t seed, std::vector<float>& cur,
                  std::vector<float>& next, std::vector<std::uint32_t>& partners) {
  RowResult result;
  tbb::task_arena arena(threads);
  arena.execute([&] {
    std::copy(initial.begin(), initial.end(), cur.begin());
    sim::knowledge_diffusion_tick(net, cur, next, partners, kFields, kRate, seed, 0,
                                  sim::Purpose::Benchmark);
    cur.swap(next);
    const auto start = Clock::now();
    for (std::uint32_t t = 1; t <= ticks; ++t) {
      sim::knowledge_diffusion_tick(net, cur, next, partners, kFields, kRate, seed, t,
                                    sim::Purpose::Benchmark);
      cur.swap(next);
    }
    result.seconds = seconds_since(start);
  });
  result.checksum = checksum(cur);
  return result;
}

int run_bench(const BenchOptions& opt) {
  const int all = tbb::info::default_concurrency();
  std::vector<std::size_t> sizes = {10'000, 1'000'000, 10'000'000};
  if (opt.agents > 0) sizes = {opt.agents};
  std::vector<int> thread_counts = {1, all};
  if (opt.threads > 0) thread_counts = {opt.threads};
  thread_counts.erase(std::unique(thread_counts.begin(), thread_counts.end()), thread_counts.end());
  // Arenas are capped by the global limit, which defaults to the hardware's.
  const int max_threads = *std::max_element(thread_counts.begin(), thread_counts.end());
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(std::max(max_threads, all)));

  std::printf(
      "knowledge diffusion benchmark: Watts-Strogatz mean degree %u, rewiring %.2f, "
      "%zu float fields, rate %.2f, seed %llu, default concurrency %d\n",
      kMeanDegree, kRewire, kFields, static_cast<double>(kRate),
      static_cast<unsigned long long>(opt.seed), all);
  bool all_deterministic = true;
  bool compared = false;
  for (const std::size_t n : sizes) {
    if (n <= kMeanDegree) {
      std::fprintf(stderr, "bench: --agents must exceed the mean degree (%u)\n", kMeanDegree);
      return kExitInvalidInput;
    }
    const auto build_start = Clock::now();
    const sim::Network net = sim::watts_strogatz(n, kMeanDegree, kRewire, opt.seed);
    const double build_seconds = seconds_since(build_start);

    // Random initial knowledge, so the kernel's max() is unpredictable as in a model run.
    std::vector<float> initial(n * kFields);
    sim::for_slot_ranges(n, [&](std::size_t begin, std::size_t end) {
      for (std::size_t a = begin; a < end; ++a) {
        sim::RandomStream s(opt.seed, 0, static_cast<std::uint32_t>(a), sim::Purpose::Benchmark);
        for (std::size_t f = 0; f < kFields; ++f) {
          initial[a * kFields + f] = static_cast<float>(s.uniform());
        }
      }
    });
    std::vector<float> cur(n * kFields), next(n * kFields);
    std::vector<std::uint32_t> partners(n);
    const std::size_t bytes = net.memory_bytes() +
                              (cur.capacity() + next.capacity()) * sizeof(float) +
                              partners.capacity() * sizeof(std::uint32_t);
    const std::uint32_t ticks =
        opt.ticks > 0
            ? opt.ticks
            : static_cast<std::uint32_t>(std::max(1.0, kUpdatesPerRow / static_cast<double>(n)));

    std::printf("\nN = %zu: graph built in %.3f s (%zu edges), %u timed ticks\n", n, build_seconds,
                net.edge_count(), ticks);
    std::printf("%10s %7s %6s %9s %14s %14s %10s %10s %18s\n", "agents", "threads", "ticks",
                "seconds", "updates/s", "updates/s/core", "efficiency", "bytes/agent", "checksum");
    std::optional<double> single_rate;
    std::optional<std::uint64_t> reference;
    for (const int threads : thread_counts) {
      const RowResult r = run_row(net, initial, threads, ticks, opt.seed, cur, next, partners);
      const double rate = static_cast<double>(n) * ticks / r.seconds;
      if (threads == 1) single_rate = rate;
      char efficiency[16] = "-";
      if (single_rate) {
        std::snprintf(efficiency, sizeof efficiency, "%.2f", rate / (*single_rate * threads));
      }
      std::printf("%10zu %7d %6u %9.3f %14.4g %14.4g %10s %10.1f   %016llx\n", n, threads, ticks,
                  r.seconds, rate, rate / threads, efficiency,
                  static_cast<double>(bytes) / static_cast<double>(n),
                  static_cast<unsigned long long>(r.checksum));
      if (reference) {
        compared = true;
        all_deterministic = all_deterministic && *reference == r.checksum;
      } else {
        reference = r.checksum;
      }
    }
  }
  if (compared) {
    std::printf("\ndeterministic: %s\n", all_deterministic ? "yes" : "no");
  } else {
    std::printf("\ndeterministic: not checked (one thread count)\n");
  }
  return all_deterministic ? kExitOk : kExitRuntimeFailure;
}

}  // namespace

void register_bench_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<BenchOptions>();
  CLI::App* bench = app.add_subcommand(
      "bench", "Benchmark the knowledge-diffusion kernel (agent-updates per second per core)");
  bench
      ->add_option("--agents", options->agents,
                   "Number of agents (default: the table 10^4, 10^6, 10^7)")
      ->check(CLI::Range(static_cast<std::size_t>(11), static_cast<std::size_t>(2'000'000'000)));
  bench->add_option("--threads", options->threads, "Threads (default: 1 and all)")
      ->check(CLI::Range(1, 4096));
  bench->add_option("--ticks", options->ticks, "Timed ticks per row (default: ~8e7 updates / N)")
      ->check(CLI::Range(1u, 1'000'000'000u));
  bench->add_option("--seed", options->seed, "Seed of the graph, knowledge and partner draws");
  bench->callback([&action, options] { action = [options] { return run_bench(*options); }; });
}

}  // namespace clustersim::cli
