#include "output/hdf5_recorder.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <exception>
#include <future>
#include <limits>
#include <mutex>
#include <optional>
#include <span>
#include <string_view>
#include <system_error>
#include <thread>

namespace clustersim::output {

namespace fs = std::filesystem;

namespace {

constexpr int kFormatVersion = 1;
// One chunk of one series stays near this size, whatever the region count, so
// a very wide table does not make the engine buffer huge batches.
constexpr std::size_t kMaxChunkBytes = std::size_t{1} << 20;
constexpr unsigned kDeflateLevel = 4;

std::string quoted(const fs::path& p) {
  return "'" + p.string() + "'";
}

std::string utc_now_iso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

const char* status_name(sim::RunOutcome outcome) {
  switch (outcome) {
    case sim::RunOutcome::Completed:
      return "complete";
    case sim::RunOutcome::Interrupted:
      return "interrupted";
    case sim::RunOutcome::Failed:
      return "failed";
  }
  return "failed";
}

// ---------------------------------------------------------------------------
// Writer-thread side: everything below up to Impl touches HDF5 and runs only
// on the writer thread (HDF5 1.10 is not safe to call from several threads).

/// Closes an HDF5 identifier with the matching H5?close on scope exit.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, -1)), closer_(other.closer_) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, -1);
      closer_ = other.closer_;
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }

  hid_t get() const { return id_; }
  /// Closes now; returns false if the close failed (it may flush data).
  bool reset() {
    bool ok = true;
    if (id_ >= 0 && closer_ != nullptr) ok = closer_(id_) >= 0;
    id_ = -1;
    return ok;
  }

 private:
  hid_t id_ = -1;
  Closer closer_ = nullptr;
};

/// Closes a file, unless it cannot be flushed (a full disk). Seen with HDF5
/// 1.10.8: a failed H5Fclose leaves the ID registered in a half-closed state,
/// and the library's exit handler then crashes closing it (H5F__close_cb). An
/// unflushable file is therefore left open, and the exit handler is turned off
/// (kNoHdf5ExitHandler below), so the process still exits with our error.
herr_t close_file(hid_t file) {
  if (H5Fflush(file, H5F_SCOPE_LOCAL) < 0) return -1;
  return H5Fclose(file);
}

/// Turns off HDF5's exit handler; this only works before the library first
/// initialises, hence a static initialiser (it runs before main). The handler
/// would only close files left open at exit, and every file this component
/// opens is closed explicitly, or abandoned on purpose (close_file).
[[maybe_unused]] const bool kNoHdf5ExitHandler = H5dont_atexit() >= 0;

/// The outermost and innermost entries of the calling thread's HDF5 error
/// stack, e.g. "can't write data: ... errno = 28, error message = 'No space
/// left on device'". Clears the stack.
std::string hdf5_error_detail() {
  struct Walk {
    std::string outer, inner;
  } walk;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_DOWNWARD,
      [](unsigned n, const H5E_error2_t* err, void* data) -> herr_t {
        auto* w = static_cast<Walk*>(data);
        const std::string desc = err->desc != nullptr ? err->desc : "";
        if (n == 0) w->outer = desc;
        w->inner = desc;
        return 0;
      },
      &walk);
  H5Eclear2(H5E_DEFAULT);
  // The file drivers report "file write failed: time = <ctime with a newline>,
  // filename = ..., errno = 28, error message = 'No space left on device', ...";
  // the system's message is the part a user needs.
  const std::string marker = "error message = '";
  if (const auto at = walk.inner.find(marker); at != std::string::npos) {
    const auto begin = at + marker.size();
    const auto end = walk.inner.find('\'', begin);
    walk.inner = walk.inner.substr(0, walk.inner.find(':')) + ": " +
                 walk.inner.substr(begin, end == std::string::npos ? end : end - begin);
  }
  std::replace(walk.inner.begin(), walk.inner.end(), '\n', ' ');
  if (walk.outer.empty()) return "unknown HDF5 error";
  if (walk.inner.empty() || walk.inner == walk.outer) return walk.outer;
  return walk.outer + ": " + walk.inner;
}

/// Wraps HDF5 calls with the file's path so every failure reads
/// "cannot write '<path>': <what>: <HDF5 detail>".
class H5Call {
 public:
  explicit H5Call(const fs::path& path) : path_(path) {}

  [[noreturn]] void fail(std::string_view what) const {
    throw OutputError("cannot write " + quoted(path_) + ": " + std::string(what) + ": " +
                      hdf5_error_detail());
  }
  hid_t operator()(hid_t id, std::string_view what) const {
    if (id < 0) fail(what);
    return id;
  }
  void operator()(herr_t rc, std::string_view what) const {
    if (rc < 0) fail(what);
  }
  Handle handle(hid_t id, Handle::Closer closer, std::string_view what) const {
    return Handle((*this)(id, what), closer);
  }

 private:
  const fs::path& path_;
};

/// What the writer thread needs to lay the file out; copied from the first
/// snapshot on the engine thread.
struct Layout {
  std::vector<sim::SeriesInfo> series;
  std::vector<sim::Region> regions;
  std::size_t chunk_rows = 1;
  std::string start_time;
};

/// Rows for every series, stored [series][row][region] with room for
/// `capacity` rows, so each series' rows are one contiguous block to write.
struct Batch {
  Batch() = default;
  Batch(std::size_t series_count, std::size_t region_count, std::size_t row_capacity)
      : capacity(row_capacity),
        regions(region_count),
        values(series_count * row_capacity * region_count) {
    steps.reserve(row_capacity);
    times.reserve(row_capacity);
  }
  std::size_t rows() const { return steps.size(); }
  std::span<const double> block(std::size_t series) const {
    return {values.data() + series * capacity * regions, rows() * regions};
  }

  std::size_t capacity = 0;
  std::size_t regions = 0;
  std::vector<std::int64_t> steps;
  std::vector<double> times;
  std::vector<double> values;
};

struct Finish {
  std::string status;
  std::string end_time;
};

struct Message {
  std::optional<Batch> rows;
  std::optional<Finish> finish;
};

class Hdf5File {
 public:
  Hdf5File(const Hdf5File&) = delete;  // h5_ refers to path_
  Hdf5File& operator=(const Hdf5File&) = delete;

  /// Creates the file and its whole layout; `created` turns true once the file
  /// exists on disk, so a failure afterwards knows it made the file.
  Hdf5File(const fs::path& path, bool truncate, const Layout& layout, const RunMetadata& meta,
           bool& created)
      : path_(path), h5_(path_) {
    Handle fcpl = h5_.handle(H5Pcreate(H5P_FILE_CREATE), H5Pclose, "creating file properties");
    // Attribute creation order is tracked so h5dump and h5py list the
    // metadata in the order it was written, not alphabetically.
    h5_(H5Pset_attr_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "setting attribute order");
    file_ = h5_.handle(
        H5Fcreate(path_.c_str(), truncate ? H5F_ACC_TRUNC : H5F_ACC_EXCL, fcpl.get(), H5P_DEFAULT),
        close_file, "creating the file");
    created = true;
    string_type_ = h5_.handle(H5Tcopy(H5T_C_S1), H5Tclose, "creating the string type");
    h5_(H5Tset_size(string_type_.get(), H5T_VARIABLE), "creating the string type");
    h5_(H5Tset_cset(string_type_.get(), H5T_CSET_UTF8), "creating the string type");

    const hid_t root = file_.get();
    set_string_attribute(root, "format", "clustersim-run");
    set_scalar_attribute(root, "format_version", H5T_STD_I32LE, H5T_NATIVE_INT, &kFormatVersion);
    set_string_attribute(root, "status", "running");
    set_string_attribute(root, "start_time", layout.start_time);

    Handle parameters = create_group(root, "parameters");
    set_string_attribute(parameters.get(), "scenario_name", meta.scenario_name);
    set_string_attribute(parameters.get(), "scenario_file", meta.scenario_file);
    set_string_attribute(parameters.get(), "scenario_text", meta.scenario_text);
    set_scalar_attribute(parameters.get(), "seed", H5T_STD_U64LE, H5T_NATIVE_UINT64, &meta.seed);
    set_scalar_attribute(parameters.get(), "threads", H5T_STD_U32LE, H5T_NATIVE_UINT32,
                         &meta.threads);
    set_scalar_attribute(parameters.get(), "tick_length", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                         &meta.tick_length);

    Handle provenance = create_group(root, "provenance");
    set_string_attribute(provenance.get(), "program_version", meta.program_version);
    set_string_attribute(provenance.get(), "git_hash", meta.git_hash);
    set_string_attribute(provenance.get(), "command_line", meta.command_line);
    Handle libraries = create_group(provenance.get(), "libraries");
    for (const auto& [library, version] : meta.library_versions) {
      set_string_attribute(libraries.get(), library, version);
    }

    write_regions(layout.regions);
    create_observables(layout);
  }

  /// Appends a batch's rows to every series.
  void append(const Batch& batch) {
    const std::size_t n = batch.rows();
    if (n == 0) return;
    const auto start = static_cast<hsize_t>(rows_);
    const auto count = static_cast<hsize_t>(n);
    const auto regions = static_cast<hsize_t>(batch.regions);
    for (std::size_t s = 0; s < series_.size(); ++s) {
      const SeriesHandles& h = series_[s];
      append_rows(h.value.get(), start, count, regions, H5T_NATIVE_DOUBLE, batch.block(s).data(),
                  h.name);
      append_rows(h.time.get(), start, count, 0, H5T_NATIVE_DOUBLE, batch.times.data(), h.name);
      append_rows(h.step.get(), start, count, 0, H5T_NATIVE_INT64, batch.steps.data(), h.name);
    }
    rows_ += n;
  }

  /// Writes the run's end and closes every handle; throws if anything fails,
  /// the final close (which writes cached metadata) included.
  void finish(const Finish& f) {
    set_string_attribute(file_.get(), "end_time", f.end_time);
    set_string_attribute(file_.get(), "status", f.status);
    close();
  }

  /// Closes every handle; throws if a close fails.
  void close() {
    bool ok = true;
    for (SeriesHandles& h : series_) {
      ok = h.value.reset() && ok;
      ok = h.time.reset() && ok;
      ok = h.step.reset() && ok;
    }
    series_.clear();
    ok = string_type_.reset() && ok;
    ok = file_.reset() && ok;
    if (!ok) h5_.fail("closing the file");
  }

  /// Best-effort status update after a failure; never throws.
  void mark_failed(const std::string& end_time) noexcept {
    try {
      set_string_attribute(file_.get(), "end_time", end_time);
      set_string_attribute(file_.get(), "status", "failed");
    } catch (...) {
      // The file may be unwritable by now; the error already reported matters.
    }
    H5Eclear2(H5E_DEFAULT);
  }

 private:
  struct SeriesHandles {
    std::string name;
    Handle value, time, step;
  };

  Handle create_group(hid_t parent, const std::string& name) {
    Handle gcpl = h5_.handle(H5Pcreate(H5P_GROUP_CREATE), H5Pclose, "creating group properties");
    h5_(H5Pset_attr_creation_order(gcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "setting attribute order");
    return h5_.handle(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT),
                      H5Gclose, "creating group '" + name + "'");
  }

  /// Creates the attribute, or overwrites it if it exists (status, end time).
  void write_attribute(hid_t object, const std::string& name, hid_t file_type, hid_t mem_type,
                       const void* data) {
    const std::string what = "writing attribute '" + name + "'";
    const htri_t exists = H5Aexists(object, name.c_str());
    h5_(static_cast<herr_t>(exists), what);
    Handle attribute;
    if (exists > 0) {
      attribute = h5_.handle(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose, what);
    } else {
      Handle space = h5_.handle(H5Screate(H5S_SCALAR), H5Sclose, what);
      attribute = h5_.handle(
          H5Acreate2(object, name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
          H5Aclose, what);
    }
    h5_(H5Awrite(attribute.get(), mem_type, data), what);
  }

  void set_string_attribute(hid_t object, const std::string& name, const std::string& value) {
    const char* c = value.c_str();
    write_attribute(object, name, string_type_.get(), string_type_.get(), &c);
  }

  void set_scalar_attribute(hid_t object, const std::string& name, hid_t file_type, hid_t mem_type,
                            const void* value) {
    write_attribute(object, name, file_type, mem_type, value);
  }

  Handle write_strings(hid_t group, const std::string& name,
                       const std::vector<std::string>& values) {
    const std::string what = "writing dataset '" + name + "'";
    const hsize_t dims[1] = {values.size()};
    Handle space = h5_.handle(H5Screate_simple(1, dims, nullptr), H5Sclose, what);
    Handle dataset = h5_.handle(H5Dcreate2(group, name.c_str(), string_type_.get(), space.get(),
                                           H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                                H5Dclose, what);
    std::vector<const char*> pointers;
    pointers.reserve(values.size());
    for (const std::string& v : values) pointers.push_back(v.c_str());
    if (!values.empty()) {
      h5_(H5Dwrite(dataset.get(), string_type_.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT,
                   pointers.data()),
          what);
    }
    return dataset;
  }

  Handle write_doubles(hid_t group, const std::string& name, const std::vector<double>& values) {
    const std::string what = "writing dataset '" + name + "'";
    const hsize_t dims[1] = {values.size()};
    Handle space = h5_.handle(H5Screate_simple(1, dims, nullptr), H5Sclose, what);
    Handle dataset = h5_.handle(H5Dcreate2(group, name.c_str(), H5T_IEEE_F64LE, space.get(),
                                           H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                                H5Dclose, what);
    if (!values.empty()) {
      h5_(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
          what);
    }
    return dataset;
  }

  void write_regions(const std::vector<sim::Region>& regions) {
    Handle group = create_group(file_.get(), "regions");
    std::vector<std::string> names;
    std::vector<double> lat, lon, population, hard, soft;
    for (const sim::Region& r : regions) {
      names.push_back(r.name);
      lat.push_back(r.lat);
      lon.push_back(r.lon);
      population.push_back(r.population);
      hard.push_back(r.hard_factor);
      soft.push_back(r.soft_factor);
    }
    Handle name = write_strings(group.get(), "name", names);
    h5_(H5DSset_scale(name.get(), "region"), "making /regions/name a dimension scale");
    struct Column {
      const char* name;
      const char* unit;
      const std::vector<double>& values;
    };
    const Column columns[] = {{"lat", "degree_north", lat},
                              {"lon", "degree_east", lon},
                              {"population", "persons", population},
                              {"hard_factor", "1", hard},
                              {"soft_factor", "1", soft}};
    for (const Column& c : columns) {
      Handle column = write_doubles(group.get(), c.name, c.values);
      set_string_attribute(column.get(), "unit", c.unit);
      h5_(H5DSattach_scale(column.get(), name.get(), 0), "attaching the region scale");
    }
  }

  /// An empty dataset that grows along its first axis.
  Handle create_extendible(hid_t group, const char* name, hid_t file_type, hsize_t chunk_rows,
                           hsize_t columns, bool compress, const std::string& what) {
    const int rank = columns == 0 ? 1 : 2;
    const hsize_t dims[2] = {0, columns};
    const hsize_t max_dims[2] = {H5S_UNLIMITED, columns};
    const hsize_t chunk[2] = {chunk_rows, columns};
    Handle space = h5_.handle(H5Screate_simple(rank, dims, max_dims), H5Sclose, what);
    Handle dcpl = h5_.handle(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, what);
    h5_(H5Pset_chunk(dcpl.get(), rank, chunk), what);
    if (compress) {
      // Shuffle groups the bytes of neighbouring doubles, which deflate then
      // compresses far better than raw IEEE words.
      h5_(H5Pset_shuffle(dcpl.get()), what);
      h5_(H5Pset_deflate(dcpl.get(), kDeflateLevel), what);
    }
    // Rows are written once, a whole chunk at a time, so a chunk cache would
    // only hold memory and delay write errors until close.
    Handle dapl = h5_.handle(H5Pcreate(H5P_DATASET_ACCESS), H5Pclose, what);
    h5_(H5Pset_chunk_cache(dapl.get(), 0, 0, H5D_CHUNK_CACHE_W0_DEFAULT), what);
    return h5_.handle(
        H5Dcreate2(group, name, file_type, space.get(), H5P_DEFAULT, dcpl.get(), dapl.get()),
        H5Dclose, what);
  }

  void create_observables(const Layout& layout) {
    Handle observables = create_group(file_.get(), "observables");
    std::vector<std::string> region_names;
    for (const sim::Region& r : layout.regions) region_names.push_back(r.name);
    const auto chunk_rows = static_cast<hsize_t>(layout.chunk_rows);
    const auto columns = static_cast<hsize_t>(layout.regions.size());

    for (const sim::SeriesInfo& info : layout.series) {
      const std::string what = "creating series '" + info.name + "'";
      Handle group = create_group(observables.get(), info.name);
      SeriesHandles h{info.name, {}, {}, {}};

      h.time = create_extendible(group.get(), "time", H5T_IEEE_F64LE, chunk_rows, 0, false, what);
      set_string_attribute(h.time.get(), "unit", "year");
      h5_(H5DSset_scale(h.time.get(), "time"), what);

      h.step = create_extendible(group.get(), "step", H5T_STD_I64LE, chunk_rows, 0, false, what);
      set_string_attribute(h.step.get(), "description", "ticks completed");
      h5_(H5DSattach_scale(h.step.get(), h.time.get(), 0), what);

      // Each series carries its own copy of the region names so that opening
      // just this group (xarray's group=) gives labelled regions; they are
      // tiny next to the values.
      Handle region = write_strings(group.get(), "region", region_names);
      h5_(H5DSset_scale(region.get(), "region"), what);

      h.value =
          create_extendible(group.get(), "value", H5T_IEEE_F64LE, chunk_rows, columns, true, what);
      set_string_attribute(h.value.get(), "unit", info.unit);
      set_string_attribute(h.value.get(), "description", info.description);
      // CF convention: xarray shows `step` as a coordinate of `value`.
      set_string_attribute(h.value.get(), "coordinates", "step");
      h5_(H5DSattach_scale(h.value.get(), h.time.get(), 0), what);
      h5_(H5DSattach_scale(h.value.get(), region.get(), 1), what);
      series_.push_back(std::move(h));
    }
  }

  void append_rows(hid_t dataset, hsize_t start, hsize_t count, hsize_t columns, hid_t mem_type,
                   const void* data, const std::string& series) {
    const std::string what = "appending to series '" + series + "'";
    const int rank = columns == 0 ? 1 : 2;
    const hsize_t new_dims[2] = {start + count, columns};
    h5_(H5Dset_extent(dataset, new_dims), what);
    Handle file_space = h5_.handle(H5Dget_space(dataset), H5Sclose, what);
    const hsize_t offset[2] = {start, 0};
    const hsize_t block[2] = {count, columns};
    h5_(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, offset, nullptr, block, nullptr),
        what);
    Handle mem_space = h5_.handle(H5Screate_simple(rank, block, nullptr), H5Sclose, what);
    h5_(H5Dwrite(dataset, mem_type, mem_space.get(), file_space.get(), H5P_DEFAULT, data), what);
  }

  fs::path path_;
  H5Call h5_;
  Handle file_;
  Handle string_type_;
  std::vector<SeriesHandles> series_;
  std::size_t rows_ = 0;
};

}  // namespace

// ---------------------------------------------------------------------------

class Hdf5Recorder::Impl {
 public:
  Impl(fs::path final_path, RunMetadata meta, RecorderOptions options)
      : meta_(std::move(meta)), options_(options) {
    if (final_path.empty()) throw OutputError("no output file given");
    std::error_code ec;
    final_path_ = fs::absolute(final_path, ec);
    if (ec)
      throw OutputError("cannot resolve output path " + quoted(final_path) + ": " + ec.message());
    partial_path_ = final_path_;
    partial_path_ += ".partial";
    check_destination();
    if (options_.swmr) {
      throw OutputError("cannot write " + quoted(final_path_) +
                        ": SWMR output is not supported yet");
    }
    if (std::none_of(meta_.library_versions.begin(), meta_.library_versions.end(),
                     [](const auto& lib) { return lib.first == "hdf5"; })) {
      meta_.library_versions.emplace_back("hdf5", hdf5_version());
    }
  }

  ~Impl() {
    if (state_ == State::Running) {
      // on_run_end never came (an exception escaped the run): stop the writer
      // and leave the .partial marked failed. Nothing may throw here.
      try {
        if (batch_.rows() > 0) push(Message{std::move(batch_), std::nullopt});
        push(Message{std::nullopt, Finish{"failed", utc_now_iso8601()}});
      } catch (...) {
        // push only throws on allocation failure; joining is what matters.
      }
    }
    if (writer_.joinable()) writer_.join();
  }

  void start(const sim::Snapshot& initial) {
    if (state_ != State::Constructed) throw OutputError("a recorder records one run only");
    state_ = State::Finished;  // until the file exists
    const sim::World& world = initial.world;
    const sim::IndicatorTable& table = world.indicators;
    series_count_ = table.series_count();
    region_count_ = table.region_count();
    if (series_count_ > 0 && region_count_ != world.regions.size()) {
      throw OutputError("cannot record to " + quoted(final_path_) + ": the indicator table has " +
                        std::to_string(region_count_) + " regions but the world has " +
                        std::to_string(world.regions.size()));
    }
    for (const sim::SeriesInfo& s : table.series()) {
      if (s.name.empty() || s.name == "." || s.name.find('/') != std::string::npos) {
        throw OutputError("cannot record to " + quoted(final_path_) + ": series name '" + s.name +
                          "' cannot name an HDF5 group");
      }
    }
    const std::size_t row_bytes = std::max<std::size_t>(region_count_, 1) * sizeof(double);
    chunk_rows_ = std::clamp<std::size_t>(options_.chunk_rows, 1,
                                          std::max<std::size_t>(kMaxChunkBytes / row_bytes, 1));

    Layout layout{table.series(), world.regions.all(), chunk_rows_, utc_now_iso8601()};
    std::promise<void> created;
    std::future<void> created_future = created.get_future();
    writer_ =
        std::thread([this, layout = std::move(layout), created = std::move(created)]() mutable {
          writer_main(layout, created);
        });
    try {
      created_future.get();
    } catch (...) {
      writer_.join();
      throw;
    }
    state_ = State::Running;
    batch_ = Batch(series_count_, region_count_, chunk_rows_);
    add_row(initial);
  }

  void tick(const sim::Snapshot& snapshot) {
    if (state_ != State::Running) {
      throw OutputError(
          "cannot record to " + quoted(final_path_) +
          (state_ == State::Constructed ? ": the run has not started" : ": the run has ended"));
    }
    throw_if_writer_failed();
    add_row(snapshot);
  }

  void end(sim::RunOutcome outcome) {
    if (state_ != State::Running) return;  // never started (nothing written) or ended already
    if (batch_.rows() > 0) push(Message{std::move(batch_), std::nullopt});
    push(Message{std::nullopt, Finish{status_name(outcome), utc_now_iso8601()}});
    state_ = State::Finished;  // only now: if a push threw, the destructor still stops the writer
    writer_.join();
    if (writer_failed_.load(std::memory_order_acquire)) {
      if (!error_reported_) {
        error_reported_ = true;
        throw OutputError(writer_error());
      }
      return;
    }
    if (outcome == sim::RunOutcome::Completed) publish();
  }

  const fs::path& final_path() const { return final_path_; }
  const fs::path& partial_path() const { return partial_path_; }

 private:
  enum class State { Constructed, Running, Finished };

  void check_destination() const {
    std::error_code ec;
    if (fs::is_directory(final_path_, ec)) {
      throw OutputError("cannot write " + quoted(final_path_) + ": it is a directory");
    }
    for (const fs::path& p : {final_path_, partial_path_}) {
      const bool exists = fs::exists(fs::symlink_status(p, ec));
      if (exists && !options_.force) {
        throw OutputError("output file " + quoted(p) +
                          " already exists; refusing to overwrite it without --force");
      }
    }
    const fs::path dir = final_path_.parent_path();
    const fs::file_status dir_status = fs::status(dir, ec);
    if (!fs::exists(dir_status)) {
      throw OutputError("cannot write " + quoted(final_path_) + ": directory " + quoted(dir) +
                        " does not exist");
    }
    if (!fs::is_directory(dir_status)) {
      throw OutputError("cannot write " + quoted(final_path_) + ": " + quoted(dir) +
                        " is not a directory");
    }
    // access() asks the kernel, so ACLs and read-only mounts count too.
    if (::access(dir.c_str(), W_OK | X_OK) != 0) {
      throw OutputError("cannot write " + quoted(final_path_) + ": directory " + quoted(dir) +
                        " is not writable (" + std::strerror(errno) + ")");
    }
  }

  void add_row(const sim::Snapshot& snapshot) {
    const sim::IndicatorTable& table = snapshot.world.indicators;
    if (table.series_count() != series_count_ || table.region_count() != region_count_) {
      throw OutputError("cannot record to " + quoted(final_path_) +
                        ": the indicator table changed shape during the run");
    }
    const std::size_t row = batch_.rows();
    for (std::size_t s = 0; s < series_count_; ++s) {
      const std::span<const double> values = table.row(s);
      std::copy(values.begin(), values.end(),
                batch_.values.begin() +
                    static_cast<std::ptrdiff_t>((s * batch_.capacity + row) * region_count_));
    }
    batch_.steps.push_back(snapshot.tick);
    batch_.times.push_back(snapshot.time);
    if (batch_.rows() == batch_.capacity) {
      push(Message{std::move(batch_), std::nullopt});
      batch_ = Batch(series_count_, region_count_, chunk_rows_);
    }
  }

  /// Blocks while the queue is full. The writer keeps draining the queue even
  /// after an error, so this never waits forever.
  void push(Message message) {
    std::unique_lock lock(queue_mutex_);
    not_full_.wait(
        lock, [&] { return queue_.size() < std::max<std::size_t>(options_.queue_capacity, 1); });
    queue_.push_back(std::move(message));
    lock.unlock();
    not_empty_.notify_one();
  }

  Message pop() {
    std::unique_lock lock(queue_mutex_);
    not_empty_.wait(lock, [&] { return !queue_.empty(); });
    Message message = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    not_full_.notify_one();
    return message;
  }

  void throw_if_writer_failed() {
    if (writer_failed_.load(std::memory_order_acquire)) {
      error_reported_ = true;
      throw OutputError(writer_error());
    }
  }

  std::string writer_error() {
    std::lock_guard lock(error_mutex_);
    return error_;
  }

  void record_writer_error(std::exception_ptr error) {
    std::string message;
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      message = e.what();
    } catch (...) {
      message = "cannot write " + quoted(partial_path_) + ": unknown error";
    }
    {
      std::lock_guard lock(error_mutex_);
      if (error_.empty()) error_ = message;
    }
    writer_failed_.store(true, std::memory_order_release);
  }

  void writer_main(const Layout& layout, std::promise<void>& created) {
    // The library is built thread-safe, so its error stack is per thread:
    // silence the automatic printing here, on the thread that calls HDF5.
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    std::optional<Hdf5File> file;
    bool file_created = false;
    try {
      file.emplace(partial_path_, options_.force, layout, meta_, file_created);
      created.set_value();
    } catch (...) {
      file.reset();
      // A half-made file helps no one and would block the next attempt; the
      // error says why. A file that was there before is not ours to remove.
      if (file_created) {
        std::error_code ec;
        fs::remove(partial_path_, ec);
      }
      created.set_exception(std::current_exception());
      return;
    }
    bool broken = false;
    for (;;) {
      Message message = pop();
      if (message.finish) {
        if (broken) {
          file->mark_failed(message.finish->end_time);
        } else {
          try {
            file->finish(*message.finish);
          } catch (...) {
            record_writer_error(std::current_exception());
          }
        }
        file.reset();
        return;
      }
      if (broken) continue;  // keep draining so the engine never blocks on us
      try {
        file->append(*message.rows);
      } catch (...) {
        record_writer_error(std::current_exception());
        broken = true;
      }
    }
  }

  /// Moves the finished file into place; without force, never over a file
  /// that appeared during the run.
  void publish() {
    const std::string where = "; the results are in " + quoted(partial_path_);
    if (options_.force) {
      std::error_code ec;
      fs::rename(partial_path_, final_path_, ec);
      if (ec) {
        throw OutputError("cannot rename to " + quoted(final_path_) + ": " + ec.message() + where);
      }
      return;
    }
    if (::renameat2(AT_FDCWD, partial_path_.c_str(), AT_FDCWD, final_path_.c_str(),
                    RENAME_NOREPLACE) == 0) {
      return;
    }
    const int error = errno;
    if (error == EEXIST) {
      throw OutputError("output file " + quoted(final_path_) +
                        " appeared during the run; not overwriting it" + where);
    }
    if (error != EINVAL && error != ENOSYS) {
      throw OutputError("cannot rename to " + quoted(final_path_) + ": " + std::strerror(error) +
                        where);
    }
    // The filesystem cannot rename without replacing: check, then rename.
    std::error_code ec;
    if (fs::exists(final_path_, ec)) {
      throw OutputError("output file " + quoted(final_path_) +
                        " appeared during the run; not overwriting it" + where);
    }
    fs::rename(partial_path_, final_path_, ec);
    if (ec) {
      throw OutputError("cannot rename to " + quoted(final_path_) + ": " + ec.message() + where);
    }
  }

  fs::path final_path_;
  fs::path partial_path_;
  RunMetadata meta_;
  RecorderOptions options_;

  // Engine thread only.
  State state_ = State::Constructed;
  std::size_t series_count_ = 0;
  std::size_t region_count_ = 0;
  std::size_t chunk_rows_ = 1;
  Batch batch_;
  bool error_reported_ = false;

  // Shared with the writer thread.
  std::thread writer_;
  std::mutex queue_mutex_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::deque<Message> queue_;
  std::atomic<bool> writer_failed_{false};
  std::mutex error_mutex_;
  std::string error_;
};

Hdf5Recorder::Hdf5Recorder(fs::path final_path, RunMetadata meta, RecorderOptions options)
    : impl_(std::make_unique<Impl>(std::move(final_path), std::move(meta), options)) {}

Hdf5Recorder::~Hdf5Recorder() = default;

void Hdf5Recorder::on_run_start(const sim::Snapshot& initial) {
  impl_->start(initial);
}

void Hdf5Recorder::on_tick_end(const sim::Snapshot& snapshot) {
  impl_->tick(snapshot);
}

void Hdf5Recorder::on_run_end(const sim::Snapshot& /*final_state*/, sim::RunOutcome outcome) {
  impl_->end(outcome);
}

const fs::path& Hdf5Recorder::final_path() const {
  return impl_->final_path();
}

const fs::path& Hdf5Recorder::partial_path() const {
  return impl_->partial_path();
}

std::string hdf5_version() {
  unsigned major = 0, minor = 0, release = 0;
  if (H5get_libversion(&major, &minor, &release) < 0) return H5_VERSION;
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release);
}

}  // namespace clustersim::output
