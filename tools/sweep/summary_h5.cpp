#include "tools/sweep/summary_h5.hpp"

#include <hdf5.h>

#include "models/text/number_text.hpp"
#include "output/hdf5_util.hpp"
#include "tools/files/atomic_file.hpp"

namespace clustersim::sweep {

namespace {

using output::h5::Call;
using output::h5::Handle;

class Writer {
 public:
  /// `call` names the summary in messages; `tmp` is where it is written.
  Writer(const Call& call, const std::filesystem::path& tmp)
      : call_(call),
        ocpl_(call.handle(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "creating a property list")),
        gcpl_(call.handle(H5Pcreate(H5P_GROUP_CREATE), H5Pclose, "creating a property list")),
        file_(call.handle(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                          output::h5::close_file, "creating the file")),
        string_(call.handle(H5Tcopy(H5T_C_S1), H5Tclose, "creating the string type")) {
    // No modification times, so that the same summary gives the same bytes.
    call_(H5Pset_obj_track_times(ocpl_.get(), false), "setting dataset properties");
    call_(H5Pset_obj_track_times(gcpl_.get(), false), "setting group properties");
    call_(H5Tset_size(string_.get(), H5T_VARIABLE), "creating the string type");
    call_(H5Tset_cset(string_.get(), H5T_CSET_UTF8), "creating the string type");
  }

  /// Closes the file, checked: a summary that cannot be flushed must not
  /// replace the previous one.
  void close() {
    if (!string_.reset()) call_.fail("releasing the string type");
    if (!file_.reset()) call_.fail("closing the file");
  }

  hid_t root() const { return file_.get(); }

  Handle group(hid_t parent, const std::string& name) {
    return call_.handle(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, gcpl_.get(), H5P_DEFAULT),
                        H5Gclose, "creating group '" + name + "'");
  }

  void string_attribute(hid_t object, const std::string& name, const std::string& value) {
    const Handle space = call_.handle(H5Screate(H5S_SCALAR), H5Sclose, "creating a dataspace");
    const Handle attr = call_.handle(
        H5Acreate2(object, name.c_str(), string_.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
        H5Aclose, "creating attribute '" + name + "'");
    const char* text = value.c_str();
    call_(H5Awrite(attr.get(), string_.get(), &text), "writing attribute '" + name + "'");
  }

  void int_attribute(hid_t object, const std::string& name, int value) {
    const Handle space = call_.handle(H5Screate(H5S_SCALAR), H5Sclose, "creating a dataspace");
    const Handle attr = call_.handle(
        H5Acreate2(object, name.c_str(), H5T_STD_I32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
        H5Aclose, "creating attribute '" + name + "'");
    call_(H5Awrite(attr.get(), H5T_NATIVE_INT, &value), "writing attribute '" + name + "'");
  }

  void dataset(hid_t parent, const std::string& name, hid_t file_type, hid_t mem_type,
               const void* data, std::size_t n) {
    const hsize_t dims[1] = {n};
    const Handle space =
        call_.handle(H5Screate_simple(1, dims, nullptr), H5Sclose, "creating a dataspace");
    const Handle ds = call_.handle(H5Dcreate2(parent, name.c_str(), file_type, space.get(),
                                              H5P_DEFAULT, ocpl_.get(), H5P_DEFAULT),
                                   H5Dclose, "creating dataset '" + name + "'");
    if (n > 0) {
      call_(H5Dwrite(ds.get(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
            "writing dataset '" + name + "'");
    }
  }

  void numbers(hid_t parent, const std::string& name, const std::vector<double>& v) {
    dataset(parent, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, v.data(), v.size());
  }
  void integers(hid_t parent, const std::string& name, const std::vector<std::int64_t>& v) {
    dataset(parent, name, H5T_STD_I64LE, H5T_NATIVE_INT64, v.data(), v.size());
  }
  void strings(hid_t parent, const std::string& name, const std::vector<std::string>& v) {
    std::vector<const char*> pointers;
    for (const std::string& s : v) pointers.push_back(s.c_str());
    dataset(parent, name, string_.get(), string_.get(), pointers.data(), pointers.size());
  }

  /// A parameter column: numbers if every value is one, else the values as text.
  void parameter(hid_t parent, const std::string& name, const std::vector<std::string>& values) {
    std::vector<double> numbers_;
    for (const std::string& v : values) {
      double x = 0.0;
      if (text::parse_number_text(v, x) != text::NumberText::Ok) {
        strings(parent, name, values);
        return;
      }
      numbers_.push_back(x);
    }
    numbers(parent, name, numbers_);
  }

 private:
  const Call& call_;
  Handle ocpl_, gcpl_, file_, string_;
};

}  // namespace

void write_summary_h5(const std::filesystem::path& file, const Plan& plan,
                      const std::vector<std::string>& states,
                      const std::vector<std::vector<double>>& indicators,
                      const PointStats& points) {
  const SweepSpec& s = plan.spec;
  const Call call(file, "write the sweep summary");
  files::replace_file_atomically(file, [&](const std::filesystem::path& tmp) {
    Writer w(call, tmp);
    {  // every group is closed before the file
      w.string_attribute(w.root(), "format", "clustersim-sweep-summary");
      w.int_attribute(w.root(), "format_version", 1);
      w.string_attribute(w.root(), "sweep", resolved_sweep_text(s, "scenario.yaml"));

      const Handle runs = w.group(w.root(), "runs");
      std::vector<std::string> ids;
      std::vector<std::int64_t> point, replicate;
      std::vector<std::uint64_t> seed;
      for (const PlannedRun& r : plan.runs) {
        ids.push_back(r.id);
        point.push_back(static_cast<std::int64_t>(r.point));
        replicate.push_back(r.replicate);
        seed.push_back(r.seed);
      }
      w.strings(runs.get(), "run_id", ids);
      w.integers(runs.get(), "point", point);
      w.integers(runs.get(), "replicate", replicate);
      w.dataset(runs.get(), "seed", H5T_STD_U64LE, H5T_NATIVE_UINT64, seed.data(), seed.size());
      w.strings(runs.get(), "status", states);
      const Handle run_params = w.group(runs.get(), "parameters");
      const Handle point_params_holder = w.group(w.root(), "points");
      const Handle point_params = w.group(point_params_holder.get(), "parameters");
      for (std::size_t i = 0; i < s.parameters.size(); ++i) {
        std::vector<std::string> per_run, per_point;
        for (const PlannedRun& r : plan.runs) per_run.push_back(plan.points[r.point][i]);
        for (const std::vector<std::string>& p : plan.points) per_point.push_back(p[i]);
        w.parameter(run_params.get(), s.parameters[i].path, per_run);
        w.parameter(point_params.get(), s.parameters[i].path, per_point);
      }
      const Handle run_ind = w.group(runs.get(), "indicators");
      for (std::size_t i = 0; i < s.indicators.size(); ++i) {
        w.numbers(run_ind.get(), s.indicators[i].name, indicators[i]);
      }

      std::vector<std::int64_t> ids_of_points;
      for (std::size_t p = 0; p < plan.points.size(); ++p) {
        ids_of_points.push_back(static_cast<std::int64_t>(p));
      }
      w.integers(point_params_holder.get(), "point", ids_of_points);
      w.integers(point_params_holder.get(), "complete", points.complete);
      const Handle mean = w.group(point_params_holder.get(), "mean");
      const Handle sd = w.group(point_params_holder.get(), "std");
      for (std::size_t i = 0; i < s.indicators.size(); ++i) {
        w.numbers(mean.get(), s.indicators[i].name, points.mean[i]);
        w.numbers(sd.get(), s.indicators[i].name, points.std[i]);
      }
    }
    w.close();
  });
}

}  // namespace clustersim::sweep
