#!/usr/bin/env bash
# SIGINT or SIGTERM (the argument: INT or TERM) during a long run: exit status
# 130 and a readable <output>.partial with status "interrupted", every recorded
# tick intact; no final file.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"
sig="${1:?usage: interrupt.sh BIN SRC INT|TERM}"

start_long_run long.h5.partial "$demo" -o long.h5 --ticks 100000 --threads 2 --progress always
# Let it record a few ticks: wait until its progress line shows 3 done (a
# fixed sleep is too short for a sanitizer build on a loaded machine).
for _ in $(seq 1 600); do
  done_ticks=$(tr '\r' '\n' <run.err | sed -n 's#.*] *\([0-9][0-9]*\)/100000 ticks.*#\1#p' | tail -n 1)
  [ "${done_ticks:-0}" -ge 3 ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$pid" 2>/dev/null || { cat run.err >&2; fail "--ticks 100000 finished before it was signalled; the test needs a longer run"; }
signal_and_reap "$sig" "$pid"
rc=$reaped
[ "$rc" -eq 130 ] || { cat run.err >&2; fail "exit status $rc after SIG$sig, expected 130"; }

must_not_exist long.h5
h5dump -H long.h5.partial >/dev/null || fail "h5dump cannot read long.h5.partial"
status=$(run_status long.h5.partial)
[ "$status" = interrupted ] || fail "long.h5.partial has status '$status', expected 'interrupted'"
grep -q "long.h5.partial" run.err run.out || fail "the program did not tell the user where the partial file is"
# Every recorded tick is intact: each series has the same rows, steps 0, 1, 2, ...
# and times in order, and its national row for each.
"$python" - long.h5.partial <<'PY' || fail "the recorded ticks of long.h5.partial are not intact"
import sys
import h5py
import numpy as np

with h5py.File(sys.argv[1], "r") as f:
    tick_length = f["parameters"].attrs["tick_length"]
    rows = {name: g["value"].shape[0] for name, g in f["observables"].items()}
    assert len(set(rows.values())) == 1, f"series have different row counts: {rows}"
    n = next(iter(rows.values()))
    assert n > 1, f"only {n} rows recorded"
    for name, g in f["observables"].items():
        np.testing.assert_array_equal(g["step"][...], np.arange(n), err_msg=name)
        assert g["time"].shape == (n,), name
        # A row never written would read as the fill value 0 here.
        np.testing.assert_allclose(g["time"][...], np.arange(n) * tick_length, err_msg=name)
        if "national" in g:
            assert g["national"].shape == (n,), name
    print(f"{n} rows intact in {len(rows)} series")
PY
echo "SIG$sig: exit 130, long.h5.partial readable, status interrupted"
