#pragma once
// Versions of the program and of the libraries it was built with, for
// `clustersim --version` and for every run file's provenance.
#include <string>
#include <utility>
#include <vector>

namespace clustersim::run {

std::vector<std::pair<std::string, std::string>> library_versions();
/// The multi-line text `clustersim --version` prints.
std::string version_text();

}  // namespace clustersim::run
