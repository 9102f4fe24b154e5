#!/usr/bin/env bash
# A run counts as complete only if its file is that run's finished run file:
# a truncated file, a file copied from another run (another seed) and a file
# whose status is not "complete" are "invalid" in `sweep status`, listed and
# left out by `collect` (which still writes every summary), never counted.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"
long="$src/tests/sweep/data/long.yaml"

expect_status 0 plan "$bin" sweep plan "$long" -o s
expect_status 0 run "$bin" sweep run s --jobs 2
expect_status 0 collect_good "$bin" sweep collect s
grep -c ',complete' s/summary.csv | grep -qx 4 || fail "not 4 complete runs to start with"

head -c 4000 s/runs/0001.h5 >cut.h5 && mv cut.h5 s/runs/0001.h5  # truncated
cp s/runs/0000.h5 s/runs/0002.h5                                  # another run's file
"$python" - s/runs/0003.h5 <<'PY'                                 # not complete
import sys, h5py
with h5py.File(sys.argv[1], "r+") as f:
    f["parameters"].attrs["status"] = "failed"
PY

expect_status 0 status "$bin" sweep status s --list
grep -qx 'complete 1' status.out || fail "status: $(cat status.out)"
grep -qx 'invalid  3' status.out || fail "status: $(cat status.out)"
grep -q '^0002 invalid: it was run with seed' status.out || fail "the copied file: $(cat status.out)"
grep -q "^0003 invalid: its status is 'failed'" status.out || fail "the failed file: $(cat status.out)"

expect_status 0 collect "$bin" sweep collect s
for id in 0001 0002 0003; do
  grep -q "run $id: .*left out" collect.err || fail "collect does not list run $id: $(cat collect.err)"
  grep -q "^$id,.*,invalid," s/summary.csv || fail "summary.csv does not mark $id invalid"
done
grep -q '^0000,.*,complete,' s/summary.csv || fail "run 0000 is no longer complete"
if grep -q "HDF5-DIAG" collect.err; then fail "collect printed HDF5 diagnostics"; fi
echo "truncated, copied and failed run files are invalid, listed and left out"
