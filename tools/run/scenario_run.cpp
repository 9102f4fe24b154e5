#include "tools/run/scenario_run.hpp"

#include <charconv>
#include <string>

#include "models/cluster_model/cluster_model.hpp"
#include "models/institutions/stages.hpp"
#include "models/parameters/parameters.hpp"
#include "output/hdf5_recorder.hpp"
#include "sim/engine.hpp"
#include "sim/version.hpp"
#include "tools/run/versions.hpp"

namespace clustersim::run {
namespace {
/// The shortest text that reads back as exactly this number.
std::string shortest_text(double v) {
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  return ec == std::errc() ? std::string(buffer, end) : std::string("nan");
}
}  // namespace

RunResult run_scenario(const RunRequest& request) {
  const cluster_model::Scenario& scenario = request.scenario;
  RunResult result;
  result.world = cluster_model::build_world(scenario);
  sim::Engine engine(*result.world,
                     sim::EngineOptions{scenario.seed, request.threads, scenario.tick_length});
  cluster_model::ClusterModel model(scenario.model, scenario.institutions);
  model.attach(engine, *result.world);
  result.threads = engine.threads();

  output::RunMetadata meta;
  meta.scenario_name = scenario.name;
  meta.scenario_text = scenario.resolved_text;
  meta.scenario_file = scenario.source_file;
  meta.included_files = scenario.included_files;
  meta.run_id = scenario.name;
  meta.command_line = request.command_line;
  meta.program_version = std::string(version());
  meta.git_hash = std::string(git_hash());
  meta.seed = scenario.seed;
  meta.threads = engine.threads();
  meta.tick_length = scenario.tick_length;
  meta.library_versions = library_versions();
  for (const parameters::ParamSpec& spec : parameters::parameter_table()) {
    meta.model_parameters.emplace_back(spec.key, parameters::get_parameter(scenario.model, spec));
  }
  const cluster_model::InitialNetwork& net = scenario.initial_network;
  meta.settings = {
      {"governance", std::string(to_string(scenario.institutions.governance))},
      {"policy.targeting", std::string(to_string(scenario.institutions.policy.targeting))},
      {"network.initial.generator", std::string(to_string(net.generator))},
      {"network.initial.degree", std::to_string(net.degree)},
      {"network.initial.rewiring", shortest_text(net.rewiring)},
  };
  for (int stage = 0; stage <= institutions::kMaxStage; ++stage) {
    meta.stage_names.emplace_back(institutions::stage_name(stage));
  }
  output::RecorderOptions recorder_options;
  recorder_options.force = request.force;
  recorder_options.snapshot_every =
      request.snapshot_every > 0 ? request.snapshot_every : scenario.snapshot_every;
  // Always SWMR, flushed at least every flush_seconds: whatever ends the
  // process (SIGKILL, the OOM killer, a full disk), the .partial left is a
  // readable file with every tick up to the last flush, and a live reader
  // sees progress. Its cost is within noise (docs/OUTPUT.md, "Cost of writing").
  recorder_options.swmr = true;
  recorder_options.flush_interval = request.flush_seconds;
  output::Hdf5Recorder recorder(request.output, meta, recorder_options);
  ProgressReporter progress(stderr, request.progress, scenario.ticks);
  engine.add_observer(recorder);
  engine.add_observer(progress);

  result.outcome = engine.run(scenario.ticks, request.stop_requested);
  result.file = result.outcome == sim::RunOutcome::Completed ? recorder.final_path()
                                                             : recorder.partial_path();
  return result;
}

}  // namespace clustersim::run
