// Measures what recording costs a run: the same scenario run four times,
// with no output, with the HDF5 recorder as the CLI runs it (crash-consistent:
// SWMR writing, flushed at least once a second), with the recorder writing
// without SWMR or flushes, and with the CLI's recorder writing agent and
// network snapshots. Reports each run's wall time and the time the tick
// loop spent inside the recorder (copying rows, waiting for a full queue).
//
//   output_recorder_cost SCENARIO TICKS SNAPSHOT_EVERY [KEY=VALUE ...]
//
// KEY=VALUE are scenario overrides as `clustersim run --set` takes them, e.g.
// 'regions[0].agents.smes=60000' to scale the demo up. Files go to $TMPDIR.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "models/cluster_model/cluster_model.hpp"
#include "models/scenario/reader.hpp"
#include "output/hdf5_recorder.hpp"
#include "sim/engine.hpp"

namespace {

using namespace clustersim;
using Clock = std::chrono::steady_clock;

double seconds(Clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

/// Forwards to another observer and adds up the time spent in it.
class Timed final : public sim::Observer {
 public:
  explicit Timed(sim::Observer& inner) : inner_(inner) {}
  void on_run_start(const sim::Snapshot& s) override {
    time([&] { inner_.on_run_start(s); });
  }
  void on_tick_end(const sim::Snapshot& s) override {
    time([&] { inner_.on_tick_end(s); });
  }
  void on_run_end(const sim::Snapshot& s, sim::RunOutcome o) override {
    time([&] { inner_.on_run_end(s, o); });
  }
  double seconds_inside() const { return seconds(inside_); }

 private:
  template <typename F>
  void time(F&& f) {
    const auto start = Clock::now();
    f();
    inside_ += Clock::now() - start;
  }
  sim::Observer& inner_;
  Clock::duration inside_{};
};

struct Result {
  double wall = 0.0;
  double cpu = 0.0;  // all threads of the process, writer included
  double inside = 0.0;
  std::uintmax_t bytes = 0;
  std::size_t agents = 0;
};

Result run_once(const cluster_model::Scenario& scenario, std::uint32_t ticks, int mode,
                std::uint32_t snapshot_every) {
  auto world = cluster_model::build_world(scenario);
  sim::Engine engine(*world, sim::EngineOptions{scenario.seed, 0, scenario.tick_length});
  cluster_model::ClusterModel model(scenario.model, scenario.institutions);
  model.attach(engine, *world);
  Result result;
  result.agents = world->agents.size();
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("recorder_cost_" + std::to_string(mode) + ".h5");
  output::RunMetadata meta;
  meta.scenario_name = scenario.name;
  meta.scenario_text = scenario.resolved_text;
  meta.seed = scenario.seed;
  meta.tick_length = scenario.tick_length;
  output::RecorderOptions options;
  options.force = true;
  options.snapshot_every = mode == 3 ? snapshot_every : 0;
  options.swmr = mode != 2;
  options.flush_interval = mode != 2 ? 1.0 : 0.0;
  std::unique_ptr<output::Hdf5Recorder> recorder;
  std::unique_ptr<Timed> timed;
  if (mode > 0) {
    recorder = std::make_unique<output::Hdf5Recorder>(path, meta, options);
    timed = std::make_unique<Timed>(*recorder);
    engine.add_observer(*timed);
  }
  const auto start = Clock::now();
  const std::clock_t cpu_start = std::clock();
  engine.run(ticks);
  if (recorder) recorder.reset();  // the writer thread has finished: its CPU time counts
  result.cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  result.wall = seconds(Clock::now() - start);
  if (timed) {
    result.inside = timed->seconds_inside();
    result.bytes = std::filesystem::file_size(path);
    std::filesystem::remove(path);
  }
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s SCENARIO TICKS SNAPSHOT_EVERY [KEY=VALUE ...]\n", argv[0]);
    return 2;
  }
  try {
    std::vector<scenario::Override> overrides;
    for (int i = 4; i < argc; ++i) overrides.push_back(scenario::parse_override(argv[i]));
    const cluster_model::Scenario scenario = scenario::read_scenario(argv[1], overrides);
    const auto ticks = static_cast<std::uint32_t>(std::stoul(argv[2]));
    const auto every = static_cast<std::uint32_t>(std::stoul(argv[3]));
    const char* names[] = {"no output", "recorder", "recorder, no SWMR", "recorder + snapshots"};
    Result base;
    for (int mode = 0; mode < 4; ++mode) {
      const Result r = run_once(scenario, ticks, mode, every);
      if (mode == 0) base = r;
      std::printf(
          "%-22s agents %7zu  wall %7.3f s (%+6.1f%%)  cpu %7.3f s (%+6.1f%%)  tick loop in "
          "recorder %6.3f s (%5.2f%%)  file %7.2f MiB\n",
          names[mode], r.agents, r.wall, 100.0 * (r.wall - base.wall) / base.wall, r.cpu,
          100.0 * (r.cpu - base.cpu) / base.cpu, r.inside, 100.0 * r.inside / r.wall,
          static_cast<double>(r.bytes) / (1 << 20));
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
