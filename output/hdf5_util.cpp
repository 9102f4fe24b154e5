#include "output/hdf5_util.hpp"

#include <hdf5_hl.h>

#include <algorithm>

#include "output/hdf5_recorder.hpp"

namespace clustersim::output::h5 {

namespace {

/// Turns off HDF5's exit handler; this only works before the library first
/// initialises, hence a static initialiser (it runs before main). The handler
/// would only close files left open at exit, and every file this component
/// opens is closed explicitly, or abandoned on purpose (close_file).
[[maybe_unused]] const bool kNoHdf5ExitHandler = H5dont_atexit() >= 0;

}  // namespace

// Seen with HDF5 1.10.8: a failed H5Fclose leaves the ID registered in a
// half-closed state, and the library's exit handler then crashes closing it
// (H5F__close_cb). An unflushable file is therefore left open, and the exit
// handler is turned off (kNoHdf5ExitHandler), so the process still exits with
// our error.
herr_t close_file(hid_t file) {
  if (H5Fflush(file, H5F_SCOPE_LOCAL) < 0) return -1;
  return H5Fclose(file);
}

std::string error_detail() {
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

void Call::fail(std::string_view what) const {
  throw OutputError("cannot " + verb_ + " '" + path_.string() + "': " + std::string(what) + ": " +
                    error_detail());
}

Builder::Builder(const Call& call) : call_(call) {
  string_type_ = call_.handle(H5Tcopy(H5T_C_S1), H5Tclose, "creating the string type");
  call_(H5Tset_size(string_type_.get(), H5T_VARIABLE), "creating the string type");
  call_(H5Tset_cset(string_type_.get(), H5T_CSET_UTF8), "creating the string type");
}

Handle Builder::group(hid_t parent, const std::string& name) const {
  Handle gcpl = call_.handle(H5Pcreate(H5P_GROUP_CREATE), H5Pclose, "creating group properties");
  call_(H5Pset_attr_creation_order(gcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "setting attribute order");
  return call_.handle(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT),
                      H5Gclose, "creating group '" + name + "'");
}

void Builder::attribute(hid_t object, const std::string& name, hid_t file_type, hid_t mem_type,
                        const void* data) const {
  const std::string what = "writing attribute '" + name + "'";
  const htri_t exists = H5Aexists(object, name.c_str());
  call_(static_cast<herr_t>(exists), what);
  Handle attr;
  if (exists > 0) {
    attr = call_.handle(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose, what);
  } else {
    Handle space = call_.handle(H5Screate(H5S_SCALAR), H5Sclose, what);
    attr = call_.handle(
        H5Acreate2(object, name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
        H5Aclose, what);
  }
  call_(H5Awrite(attr.get(), mem_type, data), what);
}

void Builder::string_attribute(hid_t object, const std::string& name,
                               const std::string& value) const {
  const char* c = value.c_str();
  attribute(object, name, string_type_.get(), string_type_.get(), &c);
}

void Builder::int_array_attribute(hid_t object, const std::string& name,
                                  const std::vector<int>& values) const {
  const std::string what = "writing attribute '" + name + "'";
  const hsize_t dims[1] = {values.size()};
  Handle space = call_.handle(H5Screate_simple(1, dims, nullptr), H5Sclose, what);
  Handle attr = call_.handle(
      H5Acreate2(object, name.c_str(), H5T_STD_I32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
      H5Aclose, what);
  call_(H5Awrite(attr.get(), H5T_NATIVE_INT, values.data()), what);
}

Handle Builder::strings(hid_t group, const std::string& name,
                        const std::vector<std::string>& values) const {
  const std::string what = "writing dataset '" + name + "'";
  const hsize_t dims[1] = {values.size()};
  Handle space = call_.handle(H5Screate_simple(1, dims, nullptr), H5Sclose, what);
  Handle dataset = call_.handle(H5Dcreate2(group, name.c_str(), string_type_.get(), space.get(),
                                           H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                                H5Dclose, what);
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const std::string& v : values) pointers.push_back(v.c_str());
  if (!values.empty()) {
    call_(
        H5Dwrite(dataset.get(), string_type_.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
        what);
  }
  return dataset;
}

Handle Builder::string_scalar(hid_t group, const std::string& name,
                              const std::string& value) const {
  const std::string what = "writing dataset '" + name + "'";
  Handle space = call_.handle(H5Screate(H5S_SCALAR), H5Sclose, what);
  Handle dataset = call_.handle(H5Dcreate2(group, name.c_str(), string_type_.get(), space.get(),
                                           H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                                H5Dclose, what);
  const char* c = value.c_str();
  call_(H5Dwrite(dataset.get(), string_type_.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &c), what);
  return dataset;
}

namespace {
template <typename T>
Handle write_column(const Call& call, hid_t group, const std::string& name, hid_t file_type,
                    hid_t mem_type, const std::vector<T>& values) {
  const std::string what = "writing dataset '" + name + "'";
  const hsize_t dims[1] = {values.size()};
  Handle space = call.handle(H5Screate_simple(1, dims, nullptr), H5Sclose, what);
  Handle dataset = call.handle(H5Dcreate2(group, name.c_str(), file_type, space.get(), H5P_DEFAULT,
                                          H5P_DEFAULT, H5P_DEFAULT),
                               H5Dclose, what);
  if (!values.empty()) {
    call(H5Dwrite(dataset.get(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), what);
  }
  return dataset;
}
}  // namespace

Handle Builder::doubles(hid_t group, const std::string& name,
                        const std::vector<double>& values) const {
  return write_column(call_, group, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, values);
}

Handle Builder::ints(hid_t group, const std::string& name,
                     const std::vector<std::int32_t>& values) const {
  return write_column(call_, group, name, H5T_STD_I32LE, H5T_NATIVE_INT32, values);
}

Handle Builder::extendible(hid_t group, const std::string& name, hid_t file_type,
                           hsize_t chunk_rows, hsize_t columns, unsigned deflate_level) const {
  const std::string what = "creating dataset '" + name + "'";
  const int rank = columns == 0 ? 1 : 2;
  const hsize_t dims[2] = {0, columns};
  const hsize_t max_dims[2] = {H5S_UNLIMITED, columns};
  const hsize_t chunk[2] = {std::max<hsize_t>(chunk_rows, 1), std::max<hsize_t>(columns, 1)};
  Handle space = call_.handle(H5Screate_simple(rank, dims, max_dims), H5Sclose, what);
  Handle dcpl = call_.handle(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, what);
  call_(H5Pset_chunk(dcpl.get(), rank, chunk), what);
  if (deflate_level > 0) {
    // Shuffle groups the bytes of neighbouring numbers, which deflate then
    // compresses far better than raw words.
    call_(H5Pset_shuffle(dcpl.get()), what);
    call_(H5Pset_deflate(dcpl.get(), deflate_level), what);
  }
  // Rows are written once, mostly a whole chunk at a time, so a chunk cache
  // would only hold memory and delay write errors until close.
  Handle dapl = call_.handle(H5Pcreate(H5P_DATASET_ACCESS), H5Pclose, what);
  call_(H5Pset_chunk_cache(dapl.get(), 0, 0, H5D_CHUNK_CACHE_W0_DEFAULT), what);
  return call_.handle(
      H5Dcreate2(group, name.c_str(), file_type, space.get(), H5P_DEFAULT, dcpl.get(), dapl.get()),
      H5Dclose, what);
}

void Builder::phony_dimension(hid_t dataset) const {
  // netCDF-4 writes this NAME for a dimension that has no coordinate variable;
  // h5netcdf recognises it by the prefix. Its chunks are never written, so it
  // takes no space however long it grows.
  call_(H5DSset_scale(dataset, "This is a netCDF dimension but not a netCDF variable."),
        "making a dimension scale");
}

void append_rows(const Call& call, hid_t dataset, hsize_t start, hsize_t count, hsize_t columns,
                 hid_t mem_type, const void* data, std::string_view what) {
  const int rank = columns == 0 ? 1 : 2;
  const hsize_t new_dims[2] = {start + count, columns};
  call(H5Dset_extent(dataset, new_dims), what);
  if (count == 0) return;
  Handle file_space = call.handle(H5Dget_space(dataset), H5Sclose, what);
  const hsize_t offset[2] = {start, 0};
  const hsize_t block[2] = {count, columns};
  call(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, offset, nullptr, block, nullptr),
       what);
  Handle mem_space = call.handle(H5Screate_simple(rank, block, nullptr), H5Sclose, what);
  call(H5Dwrite(dataset, mem_type, mem_space.get(), file_space.get(), H5P_DEFAULT, data), what);
}

void set_rows(const Call& call, hid_t dataset, hsize_t rows, hsize_t columns,
              std::string_view what) {
  const hsize_t dims[2] = {rows, columns};
  call(H5Dset_extent(dataset, dims), what);
}

void extend_rows(const Call& call, hid_t dataset, hsize_t rows, std::string_view what) {
  const hsize_t dims[1] = {rows};
  call(H5Dset_extent(dataset, dims), what);
}

}  // namespace clustersim::output::h5
