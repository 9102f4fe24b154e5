#include "tools/run/versions.hpp"

#include <oneapi/tbb/version.h>
#include <boost/version.hpp>

#include "output/hdf5_recorder.hpp"
#include "sim/version.hpp"

namespace clustersim::run {

std::vector<std::pair<std::string, std::string>> library_versions() {
  std::string boost = std::to_string(BOOST_VERSION / 100000) + "." +
                      std::to_string(BOOST_VERSION / 100 % 1000) + "." +
                      std::to_string(BOOST_VERSION % 100);
  return {
      {"tbb", std::string(TBB_runtime_version())},
      {"boost", boost},
      {"hdf5", output::hdf5_version()},
      // yaml-cpp 0.7 has no version macro; CMake passes the version it found.
      {"yaml-cpp", CLUSTERSIM_YAML_CPP_VERSION},
  };
}

std::string version_text() {
  std::string text =
      "clustersim " + std::string(version()) + " (git " + std::string(git_hash()) + ")\n";
  for (const auto& [library, v] : library_versions()) text += "  " + library + " " + v + "\n";
  return text;
}

}  // namespace clustersim::run
