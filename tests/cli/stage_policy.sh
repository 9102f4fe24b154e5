#!/usr/bin/env bash
# tools/analysis/stage_policy.py, the stage-aware against stage-skipping experiment
# (docs/EXPERIMENTS.md), on 2 seeds and 12 ticks: it prints the national, the
# outcome-based waste and the stage tables and the claim, writes the figure; the
# no-policy counterfactual spends nothing while both policy arms spend; a second
# call reuses every run file and prints the same tables; an override the
# scenarios refuse fails every run and says so; first arrival at a stage is
# counted right on a constructed series.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

tool="$src/tools/analysis/stage_policy.py"
args=(--bin "$bin" --seeds 2 --ticks 12 --work runs --jobs 2)
expect_status 0 first "$python" "$tool" "${args[@]}" --figure fig.png
[ -s fig.png ] || fail "no figure written"
for want in '| value added, last-year mean' '| exits per firm-year' 'return on spending' \
  'First tick at which each region' '| Pavlodar region |' '#### The claim at each setting'; do
  grep -qF "$want" first.out || fail "no '$want' in: $(cat first.out)"
done
grep -qF '6 run now, 0 reused' first.err || fail "expected 6 runs: $(cat first.err)"

"$python" - first.out <<'PY' || fail "the counterfactual spends, or a policy arm does not"
import sys
for line in open(sys.argv[1]):
    if line.startswith("| policy spending over the run"):
        cells = [c.strip() for c in line.split("|")[1:-1]]
        aware, skipping, none = (float(c.split()[0]) for c in cells[1:4])
        print(aware, skipping, none)
        sys.exit(0 if none == 0 and aware > 0 and skipping > 0 else 1)
sys.exit(1)
PY

expect_status 0 again "$python" "$tool" "${args[@]}"
grep -qF '0 run now, 6 reused' again.err || fail "complete runs were rerun: $(cat again.err)"
cmp -s <(grep '^|' first.out) <(grep '^|' again.out) || fail "the cached runs gave other tables"

# A sweep over one setting gives one section per value and the claim at each.
expect_status 0 sweep "$python" "$tool" --bin "$bin" --seeds 2 --ticks 4 --work runs --jobs 2 \
  --only stage_aware no_policy --sweep model.link_formation_rate=1,8 --figure sw.png
[ "$(grep -c '^#### model.link_formation_rate=' sweep.out)" -eq 2 ] || fail "no section per value: $(cat sweep.out)"
[ "$(grep -c '^| model.link_formation_rate=[18] | stage_aware − no_policy' sweep.out)" -eq 2 ] ||
  fail "no claim per value: $(cat sweep.out)"
[ -s sw-sweep.png ] && [ -s sw-model.link_formation_rate=8.png ] || fail "no sweep figures: $(ls)"

# An override the scenarios refuse: every run fails, the tool says so and exits 1.
expect_status 1 broken "$python" "$tool" "${args[@]}" --only stage_aware --set model.link_formation_rate=-1
grep -qF 'no complete run' broken.err || fail "failure not reported: $(cat broken.err)"

"$python" - <<'PY' || fail "first arrival miscounted"
import numpy as np
from clustersim.analysis import stage_policy as sp
stage = np.array([[0, 1], [1, 1], [0, 3], [2, 2]], dtype=float)  # region 0 falls back, region 1 skips 2
step = np.arange(4)
assert list(sp.first_arrival(stage, step, 1)) == [1, 0]
assert list(sp.first_arrival(stage, step, 2)) == [3, 2]
got = sp.first_arrival(stage, step, 3)
assert np.isnan(got[0]) and got[1] == 2, got
from clustersim.analysis import claim
assert claim.verdict(1, 2).startswith("holds") and claim.verdict(-2, -1).startswith("reversed")
assert claim.verdict(-1, 2).startswith("not shown") and claim.verdict(-2, -1, sign=-1).startswith("holds")
assert claim.parse_sweep("model.x=1,2") == ("model.x", ["1", "2"])
print("first arrival and verdicts ok")
PY
echo ok
