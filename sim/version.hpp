#pragma once
// Program version and the git revision it was built from (stamped at build time).
#include <string_view>

namespace clustersim {
std::string_view version();
std::string_view git_hash();
}  // namespace clustersim
