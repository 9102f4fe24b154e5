#!/usr/bin/env bash
# `clustersim --version` names the program's version and its libraries' versions.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"
version="${1:?usage: version.sh BIN SRC VERSION}"

expect_status 0 version "$bin" --version
cat version.out
grep -q "$version" version.out || fail "--version does not print $version"
for lib in tbb boost yaml-cpp hdf5; do
  grep -Eiq "${lib}[^0-9]*[0-9]+\.[0-9]+" version.out || fail "--version does not name $lib with its version"
done
