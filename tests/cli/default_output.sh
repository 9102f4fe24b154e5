#!/usr/bin/env bash
# Without -o a run writes out/<scenario name>.h5 (the demo's output.path).
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

# The scenario is copied here so that a path relative to the scenario file
# cannot write into the source tree.
cp "$demo" demo.yaml
expect_status 0 run "$bin" run demo.yaml --ticks 2 --progress never
shopt -s nullglob
written=(out/*.h5)
[ ${#written[@]} -eq 1 ] || { ls -lR . >&2; fail "expected one out/<name>.h5, found ${#written[@]}"; }
name=$("$python" -c 'import sys, clustersim; print(clustersim.load_run(sys.argv[1]).parameters.get("scenario_name", ""))' \
  "${written[0]}")
[ "${written[0]}" = "out/$name.h5" ] || fail "wrote ${written[0]}, expected out/$name.h5 (scenario name '$name')"
echo "wrote ${written[0]}"
