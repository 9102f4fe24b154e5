#!/usr/bin/env bash
# SIGKILL a sweep part-way, run it again: only the missing runs run, the runs
# that had completed are left untouched, and the summary equals that of a
# sweep that was never interrupted. SIGTERM stops a sweep cleanly (exit 130,
# its runs interrupted) and it resumes the same way.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"
long="$src/tests/sweep/data/long.yaml"

expect_status 0 plan-ref "$bin" sweep plan "$long" -o ref
expect_status 0 run-ref "$bin" sweep run ref --jobs 2
expect_status 0 collect-ref "$bin" sweep collect ref

expect_status 0 plan "$bin" sweep plan "$long" -o killed
"$bin" sweep run killed --jobs 1 --threads 1 >run1.out 2>run1.err </dev/null &
pid=$!
for _ in $(seq 1 600); do
  [ -e killed/runs/0000.h5 ] && break
  sleep 0.05
done
[ -e killed/runs/0000.h5 ] || { kill -KILL "$pid"; fail "no run completed within 30 s"; }
kill -KILL "$pid"
wait "$pid" 2>/dev/null || true
# The killed sweep's run process stops on its own (SIGTERM when its parent dies).
for _ in $(seq 1 600); do
  "$bin" sweep status killed >status.out
  grep -qx 'running  0' status.out && break
  sleep 0.05
done
grep -qx 'running  0' status.out || fail "a run is still running 30 s after the sweep was killed"
done_before=$(find killed/runs -name '*.h5' | wc -l)
[ "$done_before" -lt 4 ] || fail "the sweep finished before it was killed; make long.yaml longer"
stamp_before=$(stat -c '%i %Y' killed/runs/0000.h5)

expect_status 0 resume "$bin" sweep run killed --jobs 2
grep -q "$((4 - done_before)) ran, $done_before already complete, 0 failed" resume.err ||
  fail "resume: $(tail -n 1 resume.err) (with $done_before complete before)"
[ "$(stat -c '%i %Y' killed/runs/0000.h5)" = "$stamp_before" ] || fail "a complete run was run again"
must_not_exist killed/runs/*.partial
expect_status 0 collect "$bin" sweep collect killed
cmp ref/summary.csv killed/summary.csv || fail "the resumed sweep's summary differs"
h5diff ref/summary.h5 killed/summary.h5 || fail "the resumed sweep's summary.h5 differs"
# SIGTERM: the sweep stops its runs, says so and exits 130.
expect_status 0 plan-term "$bin" sweep plan "$long" -o term
"$bin" sweep run term --jobs 2 --threads 1 >term.out 2>term.err </dev/null &
pid=$!
for _ in $(seq 1 600); do
  [ -n "$(ls term/runs/*.partial 2>/dev/null)" ] && break
  sleep 0.05
done
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
[ "$rc" -eq 130 ] || fail "exit status $rc after SIGTERM, expected 130: $(cat term.err)"
grep -q "interrupted; run the same command again" term.err || fail "$(cat term.err)"
"$bin" sweep status term >term-status.out
grep -qx 'running  0' term-status.out || fail "runs still running after SIGTERM: $(cat term-status.out)"
expect_status 0 resume-term "$bin" sweep run term --jobs 2
expect_status 0 collect-term "$bin" sweep collect term
cmp ref/summary.csv term/summary.csv || fail "the sweep resumed after SIGTERM differs"

# A process-group SIGTERM (what scancel sends): the sweep and its runs all get
# it, each run stops between ticks and leaves a readable .partial marked
# interrupted, and the sweep resumes to the same summary.
expect_status 0 plan-group "$bin" sweep plan "$long" -o group
setsid "$bin" sweep run group --jobs 2 --threads 1 >group.out 2>group.err </dev/null &
pid=$!
for _ in $(seq 1 600); do
  [ -n "$(ls group/runs/*.partial 2>/dev/null)" ] && break
  sleep 0.05
done
partials=$(ls group/runs/*.partial 2>/dev/null) || fail "no run started within 30 s"
kill -TERM -- "-$pid"
rc=0
wait "$pid" || rc=$?
[ "$rc" -eq 130 ] || fail "exit status $rc after a process-group SIGTERM, expected 130: $(cat group.err)"
for f in $partials; do
  [ -e "$f" ] || continue  # finished between the listing and the signal
  expect_status 0 inspect-group "$bin" inspect "$f"
  [ "$(run_status "$f")" = interrupted ] || fail "$f is not marked interrupted after a process-group SIGTERM"
done
expect_status 0 resume-group "$bin" sweep run group --jobs 2
expect_status 0 collect-group "$bin" sweep collect group
cmp ref/summary.csv group/summary.csv || fail "the sweep resumed after a process-group SIGTERM differs"

echo "killed with $done_before of 4 runs complete; the resumed sweep ran the other $((4 - done_before)) and matches"
