#pragma once
// The model's tests look at several of its folders at once; this namespace
// sees all of them, so a test names ModelParams or read_scenario as the model
// code itself does.
namespace clustersim {
namespace parameters {}
namespace mechanisms {}
namespace institutions {}
namespace observables {}
namespace cluster_model {}
namespace text {}
namespace indices {}
namespace scenario {}
}  // namespace clustersim

namespace clustersim::model_tests {
using namespace clustersim::parameters;
using namespace clustersim::mechanisms;
using namespace clustersim::institutions;
using namespace clustersim::observables;
using namespace clustersim::cluster_model;
using namespace clustersim::text;
using namespace clustersim::indices;
using namespace clustersim::scenario;
}  // namespace clustersim::model_tests
