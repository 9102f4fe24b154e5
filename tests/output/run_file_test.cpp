// Snapshots, national series, SWMR files, the SHA-256 digest and `inspect`.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "h5_read.hpp"
#include "output/frames.hpp"
#include "output/hdf5_recorder.hpp"
#include "output/inspect.hpp"
#include "output/sha256.hpp"
#include "sim/world.hpp"

namespace clustersim::output {
namespace {

constexpr double kTickLength = 0.25;
constexpr std::size_t kFields = 3;

/// Two regions, five agents (ids 0..4), links 0-1, 0-3, 2-4; the series
/// "firms" (sum), "density" (mean) and "stage" (none).
sim::World make_world() {
  sim::World world(kFields, sim::RegionTable({{"north", 50, 70, 1e6, 0.5, 0.5},
                                              {"south", 43, 77, 2e6, 0.7, 0.3}}));
  for (std::uint32_t i = 0; i < 5; ++i) {
    sim::NewAgent a;
    a.kind = i == 4 ? sim::AgentKind::University : sim::AgentKind::Sme;
    a.firm_type = i == 4 ? sim::FirmType::None : sim::FirmType::Content;
    a.region = static_cast<sim::RegionIndex>(i % 2);
    a.employees = 10.0f + static_cast<float>(i);
    a.capital = 100.0 * i;
    a.knowledge = {static_cast<float>(i), 1.0f, 2.0f};
    world.agents.add(a);
  }
  world.network = sim::Network(5);
  world.network.add_edge(0, 1, {0.5f, 2, sim::EdgeKind::Supplier});
  world.network.add_edge(3, 0, {0.25f, 1, sim::EdgeKind::RndPartnership});
  world.network.add_edge(2, 4, {1.0f, 0, sim::EdgeKind::UniversityIndustry});
  world.network.commit();
  world.indicators = sim::IndicatorTable({{"firms", "firms", "living firms", "sum"},
                                          {"density", "1", "link density", "mean"},
                                          {"stage", "1", "cluster stage", "none"}},
                                         2);
  return world;
}

sim::Snapshot at(sim::World& world, std::uint32_t tick) {
  for (std::size_t s = 0; s < 3; ++s) {
    for (std::size_t r = 0; r < 2; ++r)
      world.indicators.at(s, r) = static_cast<double>(s * 10 + tick + r);
  }
  return sim::Snapshot{tick, tick * kTickLength, world};
}

RunMetadata metadata() {
  RunMetadata meta;
  meta.scenario_name = "snap";
  meta.scenario_text = "name: snap\n";
  meta.program_version = "0.1.0";
  meta.seed = 1;
  meta.tick_length = kTickLength;
  return meta;
}

class RunFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("clustersim-runfile-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  void TearDown() override { fs::remove_all(dir_); }

  /// Records ticks 0..ticks with the given options; returns the final path.
  fs::path record(RecorderOptions options, std::uint32_t ticks) {
    const fs::path path = dir_ / "run.h5";
    sim::World world = make_world();
    Hdf5Recorder recorder(path, metadata(), options);
    recorder.on_run_start(at(world, 0));
    for (std::uint32_t t = 1; t <= ticks; ++t) recorder.on_tick_end(at(world, t));
    recorder.on_run_end(at(world, ticks), sim::RunOutcome::Completed);
    return path;
  }

  fs::path dir_;
};

TEST_F(RunFileTest, SnapshotsHoldAgentsAndLinksEveryKTicks) {
  RecorderOptions options;
  options.snapshot_every = 2;
  const fs::path path = record(options, 5);  // snapshots at ticks 0, 2, 4
  File file(path);
  ASSERT_TRUE(file.ok());
  const hid_t f = file.id();

  EXPECT_EQ(read_doubles(f, "/particles/agents/step").values, (std::vector<double>{0, 2, 4}));
  EXPECT_EQ(read_doubles(f, "/particles/agents/time").values, (std::vector<double>{0, 0.5, 1.0}));
  EXPECT_EQ(read_doubles(f, "/particles/agents/offset").values, (std::vector<double>{0, 5, 10}));
  EXPECT_EQ(read_doubles(f, "/particles/agents/count").values, (std::vector<double>{5, 5, 5}));
  const Array id = read_doubles(f, "/particles/agents/id");
  ASSERT_EQ(id.dims, (std::vector<hsize_t>{15}));
  EXPECT_EQ(std::vector<double>(id.values.begin() + 5, id.values.begin() + 10),
            (std::vector<double>{0, 1, 2, 3, 4}));
  EXPECT_EQ(read_doubles(f, "/particles/agents/kind").values[4],
            static_cast<double>(sim::AgentKind::University));
  EXPECT_EQ(read_doubles(f, "/particles/agents/region").values[3], 1.0);
  EXPECT_EQ(read_doubles(f, "/particles/agents/capital").values[2], 200.0);
  const Array knowledge = read_doubles(f, "/particles/agents/knowledge");
  ASSERT_EQ(knowledge.dims, (std::vector<hsize_t>{15, kFields}));
  EXPECT_EQ(knowledge.values[3 * kFields + 0], 3.0f);
  EXPECT_EQ(string_attribute(f, "/particles/agents/kind", "flag_meanings"),
            "large_firm sme university government civil_society");

  EXPECT_EQ(read_doubles(f, "/network/count").values, (std::vector<double>{3, 3, 3}));
  // Once each, source < target, sorted.
  EXPECT_EQ(read_doubles(f, "/network/source").values,
            (std::vector<double>{0, 0, 2, 0, 0, 2, 0, 0, 2}));
  EXPECT_EQ(read_doubles(f, "/network/target").values,
            (std::vector<double>{1, 3, 4, 1, 3, 4, 1, 3, 4}));
  EXPECT_EQ(read_doubles(f, "/network/strength").values[1], 0.25);
  EXPECT_EQ(read_doubles(f, "/network/kind").values[2],
            static_cast<double>(sim::EdgeKind::UniversityIndustry));
  EXPECT_EQ(string_attribute(f, "/network/kind", "flag_meanings"),
            "rnd_partnership supplier university_industry government_programme civil_society");
  EXPECT_EQ(read_doubles(f, "/network/age").values[0], 2.0);
}

TEST_F(RunFileTest, NoSnapshotGroupsByDefault) {
  const fs::path path = record({}, 3);
  File file(path);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(H5Lexists(file.id(), "particles", H5P_DEFAULT), 0);
  EXPECT_EQ(H5Lexists(file.id(), "network", H5P_DEFAULT), 0);
}

TEST_F(RunFileTest, NationalSeriesFollowTheAggregation) {
  const fs::path path = record({}, 2);
  File file(path);
  ASSERT_TRUE(file.ok());
  // firms: sum of (t, t + 1); density: mean of (10 + t, 11 + t); stage: none.
  EXPECT_EQ(read_doubles(file.id(), "/observables/firms/national").values,
            (std::vector<double>{1, 3, 5}));
  EXPECT_EQ(read_doubles(file.id(), "/observables/density/national").values,
            (std::vector<double>{10.5, 11.5, 12.5}));
  EXPECT_EQ(string_attribute(file.id(), "/observables/stage/value", "aggregation"), "none");
  EXPECT_EQ(H5Lexists(file.id(), "/observables/stage/national", H5P_DEFAULT), 0);
}

TEST_F(RunFileTest, UnknownAggregationIsRefused) {
  sim::World world = make_world();
  world.indicators = sim::IndicatorTable({{"x", "1", "y", "median"}}, 2);
  Hdf5Recorder recorder(dir_ / "run.h5", metadata(), {});
  EXPECT_THROW(recorder.on_run_start(sim::Snapshot{0, 0.0, world}), OutputError);
  EXPECT_TRUE(fs::is_empty(dir_));
}

TEST_F(RunFileTest, SwmrRunWithSnapshotsCompletesReadable) {
  RecorderOptions options;
  options.swmr = true;
  options.snapshot_every = 1;
  options.chunk_rows = 2;
  options.flush_interval = 1e-9;  // every tick goes to the writer at once
  const fs::path path = record(options, 6);
  File file(path);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(string_attribute(file.id(), "/parameters", "status"), "complete");
  EXPECT_EQ(string_attribute(file.id(), "/", "status"), "complete");
  EXPECT_EQ(read_doubles(file.id(), "/observables/firms/value").dims, (std::vector<hsize_t>{7, 2}));
  EXPECT_EQ(read_doubles(file.id(), "/network/count").dims, (std::vector<hsize_t>{7}));
  // SWMR needs the 1.10 format: superblock version 3.
  H5F_info2_t info{};
  ASSERT_GE(H5Fget_info2(file.id(), &info), 0);
  EXPECT_GE(info.super.version, 3u);
}

TEST_F(RunFileTest, InterruptedSwmrRunIsMarkedInterrupted) {
  RecorderOptions options;
  options.swmr = true;
  const fs::path path = dir_ / "run.h5";
  {
    sim::World world = make_world();
    Hdf5Recorder recorder(path, metadata(), options);
    recorder.on_run_start(at(world, 0));
    recorder.on_tick_end(at(world, 1));
    recorder.on_run_end(at(world, 1), sim::RunOutcome::Interrupted);
  }
  EXPECT_EQ(status_of(fs::path(path.string() + ".partial")), "interrupted");
}

TEST(Aggregate, EmptyRowOrNoneIsNaN) {
  const std::vector<double> row = {3, 1, 2};
  EXPECT_EQ(aggregate(Aggregation::Sum, row), 6);
  EXPECT_EQ(aggregate(Aggregation::Mean, row), 2);
  EXPECT_EQ(aggregate(Aggregation::Min, row), 1);
  EXPECT_EQ(aggregate(Aggregation::Max, row), 3);
  EXPECT_TRUE(std::isnan(aggregate(Aggregation::None, row)));
  EXPECT_TRUE(std::isnan(aggregate(Aggregation::Sum, {})));
  EXPECT_EQ(parse_aggregation(""), Aggregation::Sum);
  EXPECT_THROW(parse_aggregation("avg"), std::invalid_argument);
}

// FIPS 180-4 examples, padding edge cases (55, 56, 64 bytes) and a long input.
TEST(Sha256, MatchesPublishedVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(55, 'a')),
            "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  EXPECT_EQ(sha256_hex(std::string(64, 'a')),
            "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_F(RunFileTest, InspectDescribesARunFile) {
  RecorderOptions options;
  options.snapshot_every = 2;
  const std::string text = inspect_run_file(record(options, 4));
  for (const char* expected :
       {"status: complete", "scenario_name: snap", "scenario_sha256: ", "firms", "(5, 2)",
        "national: mean", "agent snapshots (/particles/agents): 3",
        "network snapshots (/network): 3", "final values", "north", "south"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
}

TEST_F(RunFileTest, InspectRefusesOtherFiles) {
  std::ofstream(dir_ / "text.h5") << "not hdf5\n";
  EXPECT_THROW(inspect_run_file(dir_ / "text.h5"), NotARunFile);
  const hid_t other =
      H5Fcreate((dir_ / "other.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  ASSERT_GE(other, 0);
  H5Fclose(other);
  EXPECT_THROW(inspect_run_file(dir_ / "other.h5"), NotARunFile);
  EXPECT_THROW(inspect_run_file(dir_ / "missing.h5"), OutputError);
}

}  // namespace
}  // namespace clustersim::output
