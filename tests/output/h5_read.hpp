#pragma once
// Reading run files back with the HDF5 C API, for the output tests.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace clustersim::output {

namespace fs = std::filesystem;

/// A file opened read-only; ok() is false if it could not be opened.
class File {
 public:
  explicit File(const fs::path& path) : id_(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT)) {}
  ~File() {
    if (id_ >= 0) H5Fclose(id_);
  }
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  hid_t id() const { return id_; }
  bool ok() const { return id_ >= 0; }

 private:
  hid_t id_;
};

inline std::string string_attribute(hid_t file, const std::string& object,
                                    const std::string& name) {
  const hid_t attr = H5Aopen_by_name(file, object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT);
  if (attr < 0) return "<missing " + object + "@" + name + ">";
  const hid_t type = H5Aget_type(attr);
  EXPECT_EQ(H5Tis_variable_str(type), 1) << name;
  EXPECT_EQ(H5Tget_cset(type), H5T_CSET_UTF8) << name;
  char* value = nullptr;
  EXPECT_GE(H5Aread(attr, type, &value), 0);
  std::string out = value != nullptr ? value : "";
  H5free_memory(value);
  H5Tclose(type);
  H5Aclose(attr);
  return out;
}

template <typename T>
T numeric_attribute(hid_t file, const std::string& object, const std::string& name,
                    hid_t mem_type) {
  T value{};
  const hid_t attr = H5Aopen_by_name(file, object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT);
  EXPECT_GE(attr, 0) << object << "@" << name;
  if (attr >= 0) {
    EXPECT_GE(H5Aread(attr, mem_type, &value), 0);
    H5Aclose(attr);
  }
  return value;
}

struct Array {
  std::vector<hsize_t> dims;
  std::vector<double> values;
};

inline Array read_doubles(hid_t file, const std::string& path) {
  Array out;
  const hid_t ds = H5Dopen2(file, path.c_str(), H5P_DEFAULT);
  EXPECT_GE(ds, 0) << path;
  if (ds < 0) return out;
  const hid_t space = H5Dget_space(ds);
  const int rank = H5Sget_simple_extent_ndims(space);
  out.dims.resize(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(space, out.dims.data(), nullptr);
  out.values.resize(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
  if (!out.values.empty()) {
    EXPECT_GE(H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.values.data()), 0);
  }
  H5Sclose(space);
  H5Dclose(ds);
  return out;
}

inline std::vector<std::string> read_strings(hid_t file, const std::string& path) {
  const hid_t ds = H5Dopen2(file, path.c_str(), H5P_DEFAULT);
  EXPECT_GE(ds, 0) << path;
  if (ds < 0) return {};
  const hid_t space = H5Dget_space(ds);
  const hid_t type = H5Dget_type(ds);
  EXPECT_EQ(H5Tis_variable_str(type), 1);
  EXPECT_EQ(H5Tget_cset(type), H5T_CSET_UTF8);
  std::vector<char*> raw(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
  EXPECT_GE(H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()), 0);
  std::vector<std::string> out(raw.begin(), raw.end());
  H5Dvlen_reclaim(type, space, H5P_DEFAULT, raw.data());
  H5Tclose(type);
  H5Sclose(space);
  H5Dclose(ds);
  return out;
}

inline std::string status_of(const fs::path& path) {
  File file(path);
  if (!file.ok()) return "<unreadable>";
  return string_attribute(file.id(), "/", "status");
}

inline std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace clustersim::output
