#include "output/hdf5_recorder.hpp"

#include <gtest/gtest.h>
#include <hdf5.h>
#include <hdf5_hl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "h5_read.hpp"
#include "output/sha256.hpp"
#include "sim/engine.hpp"
#include "sim/world.hpp"

namespace clustersim::output {
namespace {

namespace fs = std::filesystem;
using sim::RunOutcome;
using sim::Snapshot;

constexpr double kTickLength = 0.25;

// --- a tiny world -----------------------------------------------------------

sim::World make_world(std::size_t regions = 3) {
  std::vector<sim::Region> table;
  const char* names[] = {"Алматы", "Astana", "Shymkent", "Karaganda", "Aktobe"};
  for (std::size_t r = 0; r < regions; ++r) {
    const std::string name =
        r < std::size(names) ? std::string(names[r]) : "region_" + std::to_string(r);
    table.push_back({name, 40.0 + static_cast<double>(r), 70.0 + static_cast<double>(r),
                     1e6 * static_cast<double>(r + 1), 0.5, 0.25});
  }
  sim::World world(8, sim::RegionTable(std::move(table)));
  world.indicators = sim::IndicatorTable(
      {{"firms", "agents", "living firms"}, {"value_added", "million tenge", "IT value added"}},
      regions);
  return world;
}

/// Deterministic, distinct values: series * 1000 + tick + region / 8.
double expected(std::size_t series, std::uint32_t tick, std::size_t region) {
  return static_cast<double>(series) * 1000.0 + tick + static_cast<double>(region) / 8.0;
}

void fill(sim::World& world, std::uint32_t tick) {
  for (std::size_t s = 0; s < world.indicators.series_count(); ++s) {
    for (std::size_t r = 0; r < world.indicators.region_count(); ++r) {
      world.indicators.at(s, r) = expected(s, tick, r);
    }
  }
}

Snapshot snapshot_at(sim::World& world, std::uint32_t tick) {
  fill(world, tick);
  return Snapshot{tick, tick * kTickLength, world};
}

RunMetadata metadata() {
  RunMetadata meta;
  meta.scenario_name = "tiny";
  meta.scenario_text = "name: tiny\nregions: [Алматы]\n";
  meta.scenario_file = "scenarios/tiny.yaml";
  meta.command_line = "clustersim run scenarios/tiny.yaml";
  meta.program_version = "0.1.0";
  meta.git_hash = "abcdef123456";
  meta.seed = 42;
  meta.threads = 2;
  meta.tick_length = kTickLength;
  meta.library_versions = {{"tbb", "2021.8.0"}};
  meta.included_files = {"scenarios/regions.yaml"};
  meta.replicate = 3;
  meta.author = "tester";
  return meta;
}

/// Drives a whole run by hand: start, `ticks` ticks, end with `outcome`.
void run(Hdf5Recorder& recorder, sim::World& world, std::uint32_t ticks,
         RunOutcome outcome = RunOutcome::Completed) {
  recorder.on_run_start(snapshot_at(world, 0));
  for (std::uint32_t t = 1; t <= ticks; ++t) recorder.on_tick_end(snapshot_at(world, t));
  recorder.on_run_end(Snapshot{ticks, ticks * kTickLength, world}, outcome);
}

// --- fixture ----------------------------------------------------------------------

class Hdf5RecorderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("clustersim-output-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // expected failures stay quiet
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(dir_, ec);
  }
  fs::path path(const std::string& name = "run.h5") const { return dir_ / name; }
  static fs::path partial(const fs::path& p) { return fs::path(p.string() + ".partial"); }

  fs::path dir_;
};

TEST_F(Hdf5RecorderTest, WritesLayoutValuesAndMetadata) {
  sim::World world = make_world(3);
  RecorderOptions options;
  options.chunk_rows = 4;  // 11 rows: two whole chunks and a partial one
  Hdf5Recorder recorder(path(), metadata(), options);
  EXPECT_FALSE(fs::exists(path()));
  EXPECT_FALSE(fs::exists(partial(path())));  // nothing before the run starts
  run(recorder, world, 10);

  ASSERT_TRUE(fs::exists(path()));
  EXPECT_FALSE(fs::exists(partial(path())));
  EXPECT_EQ(recorder.final_path(), fs::absolute(path()));
  File file(path());
  ASSERT_TRUE(file.ok());
  const hid_t f = file.id();

  EXPECT_EQ(string_attribute(f, "/", "format"), "clustersim-run");
  EXPECT_EQ(numeric_attribute<int>(f, "/", "format_version", H5T_NATIVE_INT), 2);
  EXPECT_EQ(string_attribute(f, "/", "status"), "complete");
  EXPECT_EQ(string_attribute(f, "/parameters", "status"), "complete");
  const std::regex iso(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)");
  EXPECT_TRUE(std::regex_match(string_attribute(f, "/parameters", "start_time"), iso));
  EXPECT_TRUE(std::regex_match(string_attribute(f, "/parameters", "end_time"), iso));

  // H5MD 1.1 header.
  int version[2] = {0, 0};
  const hid_t version_attr = H5Aopen_by_name(f, "/h5md", "version", H5P_DEFAULT, H5P_DEFAULT);
  ASSERT_GE(version_attr, 0);
  EXPECT_GE(H5Aread(version_attr, H5T_NATIVE_INT, version), 0);
  H5Aclose(version_attr);
  EXPECT_EQ(version[0], 1);
  EXPECT_EQ(version[1], 1);
  EXPECT_EQ(string_attribute(f, "/h5md/creator", "name"), "clustersim");
  EXPECT_EQ(string_attribute(f, "/h5md/creator", "version"), "0.1.0");
  EXPECT_EQ(string_attribute(f, "/h5md/author", "name"), "tester");

  EXPECT_EQ(string_attribute(f, "/parameters", "scenario_name"), "tiny");
  EXPECT_EQ(read_strings(f, "/parameters/scenario_text"),
            std::vector<std::string>{metadata().scenario_text});
  EXPECT_EQ(string_attribute(f, "/parameters", "scenario_sha256"),
            sha256_hex(metadata().scenario_text));
  EXPECT_EQ(read_strings(f, "/parameters/included_files"),
            (std::vector<std::string>{"scenarios/regions.yaml"}));
  EXPECT_EQ(string_attribute(f, "/parameters", "run_id"), "tiny");  // defaults to the name
  EXPECT_EQ(numeric_attribute<std::uint32_t>(f, "/parameters", "replicate", H5T_NATIVE_UINT32), 3u);
  EXPECT_FALSE(string_attribute(f, "/parameters", "host").empty());
  EXPECT_EQ(string_attribute(f, "/parameters", "scenario_file"), "scenarios/tiny.yaml");
  EXPECT_EQ(numeric_attribute<std::uint64_t>(f, "/parameters", "seed", H5T_NATIVE_UINT64), 42u);
  EXPECT_EQ(numeric_attribute<std::uint32_t>(f, "/parameters", "threads", H5T_NATIVE_UINT32), 2u);
  EXPECT_EQ(numeric_attribute<double>(f, "/parameters", "tick_length", H5T_NATIVE_DOUBLE),
            kTickLength);
  EXPECT_EQ(string_attribute(f, "/parameters", "command_line"),
            "clustersim run scenarios/tiny.yaml");
  EXPECT_EQ(string_attribute(f, "/parameters", "program_version"), "0.1.0");
  EXPECT_EQ(string_attribute(f, "/parameters", "git_hash"), "abcdef123456");
  EXPECT_EQ(string_attribute(f, "/parameters/libraries", "tbb"), "2021.8.0");
  EXPECT_EQ(string_attribute(f, "/parameters/libraries", "hdf5"), hdf5_version());

  const std::vector<std::string> regions = {"Алматы", "Astana", "Shymkent"};
  EXPECT_EQ(read_strings(f, "/regions/name"), regions);
  EXPECT_EQ(read_doubles(f, "/regions/lat").values, (std::vector<double>{40, 41, 42}));

  for (std::size_t s = 0; s < 2; ++s) {
    const std::string group = s == 0 ? "/observables/firms" : "/observables/value_added";
    SCOPED_TRACE(group);
    const Array value = read_doubles(f, group + "/value");
    ASSERT_EQ(value.dims, (std::vector<hsize_t>{11, 3}));
    for (std::uint32_t t = 0; t <= 10; ++t) {
      for (std::size_t r = 0; r < 3; ++r) {
        EXPECT_EQ(value.values[t * 3 + r], expected(s, t, r)) << "tick " << t << " region " << r;
      }
    }
    const Array time = read_doubles(f, group + "/time");
    const Array step = read_doubles(f, group + "/step");
    ASSERT_EQ(time.dims, (std::vector<hsize_t>{11}));
    ASSERT_EQ(step.dims, (std::vector<hsize_t>{11}));
    for (std::uint32_t t = 0; t <= 10; ++t) {
      EXPECT_EQ(step.values[t], t);
      EXPECT_EQ(time.values[t], t * kTickLength);
    }
    EXPECT_EQ(read_strings(f, group + "/region"), regions);
    EXPECT_EQ(string_attribute(f, group + "/value", "unit"), s == 0 ? "agents" : "million tenge");
    EXPECT_EQ(string_attribute(f, group + "/value", "description"),
              s == 0 ? "living firms" : "IT value added");
    EXPECT_EQ(string_attribute(f, group + "/time", "unit"), "year");
    EXPECT_EQ(string_attribute(f, group + "/value", "aggregation"), "sum");
    const Array national = read_doubles(f, group + "/national");
    ASSERT_EQ(national.dims, (std::vector<hsize_t>{11}));
    for (std::uint32_t t = 0; t <= 10; ++t) {
      EXPECT_EQ(national.values[t], expected(s, t, 0) + expected(s, t, 1) + expected(s, t, 2));
    }

    // Dimension scales: time on axis 0, region on axis 1; chunked, compressed.
    const hid_t v = H5Dopen2(f, (group + "/value").c_str(), H5P_DEFAULT);
    const hid_t tm = H5Dopen2(f, (group + "/time").c_str(), H5P_DEFAULT);
    const hid_t rg = H5Dopen2(f, (group + "/region").c_str(), H5P_DEFAULT);
    EXPECT_EQ(H5DSis_scale(tm), 1);
    EXPECT_EQ(H5DSis_scale(rg), 1);
    EXPECT_EQ(H5DSis_attached(v, tm, 0), 1);
    EXPECT_EQ(H5DSis_attached(v, rg, 1), 1);
    const hid_t dcpl = H5Dget_create_plist(v);
    EXPECT_EQ(H5Pget_layout(dcpl), H5D_CHUNKED);
    hsize_t chunk[2] = {0, 0};
    EXPECT_EQ(H5Pget_chunk(dcpl, 2, chunk), 2);
    EXPECT_EQ(chunk[0], 4u);
    EXPECT_EQ(chunk[1], 3u);
    EXPECT_EQ(H5Pget_nfilters(dcpl), 2);  // shuffle + deflate
    const hid_t space = H5Dget_space(v);
    hsize_t max_dims[2] = {0, 0};
    H5Sget_simple_extent_dims(space, nullptr, max_dims);
    EXPECT_EQ(max_dims[0], H5S_UNLIMITED);
    H5Sclose(space);
    H5Pclose(dcpl);
    H5Dclose(rg);
    H5Dclose(tm);
    H5Dclose(v);
  }
}

TEST_F(Hdf5RecorderTest, RefusesExistingFileWithoutForce) {
  std::ofstream(path()) << "earlier results";
  try {
    Hdf5Recorder recorder(path(), metadata(), {});
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find(path().string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("--force"), std::string::npos) << e.what();
  }
  EXPECT_EQ(read_text(path()), "earlier results");
  EXPECT_FALSE(fs::exists(partial(path())));
}

TEST_F(Hdf5RecorderTest, RefusesStalePartialWithoutForce) {
  std::ofstream(partial(path())) << "interrupted results";
  EXPECT_THROW(Hdf5Recorder(path(), metadata(), {}), OutputError);
  EXPECT_EQ(read_text(partial(path())), "interrupted results");
}

TEST_F(Hdf5RecorderTest, ForceReplacesTheOldFileOnlyWhenTheRunCompletes) {
  std::ofstream(path()) << "earlier results";
  std::ofstream(partial(path())) << "stale partial";
  sim::World world = make_world();
  RecorderOptions options;
  options.force = true;
  Hdf5Recorder recorder(path(), metadata(), options);
  recorder.on_run_start(snapshot_at(world, 0));
  for (std::uint32_t t = 1; t <= 3; ++t) recorder.on_tick_end(snapshot_at(world, t));
  EXPECT_EQ(read_text(path()), "earlier results");  // untouched during the run
  recorder.on_run_end(Snapshot{3, 3 * kTickLength, world}, RunOutcome::Completed);
  EXPECT_EQ(status_of(path()), "complete");
  EXPECT_FALSE(fs::exists(partial(path())));
}

TEST_F(Hdf5RecorderTest, ForceKeepsTheOldFileWhenTheRunIsInterrupted) {
  std::ofstream(path()) << "earlier results";
  sim::World world = make_world();
  RecorderOptions options;
  options.force = true;
  Hdf5Recorder recorder(path(), metadata(), options);
  run(recorder, world, 2, RunOutcome::Interrupted);
  EXPECT_EQ(read_text(path()), "earlier results");
  EXPECT_EQ(status_of(partial(path())), "interrupted");
}

TEST_F(Hdf5RecorderTest, InterruptedRunLeavesReadablePartialFile) {
  sim::World world = make_world();
  RecorderOptions options;
  options.chunk_rows = 4;
  Hdf5Recorder recorder(path(), metadata(), options);
  run(recorder, world, 6, RunOutcome::Interrupted);
  EXPECT_FALSE(fs::exists(path()));
  ASSERT_TRUE(fs::exists(partial(path())));
  EXPECT_EQ(recorder.partial_path(), fs::absolute(partial(path())));
  File file(partial(path()));
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(string_attribute(file.id(), "/", "status"), "interrupted");
  const Array value = read_doubles(file.id(), "/observables/value_added/value");
  ASSERT_EQ(value.dims, (std::vector<hsize_t>{7, 3}));
  EXPECT_EQ(value.values[6 * 3 + 2], expected(1, 6, 2));
}

TEST_F(Hdf5RecorderTest, FailedRunIsMarkedFailed) {
  sim::World world = make_world();
  Hdf5Recorder recorder(path(), metadata(), {});
  run(recorder, world, 2, RunOutcome::Failed);
  EXPECT_FALSE(fs::exists(path()));
  EXPECT_EQ(status_of(partial(path())), "failed");
}

TEST_F(Hdf5RecorderTest, MissingDirectoryIsRefusedBeforeTheRun) {
  const fs::path target = dir_ / "no_such_dir" / "run.h5";
  try {
    Hdf5Recorder recorder(target, metadata(), {});
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("no_such_dir"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(dir_ / "no_such_dir"));
}

TEST_F(Hdf5RecorderTest, ParentThatIsAFileIsRefused) {
  std::ofstream(dir_ / "plain") << "x";
  EXPECT_THROW(Hdf5Recorder(dir_ / "plain" / "run.h5", metadata(), {}), OutputError);
}

TEST_F(Hdf5RecorderTest, DirectoryAsOutputIsRefusedEvenWithForce) {
  fs::create_directory(path());
  RecorderOptions options;
  options.force = true;
  EXPECT_THROW(Hdf5Recorder(path(), metadata(), options), OutputError);
}

TEST_F(Hdf5RecorderTest, UnwritableDirectoryIsRefusedBeforeTheRun) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes to read-only directories";
  const fs::path locked = dir_ / "locked";
  fs::create_directory(locked);
  fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
  try {
    Hdf5Recorder recorder(locked / "run.h5", metadata(), {});
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("not writable"), std::string::npos) << e.what();
  }
  fs::permissions(locked, fs::perms::owner_all);
  EXPECT_TRUE(fs::is_empty(locked));
}

// A file-size limit makes the kernel fail the writer thread's writes with
// EFBIG, as a full disk fails them with ENOSPC.
TEST_F(Hdf5RecorderTest, WriterErrorSurfacesOnTheEngineThread) {
  sim::World world = make_world(5);
  world.indicators = sim::IndicatorTable({{"a", "1", "x"}, {"b", "1", "y"}}, 5);
  const std::size_t regions = 5;
  RecorderOptions options;
  options.chunk_rows = 64;
  Hdf5Recorder recorder(path(), metadata(), options);
  recorder.on_run_start(snapshot_at(world, 0));

  rlimit old_limit{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old_limit), 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = old_limit;
  small.rlim_cur = 32 * 1024;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);

  std::string message;
  std::uint32_t tick = 1;
  try {
    // Incompressible values, so the file outgrows the limit quickly.
    for (; tick <= 5000; ++tick) {
      std::uint64_t x = tick * 0x9E3779B97F4A7C15ull;
      for (std::size_t s = 0; s < 2; ++s) {
        for (std::size_t r = 0; r < regions; ++r) {
          x ^= x >> 29;
          x *= 0xBF58476D1CE4E5B9ull;
          world.indicators.at(s, r) = static_cast<double>(x >> 11);
        }
      }
      recorder.on_tick_end(Snapshot{tick, tick * kTickLength, world});
    }
    recorder.on_run_end(Snapshot{tick, tick * kTickLength, world}, RunOutcome::Completed);
  } catch (const OutputError& e) {
    message = e.what();
    // The engine tells observers the run failed; the error was already
    // reported, so this must not throw again.
    EXPECT_NO_THROW(
        recorder.on_run_end(Snapshot{tick, tick * kTickLength, world}, RunOutcome::Failed));
  }
  ::setrlimit(RLIMIT_FSIZE, &old_limit);
  std::signal(SIGXFSZ, old_handler);

  ASSERT_FALSE(message.empty()) << "the write error was swallowed";
  EXPECT_NE(message.find("File too large"), std::string::npos) << message;  // EFBIG
  EXPECT_NE(message.find(partial(path()).string()), std::string::npos) << message;
  EXPECT_LT(tick, 5000u) << "the error should surface at a tick, not only at the end";
  EXPECT_FALSE(fs::exists(path()));
  EXPECT_TRUE(fs::exists(partial(path())));
}

TEST_F(Hdf5RecorderTest, DestructorWithoutRunEndClosesAndMarksFailed) {
  sim::World world = make_world();
  {
    Hdf5Recorder recorder(path(), metadata(), {});
    recorder.on_run_start(snapshot_at(world, 0));
    recorder.on_tick_end(snapshot_at(world, 1));
  }
  EXPECT_FALSE(fs::exists(path()));
  File file(partial(path()));
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(string_attribute(file.id(), "/", "status"), "failed");
  EXPECT_EQ(read_doubles(file.id(), "/observables/firms/value").dims, (std::vector<hsize_t>{2, 3}));
}

TEST_F(Hdf5RecorderTest, DestructorBeforeRunStartWritesNothing) {
  { Hdf5Recorder recorder(path(), metadata(), {}); }
  EXPECT_TRUE(fs::is_empty(dir_));
}

TEST_F(Hdf5RecorderTest, MisuseIsAnError) {
  sim::World world = make_world();
  Hdf5Recorder recorder(path(), metadata(), {});
  EXPECT_THROW(recorder.on_tick_end(snapshot_at(world, 1)), OutputError);  // before start
  recorder.on_run_start(snapshot_at(world, 0));
  sim::World other = make_world(4);
  EXPECT_THROW(recorder.on_tick_end(Snapshot{1, kTickLength, other}), OutputError);
  recorder.on_run_end(Snapshot{0, 0.0, world}, RunOutcome::Completed);
  EXPECT_THROW(recorder.on_tick_end(snapshot_at(world, 1)), OutputError);  // after end
  EXPECT_EQ(status_of(path()), "complete");
}

// The recorder finds each series' values by name: a table that lists the same
// series in another order still fills the right datasets, and one that lost a
// series is refused rather than recorded under the wrong names.
TEST_F(Hdf5RecorderTest, MatchesSeriesToValuesByName) {
  sim::World world = make_world();
  Hdf5Recorder recorder(path(), metadata(), {});
  recorder.on_run_start(snapshot_at(world, 0));
  world.indicators = sim::IndicatorTable(
      {{"value_added", "million tenge", "IT value added"}, {"firms", "agents", "living firms"}}, 3);
  world.indicators.row(world.indicators.index_of("firms"))[2] = -1.0;
  world.indicators.row(world.indicators.index_of("value_added"))[2] = -2.0;
  recorder.on_tick_end(Snapshot{1, kTickLength, world});
  world.indicators = sim::IndicatorTable(
      {{"firms", "agents", "living firms"}, {"renamed", "million tenge", "IT value added"}}, 3);
  EXPECT_THROW(recorder.on_tick_end(Snapshot{2, 2 * kTickLength, world}), OutputError);
  recorder.on_run_end(Snapshot{1, kTickLength, world}, RunOutcome::Failed);
  File file(partial(path()));
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(read_doubles(file.id(), "/observables/firms/value").values[1 * 3 + 2], -1.0);
  EXPECT_EQ(read_doubles(file.id(), "/observables/value_added/value").values[1 * 3 + 2], -2.0);
}

TEST_F(Hdf5RecorderTest, WorldWithoutSeriesGivesAnEmptyObservablesGroup) {
  sim::World world = make_world();
  world.indicators = sim::IndicatorTable({}, 3);
  Hdf5Recorder recorder(path(), metadata(), {});
  run(recorder, world, 3);
  File file(path());
  ASSERT_TRUE(file.ok());
  H5G_info_t info{};
  ASSERT_GE(H5Gget_info_by_name(file.id(), "/observables", &info, H5P_DEFAULT), 0);
  EXPECT_EQ(info.nlinks, 0u);
}

TEST_F(Hdf5RecorderTest, RecordsAnEngineRunThatIsInterrupted) {
  sim::World world = make_world();
  sim::Engine engine(world, sim::EngineOptions{7, 2, kTickLength});
  engine.add_phase("indicators", [](sim::TickContext& context) {
    fill(context.world, context.tick + 1);  // the state at the end of this tick
  });
  fill(world, 0);
  Hdf5Recorder recorder(path(), metadata(), {});
  engine.add_observer(recorder);
  const auto outcome = engine.run(100, [&] { return engine.ticks_done() == 30; });
  ASSERT_EQ(outcome, RunOutcome::Interrupted);
  File file(partial(path()));
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(string_attribute(file.id(), "/", "status"), "interrupted");
  const Array value = read_doubles(file.id(), "/observables/value_added/value");
  ASSERT_EQ(value.dims, (std::vector<hsize_t>{31, 3}));
  for (std::uint32_t t = 0; t <= 30; ++t) EXPECT_EQ(value.values[t * 3 + 1], expected(1, t, 1));
}

TEST(Hdf5Version, ReportsTheRuntimeLibrary) {
  EXPECT_TRUE(std::regex_match(hdf5_version(), std::regex(R"(\d+\.\d+\.\d+)"))) << hdf5_version();
}

}  // namespace
}  // namespace clustersim::output
