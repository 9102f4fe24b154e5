#include "output/run_file.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "output/hdf5_util.hpp"
#include "output/sha256.hpp"
#include "sim/agents.hpp"
#include "sim/network.hpp"
#include "sim/regions.hpp"

namespace clustersim::output {

namespace fs = std::filesystem;
using h5::Handle;

namespace {

// One chunk stays near this size, so a wide table or a big snapshot does not
// make huge chunks, and a small one is not split into thousands.
constexpr std::size_t kMaxChunkBytes = std::size_t{1} << 20;
constexpr std::size_t kSnapshotChunkRows = 32768;
constexpr hsize_t kIndexChunkRows = 64;
// Series are small and written once: compress well. Snapshots can be large
// and are written while the run goes on: compress fast.
constexpr unsigned kSeriesDeflate = 4;
constexpr unsigned kSnapshotDeflate = 1;

/// CF flag_meanings: the value names, space-separated.
std::string flag_meanings(std::span<const std::string_view> names) {
  std::string s;
  for (std::size_t k = 0; k < names.size(); ++k) s += (k ? " " : "") + std::string(names[k]);
  return s;
}

std::string flag_meanings_edges() {
  std::string s;
  for (std::size_t k = 0; k < sim::kEdgeKindCount; ++k) {
    s += (k ? " " : "") + std::string(sim::to_string(static_cast<sim::EdgeKind>(k)));
  }
  return s;
}

std::vector<int> iota(std::size_t n) {
  std::vector<int> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<int>(i);
  return v;
}

/// How an agent column's elements are stored in the file and in memory.
struct HdfType {
  hid_t file;
  hid_t memory;
  std::size_t bytes;
};

HdfType hdf_type(sim::ElementType type) {
  switch (type) {
    case sim::ElementType::U8:
      return {H5T_STD_U8LE, H5T_NATIVE_UINT8, 1};
    case sim::ElementType::U16:
      return {H5T_STD_U16LE, H5T_NATIVE_UINT16, 2};
    case sim::ElementType::U32:
      return {H5T_STD_U32LE, H5T_NATIVE_UINT32, 4};
    case sim::ElementType::U64:
      return {H5T_STD_U64LE, H5T_NATIVE_UINT64, 8};
    case sim::ElementType::F32:
      return {H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, 4};
    case sim::ElementType::F64:
      break;
  }
  return {H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, 8};
}

/// A column of a ragged table: one dataset, and how to find its data in a frame.
struct Column {
  std::string name;
  Handle dataset;
  hid_t mem_type;
  hsize_t columns;  // 0 for rank 1
};

/// A CF "contiguous ragged array": snapshots of varying length stored one
/// after the other along `row`; count[i] rows from offset[i] are snapshot i.
struct Ragged {
  Handle group, time, step, offset, count, row;
  std::vector<Column> columns;
  hsize_t snapshots = 0;
  hsize_t rows = 0;
};

}  // namespace

class RunFile::Impl {
 public:
  Impl(const fs::path& path, bool truncate, const Layout& layout, const RunMetadata& meta,
       bool& created)
      : call_(path, "write"), layout_(layout) {
    Handle fcpl = call_.handle(H5Pcreate(H5P_FILE_CREATE), H5Pclose, "creating file properties");
    // Attribute creation order is tracked so h5dump and h5py list the
    // metadata in the order it was written, not alphabetically.
    call_(H5Pset_attr_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
          "setting attribute order");
    Handle fapl = call_.handle(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "creating file properties");
    if (layout.swmr) {
      // SWMR needs the 1.10 file format (readers need HDF5 >= 1.10 too).
      call_(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_LATEST, H5F_LIBVER_LATEST),
            "choosing the SWMR file format");
    }
    file_ = call_.handle(
        H5Fcreate(path.c_str(), truncate ? H5F_ACC_TRUNC : H5F_ACC_EXCL, fcpl.get(), fapl.get()),
        h5::close_file, "creating the file");
    created = true;
    builder_.emplace(call_);
    const h5::Builder& b = *builder_;
    const hid_t root = file_.get();

    b.string_attribute(root, "format", kFormatName);
    b.attribute(root, "format_version", H5T_STD_I32LE, H5T_NATIVE_INT, &kFormatVersion);
    b.string_attribute(root, "status", "running");
    write_h5md(meta);
    write_parameters(meta);
    write_regions();
    create_observables();
    if (layout_.snapshot_every > 0) {
      create_agents();
      create_network();
      // SWMR writing may not start while a group is open.
      agents_.group.reset();
      network_.group.reset();
    }
    if (layout_.swmr) {
      call_(H5Fstart_swmr_write(root), "starting SWMR writing");
    }
  }

  void append(const Batch& batch) {
    const std::size_t n = batch.rows();
    if (n == 0) return;
    const auto start = static_cast<hsize_t>(rows_);
    const auto count = static_cast<hsize_t>(n);
    const auto regions = static_cast<hsize_t>(batch.regions);
    std::vector<double> national(n);
    for (std::size_t s = 0; s < series_.size(); ++s) {
      const SeriesHandles& h = series_[s];
      const std::string what = "appending to series '" + h.name + "'";
      const std::span<const double> block = batch.block(s);
      h5::append_rows(call_, h.value.get(), start, count, regions, H5T_NATIVE_DOUBLE, block.data(),
                      what);
      h5::append_rows(call_, h.time.get(), start, count, 0, H5T_NATIVE_DOUBLE, batch.times.data(),
                      what);
      h5::append_rows(call_, h.step.get(), start, count, 0, H5T_NATIVE_INT64, batch.steps.data(),
                      what);
      if (h.national.valid()) {
        for (std::size_t r = 0; r < n; ++r) {
          national[r] =
              aggregate(layout_.aggregations[s], block.subspan(r * batch.regions, batch.regions));
        }
        h5::append_rows(call_, h.national.get(), start, count, 0, H5T_NATIVE_DOUBLE,
                        national.data(), what);
      }
    }
    rows_ += n;
  }

  void append(const AgentFrame& f) {
    std::vector<const void*> data;
    for (const std::vector<std::byte>& column : f.columns) data.push_back(column.data());
    append_ragged(agents_, f.step, f.time, f.size(), data.data());
  }

  void append(const EdgeFrame& f) {
    const void* data[] = {f.source.data(), f.target.data(), f.kind.data(), f.strength.data(),
                          f.age.data()};
    append_ragged(network_, f.step, f.time, f.size(), data);
  }

  void flush_for_readers() {
    if (!layout_.swmr) return;
    call_(H5Fflush(file_.get(), H5F_SCOPE_LOCAL), "flushing for readers");
    committed_ = {rows_, agents_.rows, agents_.snapshots, network_.rows, network_.snapshots};
  }

  void finish(const Finish& f) {
    if (layout_.swmr) {
      // A SWMR writer may not change attributes; close, then reopen the file
      // for normal writing to record the end.
      close();
      reopen();
    }
    write_end(f.status, f.end_time);
    close();
  }

  void mark_failed(const std::string& end_time) noexcept {
    // A write that failed (a full disk) can leave a dataset extended over rows
    // whose data never reached the disk: readers would take their zeros for
    // results. Cut every dataset back to what the last successful flush wrote.
    try {
      if (layout_.swmr) {
        truncate_to_committed();
        call_(H5Fflush(file_.get(), H5F_SCOPE_LOCAL), "flushing the cut-back datasets");
      }
    } catch (...) {
      // Nothing more can be written; what the last flush wrote is on disk.
    }
    H5Eclear2(H5E_DEFAULT);
    try {
      if (layout_.swmr) {
        close();
        reopen();
      }
      write_end("failed", end_time);
    } catch (...) {
      // The file may be unwritable by now; the error already reported matters.
    }
    H5Eclear2(H5E_DEFAULT);
  }

 private:
  struct SeriesHandles {
    std::string name;
    Handle value, time, step, national;
  };

  void write_h5md(const RunMetadata& meta) {
    const h5::Builder& b = *builder_;
    Handle h5md = b.group(file_.get(), "h5md");
    b.int_array_attribute(h5md.get(), "version", {1, 1});
    Handle author = b.group(h5md.get(), "author");
    b.string_attribute(author.get(), "name", meta.author);
    Handle creator = b.group(h5md.get(), "creator");
    b.string_attribute(creator.get(), "name", "clustersim");
    b.string_attribute(creator.get(), "version", meta.program_version);
  }

  void write_parameters(const RunMetadata& meta) {
    const h5::Builder& b = *builder_;
    Handle p = b.group(file_.get(), "parameters");
    b.string_attribute(p.get(), "scenario_name", meta.scenario_name);
    b.string_attribute(p.get(), "scenario_file", meta.scenario_file);
    b.string_attribute(p.get(), "scenario_sha256", sha256_hex(meta.scenario_text));
    b.string_attribute(p.get(), "run_id", meta.run_id);
    b.attribute(p.get(), "replicate", H5T_STD_U32LE, H5T_NATIVE_UINT32, &meta.replicate);
    b.attribute(p.get(), "seed", H5T_STD_U64LE, H5T_NATIVE_UINT64, &meta.seed);
    b.attribute(p.get(), "threads", H5T_STD_U32LE, H5T_NATIVE_UINT32, &meta.threads);
    b.attribute(p.get(), "tick_length", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &meta.tick_length);
    b.attribute(p.get(), "snapshot_every", H5T_STD_U32LE, H5T_NATIVE_UINT32,
                &layout_.snapshot_every);
    b.string_attribute(p.get(), "program_version", meta.program_version);
    b.string_attribute(p.get(), "git_hash", meta.git_hash);
    b.string_attribute(p.get(), "command_line", meta.command_line);
    b.string_attribute(p.get(), "host", meta.host);
    b.string_attribute(p.get(), "start_time", layout_.start_time);
    b.string_attribute(p.get(), "end_time", "");
    b.string_attribute(p.get(), "status", "running");
    // Datasets, not attributes: a scenario may be larger than the 64 KiB an
    // attribute may hold in the default file format.
    b.string_scalar(p.get(), "scenario_text", meta.scenario_text);
    Handle included = b.strings(p.get(), "included_files", meta.included_files);
    // Its own dimension scale, so xarray can open /parameters too.
    call_(H5DSset_scale(included.get(), "included_files"), "writing included_files");
    Handle libraries = b.group(p.get(), "libraries");
    for (const auto& [library, version] : meta.library_versions) {
      b.string_attribute(libraries.get(), library, version);
    }
    // The resolved model parameters and the stage names, so an analysis reads
    // them here instead of parsing scenario_text and knowing the defaults.
    Handle model = b.group(p.get(), "model");
    for (const auto& [key, value] : meta.model_parameters) {
      b.attribute(model.get(), key, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value);
    }
    Handle settings = b.group(p.get(), "settings");
    for (const auto& [key, value] : meta.settings) {
      b.string_attribute(settings.get(), key, value);
    }
    Handle stages = b.strings(p.get(), "stage_names", meta.stage_names);
    call_(H5DSset_scale(stages.get(), "stage_names"), "writing stage_names");
  }

  /// /regions/distance_km: great-circle km between region centres, computed by
  /// the model's own RegionTable, [region][to_region].
  void write_distances(hid_t group, hid_t region_scale) {
    const h5::Builder& b = *builder_;
    const std::string what = "writing /regions/distance_km";
    const sim::RegionTable table(layout_.regions);
    const std::size_t n = table.size();
    std::vector<double> distance(n * n);
    for (std::size_t a = 0; a < n; ++a) {
      for (std::size_t c = 0; c < n; ++c) distance[a * n + c] = table.distance_km(a, c);
    }
    // The second axis is a netCDF dimension without a coordinate (xarray
    // would not have the same dimension twice); it follows /regions/name.
    Handle to = b.extendible(group, "to_region", H5T_STD_I32LE, std::max<std::size_t>(n, 1), 0, 0);
    b.phony_dimension(to.get());
    h5::extend_rows(call_, to.get(), n, what);
    const hsize_t dims[2] = {n, n};
    Handle space = call_.handle(H5Screate_simple(2, dims, nullptr), H5Sclose, what);
    Handle d = call_.handle(H5Dcreate2(group, "distance_km", H5T_IEEE_F64LE, space.get(),
                                       H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                            H5Dclose, what);
    if (n > 0) {
      call_(H5Dwrite(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, distance.data()),
            what);
    }
    b.unit(d.get(), "km");
    b.description(d.get(),
                  "great-circle distance between region centres (haversine, Earth radius "
                  "6371.0088 km); rows and columns follow /regions/name");
    call_(H5DSattach_scale(d.get(), region_scale, 0), what);
    call_(H5DSattach_scale(d.get(), to.get(), 1), what);
  }

  void write_regions() {
    const h5::Builder& b = *builder_;
    Handle group = b.group(file_.get(), "regions");
    std::vector<std::string> names;
    std::vector<double> lat, lon, population, hard, soft;
    for (const sim::Region& r : layout_.regions) {
      names.push_back(r.name);
      lat.push_back(r.lat);
      lon.push_back(r.lon);
      population.push_back(r.population);
      hard.push_back(r.hard_factor);
      soft.push_back(r.soft_factor);
    }
    Handle name = b.strings(group.get(), "name", names);
    call_(H5DSset_scale(name.get(), "region"), "making /regions/name a dimension scale");
    struct RegionColumn {
      const char* name;
      const char* unit;
      const std::vector<double>& values;
    };
    const RegionColumn columns[] = {{"lat", "degree_north", lat},
                                    {"lon", "degree_east", lon},
                                    {"population", "persons", population},
                                    {"hard_factor", "1", hard},
                                    {"soft_factor", "1", soft}};
    for (const RegionColumn& c : columns) {
      Handle column = b.doubles(group.get(), c.name, c.values);
      b.unit(column.get(), c.unit);
      call_(H5DSattach_scale(column.get(), name.get(), 0), "attaching the region scale");
    }
    write_distances(group.get(), name.get());
  }

  void create_observables() {
    const h5::Builder& b = *builder_;
    Handle observables = b.group(file_.get(), "observables");
    std::vector<std::string> region_names;
    for (const sim::Region& r : layout_.regions) region_names.push_back(r.name);
    const auto chunk_rows = static_cast<hsize_t>(layout_.chunk_rows);
    const auto columns = static_cast<hsize_t>(layout_.regions.size());

    for (std::size_t s = 0; s < layout_.series.size(); ++s) {
      const sim::SeriesInfo& info = layout_.series[s];
      const Aggregation aggregation = layout_.aggregations[s];
      const std::string what = "creating series '" + info.name + "'";
      Handle group = b.group(observables.get(), info.name);
      SeriesHandles h{info.name, {}, {}, {}, {}};

      h.time = b.extendible(group.get(), "time", H5T_IEEE_F64LE, chunk_rows, 0, 0);
      b.unit(h.time.get(), "year");
      call_(H5DSset_scale(h.time.get(), "time"), what);

      h.step = b.extendible(group.get(), "step", H5T_STD_I64LE, chunk_rows, 0, 0);
      b.description(h.step.get(), "ticks completed");
      call_(H5DSattach_scale(h.step.get(), h.time.get(), 0), what);

      // Each series carries its own copy of the region names so that opening
      // just this group (xarray's group=) gives labelled regions; they are
      // tiny next to the values.
      Handle region = b.strings(group.get(), "region", region_names);
      call_(H5DSset_scale(region.get(), "region"), what);

      h.value =
          b.extendible(group.get(), "value", H5T_IEEE_F64LE, chunk_rows, columns, kSeriesDeflate);
      b.unit(h.value.get(), info.unit);
      b.description(h.value.get(), info.description);
      b.string_attribute(h.value.get(), "aggregation", to_string(aggregation));
      // CF convention: xarray shows `step` as a coordinate of `value`.
      b.string_attribute(h.value.get(), "coordinates", "step");
      call_(H5DSattach_scale(h.value.get(), h.time.get(), 0), what);
      call_(H5DSattach_scale(h.value.get(), region.get(), 1), what);

      if (aggregation != Aggregation::None) {
        h.national =
            b.extendible(group.get(), "national", H5T_IEEE_F64LE, chunk_rows, 0, kSeriesDeflate);
        b.unit(h.national.get(), info.unit);
        b.description(h.national.get(),
                      std::string("national ") + to_string(aggregation) + " over regions");
        b.string_attribute(h.national.get(), "aggregation", to_string(aggregation));
        b.string_attribute(h.national.get(), "coordinates", "step");
        call_(H5DSattach_scale(h.national.get(), h.time.get(), 0), what);
      }
      series_.push_back(std::move(h));
    }
  }

  /// The index of a ragged table (time, step, offset, count) and its row axis.
  Ragged create_ragged(hid_t parent, const std::string& name, const char* row_meaning) {
    const h5::Builder& b = *builder_;
    const std::string what = "creating '" + name + "'";
    Ragged t;
    t.group = b.group(parent, name);
    b.string_attribute(t.group.get(), "layout",
                       "contiguous ragged array: snapshot i is rows offset[i] to "
                       "offset[i] + count[i] - 1 of every column");
    const hid_t g = t.group.get();
    t.time = b.extendible(g, "time", H5T_IEEE_F64LE, kIndexChunkRows, 0, 0);
    b.unit(t.time.get(), "year");
    call_(H5DSset_scale(t.time.get(), "time"), what);
    t.step = b.extendible(g, "step", H5T_STD_I64LE, kIndexChunkRows, 0, 0);
    b.description(t.step.get(), "ticks completed");
    t.offset = b.extendible(g, "offset", H5T_STD_I64LE, kIndexChunkRows, 0, 0);
    b.description(t.offset.get(), "first row of the snapshot");
    t.count = b.extendible(g, "count", H5T_STD_I64LE, kIndexChunkRows, 0, 0);
    b.description(t.count.get(), std::string(row_meaning) + " in the snapshot");
    b.string_attribute(t.count.get(), "sample_dimension", "row");
    for (const Handle* d : {&t.step, &t.offset, &t.count}) {
      call_(H5DSattach_scale(d->get(), t.time.get(), 0), what);
    }
    t.row = b.extendible(g, "row", H5T_STD_I32LE, kSnapshotChunkRows, 0, 0);
    b.phony_dimension(t.row.get());
    return t;
  }

  /// A column of a ragged table, along its `row` axis (and `field`, for a
  /// second axis).
  void add_column(Ragged& t, const std::string& name, hid_t file_type, hid_t mem_type,
                  std::size_t element_bytes, const std::string& unit,
                  const std::string& description, hid_t field_scale = -1, hsize_t columns = 0) {
    const h5::Builder& b = *builder_;
    const std::size_t row_bytes = element_bytes * std::max<hsize_t>(columns, 1);
    const hsize_t chunk_rows =
        std::clamp<std::size_t>(kMaxChunkBytes / row_bytes, 1, kSnapshotChunkRows);
    Handle d = b.extendible(t.group.get(), name, file_type, chunk_rows, columns, kSnapshotDeflate);
    if (!unit.empty()) b.unit(d.get(), unit);
    b.description(d.get(), description);
    const std::string what = "creating '" + name + "'";
    call_(H5DSattach_scale(d.get(), t.row.get(), 0), what);
    if (field_scale >= 0) call_(H5DSattach_scale(d.get(), field_scale, 1), what);
    t.columns.push_back(Column{name, std::move(d), mem_type, columns});
  }

  void create_agents() {
    const h5::Builder& b = *builder_;
    Handle particles = b.group(file_.get(), "particles");
    agents_ = create_ragged(particles.get(), "agents", "agents");
    Ragged& t = agents_;
    const auto fields = static_cast<hsize_t>(layout_.knowledge_fields);
    Handle field = b.ints(t.group.get(), "field", iota(layout_.knowledge_fields));
    b.description(field.get(), "technology field");
    call_(H5DSset_scale(field.get(), "field"), "creating 'field'");

    // One dataset per recorded column of sim::kAgentColumns, in list order.
    for (const sim::AgentColumn& column : sim::kAgentColumns) {
      if (!column.recorded) continue;
      const HdfType type = hdf_type(column.type);
      const bool per_field = column.shape == sim::ColumnShape::PerField;
      add_column(t, std::string(column.name), type.file, type.memory, type.bytes,
                 std::string(column.unit), std::string(column.description),
                 per_field ? field.get() : -1, per_field ? fields : 0);
      if (!column.value_names.empty()) {
        const hid_t d = t.columns.back().dataset.get();
        b.int_array_attribute(d, "flag_values", iota(column.value_names.size()));
        b.string_attribute(d, "flag_meanings", flag_meanings(column.value_names));
      }
    }
  }

  void create_network() {
    const h5::Builder& b = *builder_;
    network_ = create_ragged(file_.get(), "network", "links");
    Ragged& t = network_;
    b.description(t.group.get(), "undirected cooperation links, each once, source id < target id");
    add_column(t, "source", H5T_STD_U32LE, H5T_NATIVE_UINT32, 4, "", "agent id of one end");
    add_column(t, "target", H5T_STD_U32LE, H5T_NATIVE_UINT32, 4, "", "agent id of the other end");
    add_column(t, "kind", H5T_STD_U8LE, H5T_NATIVE_UINT8, 1, "", "link kind");
    b.int_array_attribute(t.columns.back().dataset.get(), "flag_values", iota(sim::kEdgeKindCount));
    b.string_attribute(t.columns.back().dataset.get(), "flag_meanings", flag_meanings_edges());
    add_column(t, "strength", H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, 4, "1", "tie strength");
    add_column(t, "age", H5T_STD_U16LE, H5T_NATIVE_UINT16, 2, "ticks",
               "ticks since formation (saturating)");
  }

  /// data: one pointer per column, in the order the columns were added.
  void append_ragged(Ragged& t, std::int64_t step, double time, std::size_t rows,
                     const void* const* data) {
    if (!t.time.valid()) return;  // snapshots are off
    const std::string what = "appending a snapshot";
    const auto offset = static_cast<std::int64_t>(t.rows);
    const auto count = static_cast<std::int64_t>(rows);
    const auto n = static_cast<hsize_t>(rows);
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const Column& col = t.columns[c];
      h5::append_rows(call_, col.dataset.get(), t.rows, n, col.columns, col.mem_type, data[c],
                      what + " to '" + col.name + "'");
    }
    h5::extend_rows(call_, t.row.get(), t.rows + n, what);
    h5::append_rows(call_, t.time.get(), t.snapshots, 1, 0, H5T_NATIVE_DOUBLE, &time, what);
    h5::append_rows(call_, t.step.get(), t.snapshots, 1, 0, H5T_NATIVE_INT64, &step, what);
    h5::append_rows(call_, t.offset.get(), t.snapshots, 1, 0, H5T_NATIVE_INT64, &offset, what);
    h5::append_rows(call_, t.count.get(), t.snapshots, 1, 0, H5T_NATIVE_INT64, &count, what);
    t.rows += n;
    t.snapshots += 1;
  }

  /// Sets every dataset's rows back to those of the last successful flush.
  void truncate_to_committed() {
    const std::string what = "cutting back to the last flushed tick";
    for (const SeriesHandles& h : series_) {
      h5::set_rows(call_, h.value.get(), committed_.rows, layout_.regions.size(), what);
      for (const Handle* d : {&h.time, &h.step, &h.national}) {
        if (d->valid()) h5::set_rows(call_, d->get(), committed_.rows, 0, what);
      }
    }
    rows_ = committed_.rows;
    const auto cut = [&](Ragged& t, hsize_t rows, hsize_t snapshots) {
      if (!t.time.valid()) return;
      for (const Column& c : t.columns) h5::set_rows(call_, c.dataset.get(), rows, c.columns, what);
      h5::set_rows(call_, t.row.get(), rows, 0, what);
      for (const Handle* d : {&t.time, &t.step, &t.offset, &t.count}) {
        h5::set_rows(call_, d->get(), snapshots, 0, what);
      }
      t.rows = rows;
      t.snapshots = snapshots;
    };
    cut(agents_, committed_.agent_rows, committed_.agent_snapshots);
    cut(network_, committed_.edge_rows, committed_.edge_snapshots);
  }

  void write_end(const std::string& status, const std::string& end_time) {
    const h5::Builder& b = *builder_;
    const std::string what = "opening /parameters";
    Handle p = call_.handle(H5Gopen2(file_.get(), "parameters", H5P_DEFAULT), H5Gclose, what);
    b.string_attribute(p.get(), "end_time", end_time);
    b.string_attribute(p.get(), "status", status);
    b.string_attribute(file_.get(), "status", status);
  }

  void reopen() {
    hid_t opened = H5Fopen(call_.path().c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    if (opened < 0) {
      // A SWMR reader (h5py with swmr=True) that still has the file open holds
      // its lock, and a normal open for writing is refused. The end must be
      // recorded all the same, or the run would end as "running" and never be
      // renamed: open without taking the lock. The reader keeps a valid file;
      // it sees the new status once it reopens it.
      H5Eclear2(H5E_DEFAULT);
      Handle fapl = call_.handle(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "reopening the file");
      call_(H5Pset_file_locking(fapl.get(), false, true), "reopening the file without its lock");
      opened = H5Fopen(call_.path().c_str(), H5F_ACC_RDWR, fapl.get());
    }
    file_ = call_.handle(opened, h5::close_file, "reopening the file to record its end");
    builder_.emplace(call_);
  }

  /// Closes every handle; throws if a close fails.
  void close() {
    bool ok = true;
    for (SeriesHandles& h : series_) {
      for (Handle* d : {&h.value, &h.time, &h.step, &h.national}) ok = d->reset() && ok;
    }
    series_.clear();
    for (Ragged* t : {&agents_, &network_}) {
      for (Column& c : t->columns) ok = c.dataset.reset() && ok;
      t->columns.clear();
      for (Handle* d : {&t->time, &t->step, &t->offset, &t->count, &t->row, &t->group}) {
        ok = d->reset() && ok;
      }
    }
    if (builder_) ok = builder_->close() && ok;
    builder_.reset();
    ok = file_.reset() && ok;
    if (!ok) call_.fail("closing the file");
  }

  h5::Call call_;
  const Layout& layout_;
  Handle file_;
  std::optional<h5::Builder> builder_;
  std::vector<SeriesHandles> series_;
  Ragged agents_;
  Ragged network_;
  std::size_t rows_ = 0;
  /// Rows (and snapshots) on disk as of the last successful flush.
  struct Committed {
    std::size_t rows = 0;
    hsize_t agent_rows = 0, agent_snapshots = 0, edge_rows = 0, edge_snapshots = 0;
  } committed_;
};

RunFile::RunFile(const fs::path& path, bool truncate, const Layout& layout, const RunMetadata& meta,
                 bool& created)
    : impl_(std::make_unique<Impl>(path, truncate, layout, meta, created)) {}

RunFile::~RunFile() = default;

void RunFile::append(const Batch& batch) {
  impl_->append(batch);
}
void RunFile::append(const AgentFrame& frame) {
  impl_->append(frame);
}
void RunFile::append(const EdgeFrame& frame) {
  impl_->append(frame);
}
void RunFile::flush_for_readers() {
  impl_->flush_for_readers();
}
void RunFile::finish(const Finish& finish) {
  impl_->finish(finish);
}
void RunFile::mark_failed(const std::string& end_time) noexcept {
  impl_->mark_failed(end_time);
}

}  // namespace clustersim::output
