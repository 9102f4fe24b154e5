#!/usr/bin/env bash
# --swmr: h5py can open the .partial of a running simulation as a SWMR reader
# and sees the rows grow (after refresh) while the run goes on; SIGINT then
# ends the run as usual (exit 130, status interrupted).
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

start_long_run live.h5.partial "$demo" -o live.h5 --swmr --snapshot-every 50 --ticks 1000000 \
  --threads 2 --progress never

# Reads the running file: the row count of a series must grow between two
# refreshes, and each row read must be complete (step 0, 1, 2, ... in order).
rc=0
"$python" - live.h5.partial <<'PY' || rc=$?
import sys, time
import h5py
import numpy as np

# The writer holds the file's lock from creating it until it has laid out every
# dataset and switched to SWMR mode; a reader that comes in between is refused
# (EAGAIN) and tries again, as a user's script would.
deadline = time.time() + 60
while True:
    try:
        f = h5py.File(sys.argv[1], "r", libver="latest", swmr=True)
        break
    except OSError:
        if time.time() > deadline:
            raise
        time.sleep(0.2)

with f:
    assert f["parameters"].attrs["status"] == "running", f["parameters"].attrs["status"]
    value = f["observables/smes/value"]
    step = f["observables/smes/step"]
    seen = []
    deadline = time.time() + 60
    while time.time() < deadline:
        value.refresh()
        step.refresh()
        seen.append(value.shape[0])
        # The first look may come before the first chunk is written (0 rows);
        # growth means two later looks that both see rows, the second more.
        rows = [n for n in seen if n > 0]
        if len(rows) >= 2 and rows[-1] > rows[0]:
            break
        time.sleep(0.5)
    rows = [n for n in seen if n > 0]
    assert len(rows) >= 2 and rows[-1] > rows[0], f"rows did not grow while the run wrote: {seen}"
    n = min(value.shape[0], step.shape[0])
    np.testing.assert_array_equal(step[:n], np.arange(n))
    tick_length = f["parameters"].attrs["tick_length"]
    time_ = f["observables/smes/time"]
    time_.refresh()
    n = min(n, time_.shape[0])
    np.testing.assert_allclose(time_[:n], np.arange(n) * tick_length)
    f["network/count"].refresh()
    assert f["network/count"].shape[0] >= 1, "no network snapshot visible"
    print(f"rows seen while running: {seen}")
PY
signal_and_reap INT "$pid"
status=$reaped
[ "$rc" -eq 0 ] || fail "reading the running file with h5py (swmr=True) failed"
[ "$status" -eq 130 ] || { cat run.err >&2; fail "exit status $status after SIGINT, expected 130"; }
[ "$(run_status live.h5.partial)" = interrupted ] || fail "live.h5.partial is not marked interrupted"
echo "h5py read the running --swmr file; rows grew; interrupted cleanly"
