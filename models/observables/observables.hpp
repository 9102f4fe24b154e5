#pragma once
// What the model reports every tick: per-region series, and the national
// aggregate of each (docs/MODEL.md section 7.6). Each observable is declared
// once, next to the code that computes it; everything else takes its name,
// unit, meaning and aggregation from there and finds its values by name.
#include <string>
#include <vector>

#include "models/institutions/policy.hpp"
#include "models/mechanisms/phases.hpp"
#include "sim/indicators.hpp"
#include "sim/world.hpp"

namespace clustersim::observables {

/// Every series the model reports, in the order of the run file: the agent
/// model's, then the institutional layer's.
std::vector<sim::SeriesInfo> indicator_series();

/// The "indicators" phase: writes every series of indicator_series() for the
/// current tick into world.indicators. Throws std::logic_error if a declared
/// series got no value (a bug in the declarations).
void compute_indicators(sim::World& world, const institutions::InstitutionState& institutions,
                        mechanisms::ModelState& state);

/// The series reference of docs/MODEL.md (section 7.6), as Markdown.
std::string observable_table_markdown();

}  // namespace clustersim::observables
