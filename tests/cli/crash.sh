#!/usr/bin/env bash
# Whatever ends a run, the file it leaves is readable and says what happened:
# - SIGKILL at two moments (nothing can be handled): the .partial opens in
#   `inspect` and in h5py (swmr=True), its status is "running" (the writer
#   died), and every tick it holds equals the same ticks of an uninterrupted
#   run (bit for bit);
# - a file that cannot grow (a full disk): exit 1, the same check as SIGKILL;
# - two SIGTERMs 10 ms apart, SIGHUP, SIGUSR1 and SIGXCPU: the run stops
#   between ticks, exit 130, status "interrupted";
# - progress written to a closed pipe: the run goes on and completes;
# - an h5py reader that keeps the .partial open until the end: the run still
#   records its end and renames the file (exit 0, status "complete").
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

# wait_rows PARTIAL N: waits (at most 120 s: sanitizer builds are slow) until
# a SWMR reader sees at least N rows in the running file.
wait_rows() {
  "$python" - "$1" "$2" <<'PY' || fail "$1 did not reach $2 rows"
import sys, time, h5py
path, want = sys.argv[1], int(sys.argv[2])
deadline = time.time() + 120
while time.time() < deadline:
    try:
        with h5py.File(path, "r", libver="latest", swmr=True) as f:
            if f["observables/value_added/value"].shape[0] >= want:
                sys.exit(0)
    except (OSError, KeyError):
        pass  # not laid out yet, or locked while it is
    time.sleep(0.1)
sys.exit(1)
PY
}

# The ticks a killed run's file holds, checked against a reference run of the
# same scenario and seed for as many ticks (rows are ticks 0..n-1).
check_prefix() {  # PARTIAL MIN_ROWS
  local partial="$1" least="${2:-1}" rows
  expect_status 0 inspect_killed "$bin" inspect "$partial"
  grep -q "status: running" inspect_killed.out || { cat inspect_killed.out >&2; fail "$partial: inspect does not say running"; }
  rows=$("$python" -c '
import sys, h5py
with h5py.File(sys.argv[1], "r", libver="latest", swmr=True) as f:
    assert f["parameters"].attrs["status"] == "running"
    print(f["observables/value_added/value"].shape[0])' "$partial")
  [ "$rows" -ge "$least" ] || fail "$partial holds $rows rows, fewer than the $least seen while it ran"
  expect_status 0 reference "$bin" run "$demo" -o "ref_$partial.h5" --ticks $((rows - 1)) --progress never
  "$python" - "$partial" "ref_$partial.h5" <<'PY' || fail "$partial differs from an uninterrupted run"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r", libver="latest", swmr=True) as a, h5py.File(sys.argv[2], "r") as b:
    names = list(b["observables"])
    assert names == list(a["observables"]), "different series"
    for name in names:
        x, y = a[f"observables/{name}/value"][()], b[f"observables/{name}/value"][()]
        n = min(len(x), len(y))
        assert n == len(y) or n == len(x), name
        np.testing.assert_array_equal(x[:n], y[:n], err_msg=name)
print("prefix identical")
PY
}

# Killed at two moments: as soon as a reader sees rows, and a while later.
for rows in 2 120; do
  start_long_run "k$rows.h5.partial" "$demo" -o "k$rows.h5" --ticks 1000000 --progress never
  wait_rows "k$rows.h5.partial" "$rows"
  kill -KILL "$pid"
  wait "$pid" || true
  check_prefix "k$rows.h5.partial" "$rows"
  must_not_exist "k$rows.h5"
done

# A disk that fills mid-run (a file-size limit, SIGXFSZ ignored so that writes
# fail as on a full disk): exit 1, and the file holds the ticks flushed before.
rc=0
(ulimit -f 1200; trap '' XFSZ; exec "$bin" run "$demo" -o full.h5 --ticks 1000000 --progress never) \
  >full.out 2>full.err </dev/null || rc=$?
[ "$rc" -eq 1 ] || { cat full.err >&2; fail "exit $rc when the file could not grow, expected 1"; }
grep -q "File too large" full.err || { cat full.err >&2; fail "the failure does not name its cause"; }
check_prefix full.h5.partial

# Signals that ask the run to end, one of them twice in quick succession.
for sig in TERM HUP USR1 XCPU; do
  start_long_run "s_$sig.h5.partial" "$demo" -o "s_$sig.h5" --ticks 1000000 --progress never
  sleep 0.5
  kill -s "$sig" "$pid"
  if [ "$sig" = TERM ]; then sleep 0.01; fi
  signal_and_reap "$sig" "$pid"
  [ "$reaped" -eq 130 ] || { cat run.err >&2; fail "exit status $reaped after SIG$sig, expected 130"; }
  [ "$(run_status "s_$sig.h5.partial")" = interrupted ] || fail "s_$sig.h5.partial is not marked interrupted"
done

# Progress to a pipe that closes after the first line.
"$bin" run "$demo" -o piped.h5 --ticks 200 --progress always 2>&1 | head -1 >/dev/null || true
for _ in $(seq 1 300); do [ -e piped.h5 ] && break; sleep 0.1; done
[ "$(run_status piped.h5)" = complete ] || fail "the run with a closed progress pipe did not complete"

# A reader that holds the .partial open until the run has ended.
"$bin" run "$demo" -o held.h5 --ticks 400 --progress never >held.out 2>held.err </dev/null &
pid=$!
"$python" - held.h5.partial "$pid" <<'PY' || fail "the reader could not hold the file"
import os, sys, time, h5py
path, pid = sys.argv[1], int(sys.argv[2])
deadline = time.time() + 60
while True:
    try:
        f = h5py.File(path, "r", libver="latest", swmr=True)
        break
    except (OSError, FileNotFoundError):
        if time.time() > deadline:
            raise
        time.sleep(0.05)
with f:
    while True:  # hold it until the writer has exited
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
PY
status=0
wait "$pid" || status=$?
[ "$status" -eq 0 ] || { cat held.err >&2; fail "exit $status with a reader holding the file"; }
[ "$(run_status held.h5)" = complete ] || fail "held.h5 is not complete"
echo "SIGKILL leaves a readable file with an identical prefix; TERM twice, HUP, USR1, XCPU interrupt; closed pipes and held readers are harmless"
