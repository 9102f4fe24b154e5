// Writes a small run file for check_layout.py: series s, tick t, region r
// holds s * 1000 + t + r / 8; six agents (agent i in region i % 4, linked to
// agent i + 1), snapshots every 5 ticks.
#include <cstdio>
#include <exception>

#include "output/hdf5_recorder.hpp"
#include "sim/world.hpp"

int main(int argc, char** argv) {
  using namespace clustersim;
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT.h5\n", argv[0]);
    return 2;
  }
  try {
    sim::World world(4, sim::RegionTable({{"Алматы", 43.24, 76.89, 2.0e6, 0.8, 0.9},
                                          {"Astana", 51.17, 71.45, 1.3e6, 0.9, 0.7},
                                          {"Shymkent", 42.32, 69.59, 1.1e6, 0.5, 0.4},
                                          {"Karaganda", 49.81, 73.09, 1.4e6, 0.4, 0.5}}));
    world.indicators = sim::IndicatorTable({{"firms", "agents", "living firms"},
                                            {"value_added", "million tenge", "IT value added"},
                                            {"stage", "1", "cluster stage, 1 to 4", "none"}},
                                           4);
    world.network = sim::Network(6);
    for (std::uint32_t i = 0; i < 6; ++i) {
      sim::NewAgent a;
      a.kind = sim::AgentKind::Sme;
      a.firm_type = sim::FirmType::Product;
      a.region = static_cast<sim::RegionIndex>(i % 4);
      a.employees = 5.0f * static_cast<float>(i + 1);
      a.knowledge = {1.0f, 2.0f, 3.0f, static_cast<float>(i)};
      world.agents.add(a);
      if (i + 1 < 6) world.network.add_edge(i, i + 1, {0.5f, 0, sim::EdgeKind::Supplier});
    }
    world.network.commit();
    output::RunMetadata meta;
    meta.scenario_name = "layout check";
    meta.scenario_text = "name: layout check\n";
    meta.scenario_file = "layout.yaml";
    meta.command_line = "output_layout_writer";
    meta.program_version = "test";
    meta.git_hash = "none";
    meta.seed = 7;
    meta.threads = 1;
    meta.tick_length = 0.25;
    meta.model_parameters = {{"tie_distance_cost_km", 900.0}, {"max_partners", 12.0}};
    meta.stage_names = {"none", "first", "second"};
    output::RecorderOptions options;
    options.chunk_rows = 8;  // 21 rows: chunks are filled, then one partly
    options.force = true;
    options.snapshot_every = 5;  // ticks 0, 5, 10, 15, 20
    output::Hdf5Recorder recorder(argv[1], meta, options);
    const auto snapshot = [&](std::uint32_t tick) {
      for (std::size_t s = 0; s < 3; ++s) {
        for (std::size_t r = 0; r < 4; ++r) {
          world.indicators.at(s, r) =
              static_cast<double>(s) * 1000.0 + tick + static_cast<double>(r) / 8.0;
        }
      }
      return sim::Snapshot{tick, tick * 0.25, world};
    };
    recorder.on_run_start(snapshot(0));
    for (std::uint32_t t = 1; t <= 20; ++t) recorder.on_tick_end(snapshot(t));
    recorder.on_run_end(snapshot(20), sim::RunOutcome::Completed);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
