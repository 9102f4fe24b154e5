#!/usr/bin/env bash
# A local sweep as a user runs it: plan (deterministic), run with --jobs,
# resume (nothing left to do), status, collect (+ SALib files); the same plan
# split into two Slurm array tasks gives the same summary; a point whose value
# the scenario rejects fails into failures.csv while the other runs complete.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"
data="$src/tests/sweep/data"

# Plan determinism: two plans of the same file are byte for byte the same.
expect_status 0 plan-a "$bin" sweep plan "$data/small.yaml" -o a
expect_status 0 plan-b "$bin" sweep plan "$data/small.yaml" -o b
for f in manifest.csv sweep.yaml scenario.yaml; do cmp a/$f b/$f || fail "plans differ in $f"; done
[ "$(wc -l <a/manifest.csv)" -eq 9 ] || fail "expected 8 runs in the manifest"
head -n 1 a/manifest.csv | grep -qx 'run_id,point,replicate,seed,model.link_cost,regions\[0\].agents.smes' ||
  fail "manifest header: $(head -n 1 a/manifest.csv)"
[ "$(cut -d, -f4 a/manifest.csv | sort -u | wc -l)" -eq 9 ] || fail "seeds are not distinct"
expect_status 0 plan-again "$bin" sweep plan "$data/small.yaml" -o a          # same plan: fine
expect_status 2 plan-other "$bin" sweep plan "$data/bad_value.yaml" -o a      # another: refused
grep -q "different plan" plan-other.err || fail "no reason given for refusing another plan"

# Run, run again (resume: nothing to do), status, collect.
expect_status 0 run-a "$bin" sweep run a --jobs 2
grep -q "8 ran, 0 already complete, 0 failed" run-a.err || fail "run: $(tail -n 1 run-a.err)"
[ "$(find a/runs -name '*.h5' | wc -l)" -eq 8 ] || fail "expected 8 run files"
must_not_exist a/runs/*.partial
expect_status 0 run-a2 "$bin" sweep run a --jobs 2
grep -q "0 ran, 8 already complete" run-a2.err || fail "resume ran again: $(tail -n 1 run-a2.err)"
expect_status 0 status-a "$bin" sweep status a
grep -qx 'complete 8' status-a.out || fail "status: $(cat status-a.out)"
expect_status 0 collect-a "$bin" sweep collect a --salib
[ "$(wc -l <a/summary.csv)" -eq 9 ] || fail "summary.csv should have 8 rows"
[ "$(grep -c ',complete,' a/summary.csv)" -eq 8 ] || fail "not every row is complete"
[ "$(wc -l <a/summary_points.csv)" -eq 5 ] || fail "summary_points.csv should have 4 rows"
"$python" - a <<'PY' || fail "summary files do not agree"
import json, sys, h5py, numpy as np, pandas as pd
d = sys.argv[1]
# round_trip: pandas' default parser is not exact to the last bit.
runs = pd.read_csv(f"{d}/summary.csv", dtype={"run_id": str}, float_precision="round_trip")
points = pd.read_csv(f"{d}/summary_points.csv", float_precision="round_trip")
with h5py.File(f"{d}/summary.h5") as h:
    assert list(h["runs/run_id"].asstr()[:]) == list(runs["run_id"]) == [f"{i:04d}" for i in range(8)]
    assert np.array_equal(h["runs/seed"][:], runs["seed"].to_numpy(dtype=np.uint64))
    assert np.array_equal(h["runs/indicators/value_added_final"][:], runs["value_added_final"])
    assert np.allclose(h["points/mean/almaty_smes"][:], points["almaty_smes_mean"])
means = runs.groupby("point")["value_added_final"].mean().to_numpy()
assert np.allclose(means, points["value_added_final_mean"]), (means, points)
assert runs["value_added_final"].notna().all() and (runs["value_added_final"] > 0).all()
problem = json.load(open(f"{d}/salib/problem.json"))
assert problem["names"] == ["model.link_cost", "regions[0].agents.smes"], problem
assert problem["bounds"] == [[0.05, 0.2], [40, 120]], problem
X, Y = np.loadtxt(f"{d}/salib/X.txt", ndmin=2), np.loadtxt(f"{d}/salib/Y.txt", ndmin=2)
assert X.shape == (8, 2) and Y.shape == (8, 4), (X.shape, Y.shape)
assert np.allclose(Y[:, 0], runs["value_added_final"])
PY

# Two Slurm array tasks make the same summary: task 1 as tools/hpc/slurm_array.sh
# runs it under Slurm (the task from the environment), task 0 by flags.
expect_status 0 plan-c "$bin" sweep plan "$data/small.yaml" -o c
expect_status 0 task-1 env SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=2 SLURM_CPUS_PER_TASK=2 \
  CLUSTERSIM="$bin" bash "$src/tools/hpc/slurm_array.sh" c
grep -q "runs 4 to 7 of 8 (task 1 of 2)" task-1.err || fail "task 1: $(head -n 1 task-1.err)"
expect_status 0 task-0 "$bin" sweep run c --task 0 --tasks 2 --jobs 2
expect_status 0 collect-c "$bin" sweep collect c
cmp a/summary.csv c/summary.csv || fail "summary of the tasks differs from the local one"
cmp a/summary_points.csv c/summary_points.csv || fail "per-point summary differs"
h5diff a/summary.h5 c/summary.h5 || fail "summary.h5 differs"

# A value the scenario rejects at one point: warned at plan time, its runs fail.
expect_status 0 plan-bad "$bin" sweep plan "$data/bad_value.yaml" -o bad
grep -q "bad_value.yaml:7:3: parameters.model.link_cost: value -1 is out of range" plan-bad.err ||
  fail "no located warning: $(cat plan-bad.err)"
expect_status 1 run-bad "$bin" sweep run bad --jobs 2
[ "$(wc -l <bad/failures.csv)" -eq 3 ] || fail "failures.csv: $(cat bad/failures.csv)"
grep -q '^0002,1,0,.*out of range' bad/failures.csv || fail "failures.csv: $(cat bad/failures.csv)"
grep -q '^0003,1,1,' bad/failures.csv || fail "failures.csv: $(cat bad/failures.csv)"
[ -f bad/runs/0000.h5 ] && [ -f bad/runs/0001.h5 ] || fail "the valid runs did not complete"
expect_status 0 status-bad "$bin" sweep status bad
grep -qx 'failed   2' status-bad.out && grep -qx 'complete 2' status-bad.out || fail "$(cat status-bad.out)"
expect_status 0 collect-bad "$bin" sweep collect bad
[ "$(grep -c ',failed,' bad/summary.csv)" -eq 2 ] || fail "failed runs not marked in summary.csv"
echo "local sweep: plan, run, resume, status, collect, tasks and failures as expected"
