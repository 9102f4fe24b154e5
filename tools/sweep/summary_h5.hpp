#pragma once
// The HDF5 form of a sweep's summary (DIR/summary.h5), one dataset per column:
//
//   /                      attrs: format "clustersim-sweep-summary", format_version 1,
//                                 sweep (the resolved sweep file)
//   /runs/{run_id,status}  [run] UTF-8 strings
//   /runs/{point,replicate}[run] int64;  /runs/seed [run] uint64
//   /runs/parameters/<key path>   [run] float64, or strings if a value is not a number
//   /runs/indicators/<name>       [run] float64 (NaN: not complete, or not reached)
//   /points/point, /points/complete          [point] int64
//   /points/parameters/<key path>            [point]
//   /points/mean/<name>, /points/std/<name>  [point] float64 over complete replicates
//
// Modification times are not stored, so the same summary gives the same bytes.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "tools/sweep/plan.hpp"

namespace clustersim::sweep {

struct PointStats {
  std::vector<std::vector<double>> mean, std;  ///< [indicator][point]
  std::vector<std::int64_t> complete;          ///< [point] complete replicates
};

/// Writes `file` through a temporary name. Throws output::OutputError.
void write_summary_h5(const std::filesystem::path& file, const Plan& plan,
                      const std::vector<std::string>& states,
                      const std::vector<std::vector<double>>& indicators, const PointStats& points);

}  // namespace clustersim::sweep
