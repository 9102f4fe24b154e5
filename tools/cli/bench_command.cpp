// `clustersim bench`: the benchmark of record for the knowledge-diffusion kernel.
//
// Builds a Watts–Strogatz cooperation network (mean degree 10, rewiring 0.1),
// runs the two-pass diffusion kernel for a number of ticks with 1 thread and with
// all threads, and reports throughput per core, parallel efficiency and memory
// per agent. The final knowledge is checksummed so the work cannot be optimised
// away, and the checksums of different thread counts must agree (determinism).
//
// With --model it times the full agent model instead (every phase of a tick,
// structural changes and indicators included) on a synthetic country of 16
// regions, and reports agent-ticks per second.
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
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "models/cluster_model/cluster_model.hpp"
#include "sim/network.hpp"
#include "sim/parallel.hpp"
#include "sim/random.hpp"
#include "tools/bench/knowledge_diffusion.hpp"
#include "tools/cli/command.hpp"
#include "tools/cli/help.hpp"

namespace clustersim::cli {

namespace {

struct BenchOptions {
  std::size_t agents = 0;   // 0: the default table
  int threads = 0;          // 0: 1 and all
  std::uint32_t ticks = 0;  // 0: chosen per N
  std::uint64_t seed = 20240601;
  bool model = false;  // time the full model instead of the diffusion kernel
};

constexpr unsigned kMeanDegree = 10;
constexpr double kRewire = 0.1;
constexpr float kRate = 0.5f;
constexpr std::size_t kFields = bench::kDiffusionFields;
// Agent-updates per timed row: about 1–3 s on one core at the measured ~80–95 M/s
// (and still under 5 s at the 40 M/s target).
constexpr double kUpdatesPerRow = 2.0e8;

using Clock = std::chrono::steady_clock;
using sim::AgentKind;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Order-dependent checksum of the values' bits (FNV-1a over one word per
/// value), so any difference between runs shows.
template <typename T>
std::uint64_t checksum(std::span<const T> v) {
  using Bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
  static_assert(sizeof(Bits) == sizeof(T));
  std::uint64_t h = 1469598103934665603ull;
  for (const T x : v) {
    Bits bits;
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
    bench::knowledge_diffusion_tick(net, cur, next, partners, kFields, kRate, seed, 0,
                                    sim::Purpose::Benchmark);
    cur.swap(next);
    const auto start = Clock::now();
    for (std::uint32_t t = 1; t <= ticks; ++t) {
      bench::knowledge_diffusion_tick(net, cur, next, partners, kFields, kRate, seed, t,
                                      sim::Purpose::Benchmark);
      cur.swap(next);
    }
    result.seconds = seconds_since(start);
  });
  result.checksum = checksum(std::span<const float>(cur));
  return result;
}

/// The rows a benchmark table times: agent counts (the default table unless
/// --agents) by thread counts (1 and all unless --threads). Holds the global
/// TBB limit for as long as it lives: arenas are capped by it, and it defaults
/// to the hardware's, so a --threads above the core count needs it raised.
struct BenchRows {
  BenchRows(const BenchOptions& opt, std::vector<std::size_t> default_sizes)
      : sizes(opt.agents > 0 ? std::vector<std::size_t>{opt.agents} : std::move(default_sizes)),
        threads(opt.threads > 0 ? std::vector<int>{opt.threads}
                                : std::vector<int>{1, tbb::info::default_concurrency()}),
        limit(tbb::global_control::max_allowed_parallelism,
              static_cast<std::size_t>(std::max(*std::max_element(threads.begin(), threads.end()),
                                                tbb::info::default_concurrency()))) {
    threads.erase(std::unique(threads.begin(), threads.end()), threads.end());
  }
  std::vector<std::size_t> sizes;
  std::vector<int> threads;
  tbb::global_control limit;
};

/// Compares a benchmark table's checksums: within each row (one agent count),
/// the run at every thread count must give the bits of the row's first run.
class DeterminismCheck {
 public:
  void start_row() { has_reference_ = false; }
  void add(std::uint64_t checksum) {
    if (has_reference_) {
      compared_ = true;
      same_ = same_ && reference_ == checksum;
    } else {
      reference_ = checksum;
      has_reference_ = true;
    }
  }
  bool deterministic() const { return same_; }
  /// "yes", "no", or "not checked" when every row ran at one thread count.
  const char* verdict() const { return compared_ ? (same_ ? "yes" : "no") : "not checked"; }

 private:
  // Not std::optional: GCC 12 warns (falsely) that it may be read uninitialised.
  std::uint64_t reference_ = 0;
  bool has_reference_ = false;
  bool compared_ = false;
  bool same_ = true;
};

int run_bench(const BenchOptions& opt) {
  const int all = tbb::info::default_concurrency();
  const BenchRows rows(opt, {10'000, 1'000'000, 10'000'000});
  const std::vector<std::size_t>& sizes = rows.sizes;
  const std::vector<int>& thread_counts = rows.threads;

  std::printf(
      "knowledge diffusion benchmark: Watts-Strogatz mean degree %u, rewiring %.2f, "
      "%zu float fields, rate %.2f, seed %llu, default concurrency %d\n",
      kMeanDegree, kRewire, kFields, static_cast<double>(kRate),
      static_cast<unsigned long long>(opt.seed), all);
  DeterminismCheck check;
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
    check.start_row();
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
      check.add(r.checksum);
    }
  }
  std::printf("\ndeterministic: %s\n", check.verdict());
  return check.deterministic() ? kExitOk : kExitRuntimeFailure;
}

// ---- the full model ------------------------------------------------------------

/// A synthetic country: 16 regions on a 4 x 4 grid over Kazakhstan's extent,
/// factors varying across it, with `agents` agents in all (2% large firms, 95%
/// SMEs, 2% universities, the rest governments).
cluster_model::Scenario model_scenario(std::size_t agents, std::uint64_t seed) {
  cluster_model::Scenario s;
  s.name = "bench";
  s.seed = seed;
  const std::size_t per_region = agents / 16;
  for (int i = 0; i < 16; ++i) {
    cluster_model::RegionSpec r;
    r.region.name = "R" + std::to_string(i);
    r.region.lat = 42.0 + 3.5 * (i / 4);
    r.region.lon = 52.0 + 9.0 * (i % 4);
    r.region.population = 1e6 * (1 + i % 3);
    r.region.hard_factor = 0.2 + 0.05 * (i % 8);
    r.region.soft_factor = 0.8 - 0.05 * (i % 8);
    r.agents[AgentKind::LargeFirm] = static_cast<int>(per_region / 50);
    r.agents[AgentKind::University] = static_cast<int>(per_region / 50);
    r.agents[AgentKind::Government] = 1;
    r.agents[AgentKind::Sme] =
        static_cast<int>(per_region) - 2 * r.agents[AgentKind::LargeFirm] - 1;
    s.regions.push_back(r);
  }
  return s;
}

/// Counts the agents at every tick, so throughput uses the agents actually updated.
struct AgentCounter : sim::Observer {
  double agent_ticks = 0;
  std::uint64_t hash = 1469598103934665603ull;
  void on_tick_end(const sim::Snapshot& s) override {
    agent_ticks += static_cast<double>(s.world.agents.size());
    hash ^= checksum(std::span<const double>(s.world.indicators.values()));
    hash *= 1099511628211ull;
  }
};

int run_model_bench(const BenchOptions& opt) {
  const int all = tbb::info::default_concurrency();
  const BenchRows rows(opt, {100'000, 1'000'000});
  const std::vector<std::size_t>& sizes = rows.sizes;
  const std::vector<int>& thread_counts = rows.threads;
  std::printf(
      "full model benchmark: 16 regions, default parameters, seed %llu, default "
      "concurrency %d\n",
      static_cast<unsigned long long>(opt.seed), all);
  DeterminismCheck check;
  for (const std::size_t n : sizes) {
    if (n < 16 * 60) {
      std::fprintf(stderr, "bench --model: --agents must be at least 960\n");
      return kExitInvalidInput;
    }
    const std::uint32_t ticks =
        opt.ticks > 0 ? opt.ticks
                      : static_cast<std::uint32_t>(std::max(2.0, 2.0e6 / static_cast<double>(n)));
    std::printf("\n%10s %7s %6s %9s %9s %16s %16s %10s %18s\n", "agents", "threads", "ticks",
                "build s", "seconds", "agent-ticks/s", "per core", "efficiency", "checksum");
    std::optional<double> single;
    check.start_row();
    for (const int threads : thread_counts) {
      const cluster_model::Scenario scenario = model_scenario(n, opt.seed);
      tbb::task_arena arena(threads);
      double build_seconds = 0, seconds = 0;
      AgentCounter counter;
      std::size_t agents = 0;
      arena.execute([&] {
        const auto build_start = Clock::now();
        auto world = cluster_model::build_world(scenario);
        sim::Engine engine(*world, sim::EngineOptions{scenario.seed, static_cast<unsigned>(threads),
                                                      scenario.tick_length});
        cluster_model::ClusterModel model(scenario.model);
        model.attach(engine, *world);
        build_seconds = seconds_since(build_start);
        agents = world->agents.size();
        engine.run(1);  // untimed: pages in the buffers
        engine.add_observer(counter);
        const auto start = Clock::now();
        engine.run(ticks);
        seconds = seconds_since(start);
      });
      const double rate = counter.agent_ticks / seconds;
      if (threads == 1) single = rate;
      char efficiency[16] = "-";
      if (single) std::snprintf(efficiency, sizeof efficiency, "%.2f", rate / (*single * threads));
      std::printf("%10zu %7d %6u %9.2f %9.3f %16.4g %16.4g %10s   %016llx\n", agents, threads,
                  ticks, build_seconds, seconds, rate, rate / threads, efficiency,
                  static_cast<unsigned long long>(counter.hash));
      check.add(counter.hash);
    }
  }
  std::printf("\ndeterministic: %s\n", check.verdict());
  return check.deterministic() ? kExitOk : kExitRuntimeFailure;
}

}  // namespace

void register_bench_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<BenchOptions>();
  CLI::App* bench = app.add_subcommand(
      "bench", "Benchmark the knowledge-diffusion kernel (agent-updates per second per core)");
  bench
      ->add_option("--agents", options->agents,
                   "Number of agents (default: the table 10^4, 10^6, 10^7)")
      ->type_name("N")
      ->check(CLI::Range(static_cast<std::size_t>(11), static_cast<std::size_t>(2'000'000'000)));
  bench->add_option("--threads", options->threads, "Threads (default: 1 and all)")
      ->type_name("N")
      ->check(CLI::Range(1, 4096));
  bench->add_option("--ticks", options->ticks, "Timed ticks per row (default: ~2e8 updates / N)")
      ->type_name("K")
      ->check(CLI::Range(1u, 1'000'000'000u));
  bench->add_option("--seed", options->seed, "Seed of the graph, knowledge and partner draws")
      ->type_name("N");
  bench->add_flag("--model", options->model,
                  "Time the full agent model's tick instead (default table 10^5, 10^6 agents)");
  bench->footer(help_footer(
      {"clustersim bench --agents 1000000 --threads 2", "clustersim bench --model --agents 100000"},
      {{kExitOk, "the benchmark ran and every thread count gave the same checksum"},
       {kExitRuntimeFailure, "the checksums differ between thread counts (not deterministic)"},
       {kExitInvalidInput, "a bad option (for example, too few agents)"}}));
  bench->callback([&action, options] {
    action = [options] { return options->model ? run_model_bench(*options) : run_bench(*options); };
  });
}

}  // namespace clustersim::cli
