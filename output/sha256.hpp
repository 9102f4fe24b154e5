#pragma once
// SHA-256 (FIPS 180-4), for the scenario digest a run file records: enough to
// tell whether two runs used the same resolved scenario, without a crypto
// library dependency.
#include <string>
#include <string_view>

namespace clustersim::output {

/// The SHA-256 digest of `data` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace clustersim::output
