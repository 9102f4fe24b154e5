#include "output/run_reader.hpp"

#include <optional>

#include <hdf5.h>

#include <algorithm>
#include <utility>

#include "output/hdf5_util.hpp"

namespace clustersim::output {

namespace {

using h5::Handle;

/// Silences HDF5's error printing while a reader call runs: failures become
/// OutputError messages instead of a stack dump on stderr.
class QuietErrors {
 public:
  QuietErrors() {
    H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~QuietErrors() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

}  // namespace

class RunReader::Impl {
 public:
  explicit Impl(const std::filesystem::path& file)
      : file_(file), handle_(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose) {
    if (handle_.get() < 0) fail("", "cannot open the file as HDF5");
  }

  [[noreturn]] void fail(const std::string& path, const std::string& what) const {
    throw OutputError(file_.string() + (path.empty() ? "" : ":" + path) + ": " + what);
  }

  Handle check(hid_t id, Handle::Closer closer, const std::string& path,
               const std::string& what) const {
    if (id < 0) fail(path, what);
    return Handle(id, closer);
  }

  bool exists(const std::string& path) const {
    // Each step must exist before the next can be asked about.
    std::size_t pos = 0;
    while ((pos = path.find('/', pos + 1)) != std::string::npos) {
      if (H5Lexists(handle_.get(), path.substr(0, pos).c_str(), H5P_DEFAULT) <= 0) return false;
    }
    return H5Lexists(handle_.get(), path.c_str(), H5P_DEFAULT) > 0;
  }

  /// A string-typed memory type matching the stored one (variable or fixed length).
  Handle string_type(hid_t stored, const std::string& path) const {
    Handle mem = check(H5Tcopy(H5T_C_S1), H5Tclose, path, "cannot make a string type");
    if (H5Tis_variable_str(stored) > 0) {
      H5Tset_size(mem.get(), H5T_VARIABLE);
    } else {
      H5Tset_size(mem.get(), H5Tget_size(stored));
    }
    H5Tset_cset(mem.get(), H5Tget_cset(stored));
    return mem;
  }

  std::string read_string_attribute(hid_t object, const char* name, const std::string& path) const {
    Handle attr =
        check(H5Aopen(object, name, H5P_DEFAULT), H5Aclose, path, "cannot open attribute");
    Handle stored = check(H5Aget_type(attr.get()), H5Tclose, path, "cannot read the type");
    if (H5Tget_class(stored.get()) != H5T_STRING) fail(path, "is not a string");
    Handle mem = string_type(stored.get(), path);
    if (H5Tis_variable_str(stored.get()) > 0) {
      char* text = nullptr;
      if (H5Aread(attr.get(), mem.get(), &text) < 0) fail(path, "cannot read");
      std::string out = text ? text : "";
      H5free_memory(text);
      return out;
    }
    std::string buffer(H5Tget_size(stored.get()), '\0');
    if (H5Aread(attr.get(), mem.get(), buffer.data()) < 0) fail(path, "cannot read");
    return buffer.substr(0, buffer.find('\0'));
  }

  std::string status() const {
    if (exists("/parameters") &&
        H5Aexists_by_name(handle_.get(), "/parameters", "status", H5P_DEFAULT) > 0) {
      Handle group = check(H5Gopen2(handle_.get(), "/parameters", H5P_DEFAULT), H5Gclose,
                           "/parameters", "cannot open");
      return read_string_attribute(group.get(), "status", "/parameters@status");
    }
    if (H5Aexists(handle_.get(), "status") > 0) {
      return read_string_attribute(handle_.get(), "status", "/@status");
    }
    return "";
  }

  std::optional<std::uint64_t> seed() const {
    if (!exists("/parameters") ||
        H5Aexists_by_name(handle_.get(), "/parameters", "seed", H5P_DEFAULT) <= 0) {
      return std::nullopt;
    }
    Handle attr =
        check(H5Aopen_by_name(handle_.get(), "/parameters", "seed", H5P_DEFAULT, H5P_DEFAULT),
              H5Aclose, "/parameters@seed", "cannot open attribute");
    std::uint64_t value = 0;
    if (H5Aread(attr.get(), H5T_NATIVE_UINT64, &value) < 0) fail("/parameters@seed", "cannot read");
    return value;
  }

  Handle open_dataset(const std::string& path) const {
    if (!exists(path)) fail(path, "no such dataset");
    return check(H5Dopen2(handle_.get(), path.c_str(), H5P_DEFAULT), H5Dclose, path,
                 "cannot open the dataset");
  }

  std::vector<hsize_t> shape(hid_t dataset, const std::string& path) const {
    Handle space = check(H5Dget_space(dataset), H5Sclose, path, "cannot read the shape");
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0) fail(path, "cannot read the shape");
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    return dims;
  }

  template <typename T>
  std::vector<T> read_numbers(const std::string& path, hid_t mem_type) const {
    const Handle ds = open_dataset(path);
    hsize_t n = 1;
    for (const hsize_t d : shape(ds.get(), path)) n *= d;
    std::vector<T> out(n);
    if (n > 0 && H5Dread(ds.get(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0) {
      fail(path, "cannot read");
    }
    return out;
  }

  std::vector<std::string> read_strings(const std::string& path) const {
    const Handle ds = open_dataset(path);
    const std::vector<hsize_t> dims = shape(ds.get(), path);
    if (dims.size() != 1) fail(path, "expected a one-dimensional list of names");
    Handle stored = check(H5Dget_type(ds.get()), H5Tclose, path, "cannot read the type");
    if (H5Tget_class(stored.get()) != H5T_STRING) fail(path, "is not a list of strings");
    Handle mem = string_type(stored.get(), path);
    std::vector<std::string> out;
    if (H5Tis_variable_str(stored.get()) > 0) {
      std::vector<char*> buffer(dims[0], nullptr);
      if (!buffer.empty() &&
          H5Dread(ds.get(), mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()) < 0) {
        fail(path, "cannot read");
      }
      for (char* s : buffer) {
        out.emplace_back(s ? s : "");
        H5free_memory(s);
      }
    } else {
      const std::size_t size = H5Tget_size(stored.get());
      std::string buffer(size * dims[0], '\0');
      if (!buffer.empty() &&
          H5Dread(ds.get(), mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()) < 0) {
        fail(path, "cannot read");
      }
      for (std::size_t i = 0; i < dims[0]; ++i) {
        const std::string s = buffer.substr(i * size, size);
        out.push_back(s.substr(0, s.find('\0')));
      }
    }
    return out;
  }

  std::vector<std::string> series_names() const {
    if (!exists("/observables")) fail("/observables", "no such group");
    Handle group = check(H5Gopen2(handle_.get(), "/observables", H5P_DEFAULT), H5Gclose,
                         "/observables", "cannot open");
    H5G_info_t info;
    if (H5Gget_info(group.get(), &info) < 0) fail("/observables", "cannot list");
    std::vector<std::string> names;
    for (hsize_t i = 0; i < info.nlinks; ++i) {
      const ssize_t size = H5Lget_name_by_idx(group.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i,
                                              nullptr, 0, H5P_DEFAULT);
      if (size < 0) fail("/observables", "cannot list");
      std::string name(static_cast<std::size_t>(size) + 1, '\0');
      H5Lget_name_by_idx(group.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(),
                         H5P_DEFAULT);
      name.resize(static_cast<std::size_t>(size));
      names.push_back(std::move(name));
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  SeriesData series(const std::string& name) const {
    const std::string group = "/observables/" + name;
    if (name.empty() || name.find('/') != std::string::npos || !exists(group)) {
      fail(group, "no such series");
    }
    SeriesData out;
    out.step = read_numbers<std::int64_t>(group + "/step", H5T_NATIVE_INT64);
    out.time = read_numbers<double>(group + "/time", H5T_NATIVE_DOUBLE);
    const std::string value_path = group + "/value";
    {
      const Handle ds = open_dataset(value_path);
      const std::vector<hsize_t> dims = shape(ds.get(), value_path);
      if (dims.empty() || dims.size() > 2) fail(value_path, "expected [time][region]");
      out.regions = dims.size() == 2 ? dims[1] : 1;
    }
    out.value = read_numbers<double>(value_path, H5T_NATIVE_DOUBLE);
    const std::size_t rows = std::min(
        {out.step.size(), out.time.size(), out.regions ? out.value.size() / out.regions : 0});
    out.step.resize(rows);
    out.time.resize(rows);
    out.value.resize(rows * out.regions);
    return out;
  }

 private:
  std::filesystem::path file_;
  Handle handle_;
};

RunReader::RunReader(const std::filesystem::path& file) {
  const QuietErrors quiet;
  impl_ = std::make_unique<Impl>(file);
}

RunReader::~RunReader() {
  const QuietErrors quiet;
  impl_.reset();
}

std::string RunReader::status() const {
  const QuietErrors quiet;
  return impl_->status();
}

std::optional<std::uint64_t> RunReader::seed() const {
  const QuietErrors quiet;
  return impl_->seed();
}

std::vector<std::string> RunReader::regions() const {
  const QuietErrors quiet;
  return impl_->read_strings("/regions/name");
}

std::vector<std::string> RunReader::series_names() const {
  const QuietErrors quiet;
  return impl_->series_names();
}

SeriesData RunReader::series(const std::string& name) const {
  const QuietErrors quiet;
  return impl_->series(name);
}

}  // namespace clustersim::output
