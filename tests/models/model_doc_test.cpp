// docs/MODEL.md's parameter table, schedule and series reference and
// docs/SCENARIOS.md's key reference are generated from the declarations in the
// code; these tests keep them in step.
#include "generated_block.hpp"
#include "model_namespaces.hpp"
#include "models/cluster_model/cluster_model.hpp"
#include "models/observables/observables.hpp"
#include "models/parameters/parameters.hpp"
#include "models/scenario/schema.hpp"

namespace clustersim::model_tests {
namespace {

TEST(ModelDocument, ParameterTableMatchesTheCode) {
  testing::check_generated_block("docs/MODEL.md", "parameters", parameter_table_markdown());
}

TEST(ModelDocument, ScheduleMatchesThePhaseTable) {
  testing::check_generated_block("docs/MODEL.md", "phases", phase_schedule_markdown());
}

TEST(ModelDocument, SeriesReferenceMatchesTheObservables) {
  testing::check_generated_block("docs/MODEL.md", "observables", observable_table_markdown());
}

TEST(ScenarioDocument, KeyReferenceMatchesTheSchema) {
  testing::check_generated_block("docs/SCENARIOS.md", "scenario-keys", scenario_schema_markdown());
}

}  // namespace
}  // namespace clustersim::model_tests
