#!/usr/bin/env bash
# tools/analysis/spillover_decay.py, the documented command of the spillover-decay
# experiment (docs/EXPERIMENTS.md), on a short run: 2 seeds, distance costs 0 and
# 300 km, no search-share arms, 12 ticks. It prints the half-distance table and
# the per-region tables and writes the figure; a second call reuses every run file.
# Mechanism check that can fail: with relocation off and no search outside the
# own region no inter-regional tie can form, so no region receives any spillover,
# while with search the receivers do.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

tool="$src/tools/analysis/spillover_decay.py"
args=(--bin "$bin" --seeds 2 --costs 0 300 --shares --ticks 12 --work runs --jobs 2 --boot 100)
expect_status 0 first "$python" "$tool" "${args[@]}" --figure fig.png
[ -s fig.png ] || fail "no figure written"
grep -qF '| arm | runs | decay rate b' first.out || fail "no half-distance table: $(cat first.out)"
grep -qF '| Oral | 2,107 |' first.out || fail "no region table with distances: $(cat first.out)"
grep -qF '6 run now, 0 reused' first.err || fail "expected 6 runs: $(cat first.err)"

expect_status 0 again "$python" "$tool" "${args[@]}"
grep -qF '0 run now, 6 reused' again.err || fail "complete runs were rerun: $(cat again.err)"
cmp -s <(grep '^|' first.out) <(grep '^|' again.out) || fail "the cached runs gave other tables"

expect_status 0 closed "$python" "$tool" "${args[@]}" --costs 300 --set model.relocation_rate=0
grep -qF "receivers' mean 0 [0, 0], source 0 [0, 0]" closed.out ||
  fail "spillover without any inter-regional tie: $(grep No-search closed.out)"
"$python" - closed.out <<'PY' || fail "no spillover reached the receivers with search on"
import sys
row = next(l for l in open(sys.argv[1]) if l.startswith("| Taldykorgan |")).split("|")
spill = float(row[3].split()[0])
print(f"Taldykorgan spillover per agent with search: {spill}")
sys.exit(0 if spill > 0 else 1)
PY
echo ok
