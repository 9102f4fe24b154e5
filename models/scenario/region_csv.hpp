#pragma once
// Regions of a scenario taken from a CSV file, one row per region, like
// scenarios/data/kz_regions.csv. Required columns: `region` (or `name`), `lat`,
// `lon`. Optional: `population` (persons) or `population_k` /
// `population_<year>_k` (thousands), `hard_factor`, `soft_factor`, and one
// initial count per agent kind, named by its count key in
// parameters::agent_kinds() (`smes`, `universities`, ...). Ranges are the
// scenario schema's. Other columns (a centre's name, a rank) are not used and
// are listed back to the caller. A value missing from the file comes from the
// defaults the scenario gives.
#include <filesystem>
#include <string>
#include <vector>

#include "models/cluster_model/scenario.hpp"
#include "models/indices/regional_table.hpp"

namespace clustersim::scenario {

struct RegionCsv {
  std::vector<cluster_model::RegionSpec> regions;
  std::vector<std::string> unused_columns;
};

/// Reads the file; `defaults` fills what a row leaves empty or the file has
/// no column for. Throws TableError (FILE:LINE:COLUMN: message) on a missing
/// required column or value, a malformed number, a value out of range or a
/// duplicate region.
RegionCsv read_regions_csv(const std::filesystem::path& file,
                           const cluster_model::RegionSpec& defaults);

}  // namespace clustersim::scenario
