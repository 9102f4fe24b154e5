#include "output/inspect.hpp"

#include <hdf5.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <sstream>
#include <vector>

#include "output/hdf5_recorder.hpp"
#include "output/hdf5_util.hpp"
#include "output/run_file.hpp"

namespace clustersim::output {

namespace fs = std::filesystem;
using h5::Handle;

namespace {

std::string format_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

/// Reads one attribute as text: strings as they are, numbers formatted,
/// arrays as [a, b]. nullopt when it is absent or of another kind.
std::optional<std::string> attribute_text(hid_t object, const char* name) {
  if (H5Aexists(object, name) <= 0) return std::nullopt;
  Handle attr(H5Aopen(object, name, H5P_DEFAULT), H5Aclose);
  if (!attr.valid()) return std::nullopt;
  Handle type(H5Aget_type(attr.get()), H5Tclose);
  Handle space(H5Aget_space(attr.get()), H5Sclose);
  const hssize_t n = H5Sget_simple_extent_npoints(space.get());
  if (n < 0) return std::nullopt;
  const H5T_class_t cls = H5Tget_class(type.get());
  if (cls == H5T_STRING) {
    if (H5Tis_variable_str(type.get()) > 0 && n == 1) {
      Handle mem(H5Tcopy(H5T_C_S1), H5Tclose);
      H5Tset_size(mem.get(), H5T_VARIABLE);
      H5Tset_cset(mem.get(), H5Tget_cset(type.get()));
      char* value = nullptr;
      if (H5Aread(attr.get(), mem.get(), &value) < 0) return std::nullopt;
      std::string out = value != nullptr ? value : "";
      H5free_memory(value);
      return out;
    }
    const std::size_t size = H5Tget_size(type.get());
    std::string buf(size * static_cast<std::size_t>(n), '\0');
    if (H5Aread(attr.get(), type.get(), buf.data()) < 0) return std::nullopt;
    return std::string(buf.c_str());
  }
  if (cls != H5T_INTEGER && cls != H5T_FLOAT) return std::nullopt;
  std::vector<double> values(static_cast<std::size_t>(n));
  if (n > 0 && H5Aread(attr.get(), H5T_NATIVE_DOUBLE, values.data()) < 0) return std::nullopt;
  if (cls == H5T_INTEGER && H5Tget_size(type.get()) == 8 && n == 1) {
    // A 64-bit seed does not survive a trip through double.
    std::uint64_t v = 0;
    if (H5Aread(attr.get(), H5T_NATIVE_UINT64, &v) >= 0) return std::to_string(v);
  }
  if (H5Sget_simple_extent_type(space.get()) == H5S_SCALAR) return format_number(values.at(0));
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    out += (i ? ", " : "") + format_number(values[i]);
  }
  return out + "]";
}

std::string attr_or(hid_t object, const char* name, const std::string& fallback) {
  return attribute_text(object, name).value_or(fallback);
}

/// Names of an object's attributes, in creation order where it is tracked.
std::vector<std::string> attribute_names(hid_t object) {
  std::vector<std::string> names;
  H5O_info_t info{};
  if (H5Oget_info2(object, &info, H5O_INFO_NUM_ATTRS) < 0) return names;
  for (hsize_t i = 0; i < info.num_attrs; ++i) {
    for (const H5_index_t index : {H5_INDEX_CRT_ORDER, H5_INDEX_NAME}) {
      const ssize_t len =
          H5Aget_name_by_idx(object, ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
      if (len < 0) continue;
      std::string name(static_cast<std::size_t>(len) + 1, '\0');
      H5Aget_name_by_idx(object, ".", index, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT);
      name.resize(static_cast<std::size_t>(len));
      names.push_back(name);
      break;
    }
  }
  H5Eclear2(H5E_DEFAULT);
  return names;
}

/// Names of a group's members, sorted.
std::vector<std::string> member_names(hid_t group) {
  std::vector<std::string> names;
  H5Literate(
      group, H5_INDEX_NAME, H5_ITER_INC, nullptr,
      [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
        static_cast<std::vector<std::string>*>(data)->emplace_back(name);
        return 0;
      },
      &names);
  return names;
}

bool exists(hid_t file, const char* path) {
  // H5Lexists checks one level at a time: walk the path.
  std::string partial;
  std::string rest = path;
  while (!rest.empty()) {
    const auto slash = rest.find('/', 1);
    partial += rest.substr(0, slash);
    rest = slash == std::string::npos ? "" : rest.substr(slash);
    if (H5Lexists(file, partial.c_str(), H5P_DEFAULT) <= 0) return false;
  }
  return true;
}

std::vector<hsize_t> shape_of(hid_t dataset) {
  Handle space(H5Dget_space(dataset), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
  if (rank > 0) H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  return dims;
}

std::string shape_text(const std::vector<hsize_t>& dims) {
  std::string out = "(";
  for (std::size_t i = 0; i < dims.size(); ++i) out += (i ? ", " : "") + std::to_string(dims[i]);
  return out + (dims.size() == 1 ? ",)" : ")");
}

std::vector<std::string> read_strings(const h5::Call& call, hid_t file, const char* path) {
  Handle ds = call.handle(H5Dopen2(file, path, H5P_DEFAULT), H5Dclose, path);
  Handle space = call.handle(H5Dget_space(ds.get()), H5Sclose, path);
  Handle type = call.handle(H5Tcopy(H5T_C_S1), H5Tclose, path);
  call(H5Tset_size(type.get(), H5T_VARIABLE), path);
  call(H5Tset_cset(type.get(), H5T_CSET_UTF8), path);
  std::vector<char*> raw(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())));
  if (raw.empty()) return {};
  call(H5Dread(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()), path);
  std::vector<std::string> out;
  for (char* s : raw) out.emplace_back(s != nullptr ? s : "");
  H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, raw.data());
  return out;
}

/// Rows [first, first + count) of a rank-1 or rank-2 dataset, as doubles.
std::vector<double> read_rows(const h5::Call& call, hid_t dataset, hsize_t first, hsize_t count,
                              const std::string& what) {
  const std::vector<hsize_t> dims = shape_of(dataset);
  const hsize_t columns = dims.size() > 1 ? dims[1] : 1;
  std::vector<double> out(static_cast<std::size_t>(count * columns));
  if (out.empty()) return out;
  Handle file_space = call.handle(H5Dget_space(dataset), H5Sclose, what);
  const hsize_t offset[2] = {first, 0};
  const hsize_t block[2] = {count, columns};
  call(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, offset, nullptr, block, nullptr),
       what);
  Handle mem =
      call.handle(H5Screate_simple(static_cast<int>(dims.size()), block, nullptr), H5Sclose, what);
  call(H5Dread(dataset, H5T_NATIVE_DOUBLE, mem.get(), file_space.get(), H5P_DEFAULT, out.data()),
       what);
  return out;
}

/// Opens a run file for reading: normally, or (when a --swmr run is still
/// writing it and holds the file lock) as a SWMR reader.
Handle open_file(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    throw OutputError("cannot read '" + path.string() + "': no such file");
  }
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    throw NotARunFile("'" + path.string() + "' is not a clustersim run file (not an HDF5 file)");
  }
  Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.valid()) {
    H5Eclear2(H5E_DEFAULT);
    file = Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY | H5F_ACC_SWMR_READ, H5P_DEFAULT), H5Fclose);
  }
  if (!file.valid()) {
    // The usual cause: a run (without --swmr) is still writing the file and
    // holds HDF5's file lock.
    throw OutputError("cannot read '" + path.string() + "': " + h5::error_detail() +
                      " (if a run is still writing it, only a run started with --swmr can be "
                      "read before it ends)");
  }
  return file;
}

/// What a status says about how the run ended, for a person.
std::string status_meaning(const std::string& status) {
  if (status == "running") {
    return " (the run is still writing this file, or it died without a word: killed, out of "
           "memory, the machine went down; the ticks flushed before that are here)";
  }
  if (status == "interrupted") return " (stopped between ticks by a signal; every tick is here)";
  if (status == "failed") return " (ended by an error; see the run's message)";
  return "";
}

class Describer {
 public:
  Describer(const fs::path& path, const InspectOptions& options)
      : path_(path), options_(options), call_(path, "read") {}

  std::string run() {
    Handle file = open_file(path_);
    const hid_t f = file.get();
    if (attr_or(f, "format", "") != kFormatName) {
      throw NotARunFile("'" + path_.string() +
                        "' is an HDF5 file but not a clustersim run file (no format = \"" +
                        kFormatName + "\" on its root group)");
    }
    out_ << "file: " << path_.string() << "\n";
    out_ << "format: " << kFormatName << " " << attr_or(f, "format_version", "?") << "\n";
    std::optional<Handle> parameters;
    if (exists(f, "/parameters")) {
      parameters.emplace(
          call_.handle(H5Gopen2(f, "/parameters", H5P_DEFAULT), H5Gclose, "opening /parameters"));
    }
    const std::string status =
        parameters ? attribute_text(parameters->get(), "status").value_or(attr_or(f, "status", "?"))
                   : attr_or(f, "status", "?");
    out_ << "status: " << status << status_meaning(status) << "\n";
    provenance(f, parameters ? parameters->get() : -1);
    regions_ = exists(f, "/regions/name") ? read_strings(call_, f, "/regions/name")
                                          : std::vector<std::string>{};
    out_ << "\nregions (" << regions_.size() << "):";
    for (const std::string& r : regions_) out_ << " " << r << ";";
    out_ << "\n";
    observables(f);
    snapshots(f, "/particles/agents", "agent snapshots (/particles/agents)", "agents");
    snapshots(f, "/network", "network snapshots (/network)", "links");
    final_values();
    return out_.str();
  }

 private:
  struct FinalRow {
    std::string label;
    std::vector<double> values;
    std::optional<double> national;
  };

  void provenance(hid_t f, hid_t parameters) {
    out_ << "\nprovenance:\n";
    if (exists(f, "/h5md/creator")) {
      Handle creator(H5Gopen2(f, "/h5md/creator", H5P_DEFAULT), H5Gclose);
      out_ << "  creator: " << attr_or(creator.get(), "name", "?") << " "
           << attr_or(creator.get(), "version", "?") << "\n";
    }
    if (exists(f, "/h5md/author")) {
      Handle author(H5Gopen2(f, "/h5md/author", H5P_DEFAULT), H5Gclose);
      out_ << "  author: " << attr_or(author.get(), "name", "?") << "\n";
    }
    if (parameters >= 0) {
      for (const std::string& name : attribute_names(parameters)) {
        if (name == "status") continue;  // shown above
        out_ << "  " << name << ": " << attr_or(parameters, name.c_str(), "?") << "\n";
      }
      if (exists(f, "/parameters/included_files")) {
        const auto files = read_strings(call_, f, "/parameters/included_files");
        out_ << "  included_files: " << files.size();
        for (const std::string& i : files) out_ << " " << i;
        out_ << "\n";
      }
      if (exists(f, "/parameters/libraries")) {
        Handle libs(H5Gopen2(f, "/parameters/libraries", H5P_DEFAULT), H5Gclose);
        out_ << "  libraries:";
        for (const std::string& name : attribute_names(libs.get())) {
          out_ << " " << name << " " << attr_or(libs.get(), name.c_str(), "?") << ";";
        }
        out_ << "\n";
      }
    }
  }

  void observables(hid_t f) {
    if (!exists(f, "/observables")) {
      out_ << "\nobservables: none\n";
      return;
    }
    Handle group =
        call_.handle(H5Gopen2(f, "/observables", H5P_DEFAULT), H5Gclose, "opening /observables");
    const std::vector<std::string> names = member_names(group.get());
    out_ << "\nobservables (" << names.size() << "), value [time, region]:\n";
    int width = 8;
    for (const std::string& name : names) width = std::max(width, static_cast<int>(name.size()));
    for (const std::string& name : names) {
      const std::string value_path = "/observables/" + name + "/value";
      if (!exists(f, value_path.c_str())) continue;
      Handle value = call_.handle(H5Dopen2(f, value_path.c_str(), H5P_DEFAULT), H5Dclose,
                                  "opening " + value_path);
      const std::vector<hsize_t> dims = shape_of(value.get());
      const std::string unit = attr_or(value.get(), "unit", "");
      const std::string aggregation = attr_or(value.get(), "aggregation", "");
      char line[256];
      std::snprintf(line, sizeof line, "  %-*s %-12s %-24s%s\n", width, name.c_str(),
                    shape_text(dims).c_str(), ("[" + unit + "]").c_str(),
                    aggregation.empty() ? "" : (" national: " + aggregation).c_str());
      out_ << line;
      if (dims.size() == 2 && dims[0] > 0) {
        FinalRow row{name + (unit.empty() ? "" : " [" + unit + "]"),
                     read_rows(call_, value.get(), dims[0] - 1, 1, value_path), std::nullopt};
        const std::string national_path = "/observables/" + name + "/national";
        if (exists(f, national_path.c_str())) {
          Handle national = call_.handle(H5Dopen2(f, national_path.c_str(), H5P_DEFAULT), H5Dclose,
                                         "opening " + national_path);
          const std::vector<hsize_t> n = shape_of(national.get());
          if (n.size() == 1 && n[0] >= dims[0]) {
            row.national = read_rows(call_, national.get(), dims[0] - 1, 1, national_path).at(0);
          }
        }
        final_rows_.push_back(std::move(row));
        final_step_ = std::max(final_step_, static_cast<std::int64_t>(dims[0]) - 1);
      }
    }
  }

  void snapshots(hid_t f, const char* path, const char* title, const char* noun) {
    const std::string step_path = std::string(path) + "/step";
    const std::string count_path = std::string(path) + "/count";
    if (!exists(f, step_path.c_str()) || !exists(f, count_path.c_str())) {
      out_ << "\n" << title << ": none\n";
      return;
    }
    Handle step = call_.handle(H5Dopen2(f, step_path.c_str(), H5P_DEFAULT), H5Dclose, step_path);
    Handle count = call_.handle(H5Dopen2(f, count_path.c_str(), H5P_DEFAULT), H5Dclose, count_path);
    const hsize_t n = std::min(shape_of(step.get()).at(0), shape_of(count.get()).at(0));
    const std::vector<double> steps = read_rows(call_, step.get(), 0, n, step_path);
    const std::vector<double> counts = read_rows(call_, count.get(), 0, n, count_path);
    out_ << "\n" << title << ": " << n << "\n";
    if (n == 0) return;
    double total = 0;
    for (const double c : counts) total += c;
    out_ << "  ticks " << format_number(steps.front()) << " to " << format_number(steps.back())
         << "; " << format_number(total) << " rows in all; " << format_number(counts.back()) << " "
         << noun << " in the last\n";
    Handle group = call_.handle(H5Gopen2(f, path, H5P_DEFAULT), H5Gclose, path);
    out_ << "  columns:";
    for (const std::string& name : member_names(group.get())) {
      if (name == "time" || name == "step" || name == "offset" || name == "count" ||
          name == "row" || name == "field") {
        continue;
      }
      out_ << " " << name;
    }
    out_ << "\n";
  }

  void final_values() {
    if (final_rows_.empty()) return;
    const std::size_t shown = std::min(regions_.size(), options_.max_regions);
    out_ << "\nfinal values (row " << final_step_ << "):\n";
    std::size_t label_width = 6;
    for (const FinalRow& r : final_rows_) label_width = std::max(label_width, r.label.size());
    // Each column is as wide as its longest text (at least 14), so region names
    // are printed whole ("Karaganda region", not "Karaganda regi").
    auto display_width = [](const std::string& text) {
      std::size_t n = 0;  // code points, for UTF-8 names
      for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      return n;
    };
    std::vector<std::size_t> widths(shown + 1, 14);
    for (std::size_t r = 0; r < shown; ++r) {
      widths[r] = std::max(widths[r], display_width(regions_[r]));
    }
    for (const FinalRow& row : final_rows_) {
      for (std::size_t r = 0; r < shown && r < row.values.size(); ++r) {
        widths[r] = std::max(widths[r], display_width(format_number(row.values[r])));
      }
      if (row.national) {
        widths[shown] = std::max(widths[shown], display_width(format_number(*row.national)));
      }
    }
    auto cell = [&](const std::string& text, std::size_t column) {
      const std::size_t w = display_width(text);
      return " " + std::string(widths[column] > w ? widths[column] - w : 0, ' ') + text;
    };
    out_ << "  " << std::string(label_width, ' ');
    for (std::size_t r = 0; r < shown; ++r) out_ << cell(regions_[r], r);
    out_ << cell("national", shown) << "\n";
    for (const FinalRow& row : final_rows_) {
      out_ << "  " << row.label << std::string(label_width - row.label.size(), ' ');
      for (std::size_t r = 0; r < shown && r < row.values.size(); ++r) {
        out_ << cell(format_number(row.values[r]), r);
      }
      out_ << cell(row.national ? format_number(*row.national) : "-", shown) << "\n";
    }
    if (shown < regions_.size()) {
      out_ << "  (" << regions_.size() - shown << " more regions not shown)\n";
    }
  }

  fs::path path_;
  InspectOptions options_;
  h5::Call call_;
  std::ostringstream out_;
  std::vector<std::string> regions_;
  std::vector<FinalRow> final_rows_;
  std::int64_t final_step_ = 0;
};

}  // namespace

bool is_run_file(const fs::path& path) noexcept {
  try {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    const Handle file = open_file(path);
    return attr_or(file.get(), "format", "") == kFormatName;
  } catch (...) {
    H5Eclear2(H5E_DEFAULT);
    return false;
  }
}

std::string inspect_run_file(const fs::path& path, const InspectOptions& options) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  return Describer(path, options).run();
}

}  // namespace clustersim::output
