#pragma once
// Small RAII and error-reporting helpers over the HDF5 C API: the one handle
// class of the code, shared by the run-file writer and reader and the sweep's
// summary writer (which links HDF5 itself; the header includes <hdf5.h>).
// Every function here calls HDF5, so callers must respect the one-thread rule
// (NOTES: HDF5 1.10 serial is not safe to call from several threads at once).
#include <hdf5.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clustersim::output::h5 {

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
  bool valid() const { return id_ >= 0; }
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

/// Closes a file, unless it cannot be flushed (a full disk): see the .cpp.
herr_t close_file(hid_t file);

/// The outermost and innermost entries of the calling thread's HDF5 error
/// stack, e.g. "can't write data: file write failed: No space left on device".
/// Clears the stack.
std::string error_detail();

/// Wraps HDF5 calls with the file's path so every failure throws OutputError
/// reading "cannot <verb> '<path>': <what>: <HDF5 detail>".
class Call {
 public:
  Call(std::filesystem::path path, std::string verb)
      : path_(std::move(path)), verb_(std::move(verb)) {}

  [[noreturn]] void fail(std::string_view what) const;
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
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  std::string verb_;
};

/// Creates groups, attributes and datasets in one file, with variable-length
/// UTF-8 strings everywhere (NOTES: h5py returns bytes for anything else).
class Builder {
 public:
  explicit Builder(const Call& call);

  const Call& call() const { return call_; }
  hid_t string_type() const { return string_type_.get(); }
  /// Releases the string type (before closing the file).
  bool close() { return string_type_.reset(); }

  /// A group that lists its attributes in creation order (h5dump, h5py).
  Handle group(hid_t parent, const std::string& name) const;
  /// Creates the attribute, or overwrites it if it exists (status, end time).
  void attribute(hid_t object, const std::string& name, hid_t file_type, hid_t mem_type,
                 const void* data) const;
  void string_attribute(hid_t object, const std::string& name, const std::string& value) const;
  /// A quantity's unit, as H5MD names it (`unit`) and as CF tools (cf-xarray,
  /// pint-xarray, CDO) look for it (`units`).
  void unit(hid_t object, const std::string& value) const {
    string_attribute(object, "unit", value);
    string_attribute(object, "units", value);
  }
  /// What a dataset holds, as `description` and as CF's `long_name`.
  void description(hid_t object, const std::string& value) const {
    string_attribute(object, "description", value);
    string_attribute(object, "long_name", value);
  }
  /// A one-dimensional fixed-size integer attribute (H5MD's version = [1, 1]).
  void int_array_attribute(hid_t object, const std::string& name,
                           const std::vector<int>& values) const;
  /// A [n] string dataset.
  Handle strings(hid_t group, const std::string& name,
                 const std::vector<std::string>& values) const;
  /// A scalar string dataset (no size limit, unlike an attribute).
  Handle string_scalar(hid_t group, const std::string& name, const std::string& value) const;
  /// A [n] float64 dataset.
  Handle doubles(hid_t group, const std::string& name, const std::vector<double>& values) const;
  /// A [n] int32 dataset.
  Handle ints(hid_t group, const std::string& name, const std::vector<std::int32_t>& values) const;
  /// An empty chunked dataset of rank 1 (columns == 0) or 2 that grows along
  /// its first axis; deflate_level 0 stores it uncompressed.
  Handle extendible(hid_t group, const std::string& name, hid_t file_type, hsize_t chunk_rows,
                    hsize_t columns, unsigned deflate_level) const;
  /// Makes `dataset` a netCDF "dimension without variable" named `name`, so
  /// h5netcdf/xarray gives the axis a name without loading a coordinate.
  void phony_dimension(hid_t dataset) const;

 private:
  const Call& call_;
  Handle string_type_;
};

/// Grows `dataset` along axis 0 to start + count rows and writes `data`
/// (count rows of `columns` values; columns == 0 for rank 1) at row `start`.
void append_rows(const Call& call, hid_t dataset, hsize_t start, hsize_t count, hsize_t columns,
                 hid_t mem_type, const void* data, std::string_view what);

/// Sets a dataset's rows (its first dimension) to `rows`, growing or cutting
/// it; `columns` is its second dimension (0 for one-dimensional datasets).
void set_rows(const Call& call, hid_t dataset, hsize_t rows, hsize_t columns,
              std::string_view what);
/// Grows `dataset` (rank 1) to `rows` rows without writing: phony dimensions.
void extend_rows(const Call& call, hid_t dataset, hsize_t rows, std::string_view what);

}  // namespace clustersim::output::h5
