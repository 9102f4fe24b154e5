#!/usr/bin/env bash
# tools/analysis/pole_periphery.py, the growth-pole periphery experiment
# (docs/EXPERIMENTS.md), on 2 seeds and 12 ticks: it prints the poles, the gain
# per region with its distances, the bands, Spearman and the half-distance fit,
# and the claim, and writes the figure; poles are not in the periphery and every
# periphery region lies some distance from the nearest pole; a second call reuses
# every run file; an override the scenarios refuse fails and says so; the fit
# recovers a known half distance and reports a flat gain as no half distance.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

tool="$src/tools/analysis/pole_periphery.py"
args=(--bin "$bin" --seeds 2 --ticks 12 --work runs --jobs 2 --boot 200)
expect_status 0 first "$python" "$tool" "${args[@]}" --figure fig.png
[ -s fig.png ] || fail "no figure written"
for want in 'Poles: ' '| region | km to nearest pole |' '| band | regions |' '| distance to | Spearman rho |' \
  '| nearest pole |' '#### The claim at each setting' '| growth_poles − no_budget |'; do
  grep -qF "$want" first.out || fail "no '$want' in: $(cat first.out)"
done
grep -qF '6 run now, 0 reused' first.err || fail "expected 6 runs: $(cat first.err)"

"$python" - first.out <<'PY' || fail "poles in the periphery, or a periphery region at distance 0"
import sys
lines = open(sys.argv[1]).read().splitlines()
start = next(i for i, l in enumerate(lines) if l.startswith("| region | km to nearest pole |"))
rows = []
for line in lines[start + 2:]:
    if not line.startswith("|"):
        break
    rows.append([c.strip() for c in line.split("|")[1:-1]])
poles = [r for r in rows if r[0].endswith("(pole)")]
periphery = [r for r in rows if not r[0].endswith("(pole)")]
print(len(poles), len(periphery))
assert len(poles) == 2 and len(periphery) == 14, (poles, periphery)
assert all(float(r[1]) > 0 for r in periphery) and all(r[1] == "0" for r in poles)
PY

expect_status 0 again "$python" "$tool" "${args[@]}"
grep -qF '0 run now, 6 reused' again.err || fail "complete runs were rerun: $(cat again.err)"
cmp -s <(grep '^|' first.out) <(grep '^|' again.out) || fail "the cached runs gave other tables"

# A sweep over one setting gives one section per value, the claim at each and its figure.
expect_status 0 sweep "$python" "$tool" --bin "$bin" --seeds 2 --ticks 8 --work runs --jobs 2 --boot 100 \
  --sweep model.cross_region_search_share=0,1 --figure sw.png
[ "$(grep -c '^| model.cross_region_search_share=[01] | ' sweep.out)" -eq 2 ] || fail "no claim per value: $(cat sweep.out)"
[ -s sw-sweep.png ] && [ -s sw-model.cross_region_search_share=1.png ] || fail "no sweep figures: $(ls)"

expect_status 1 broken "$python" "$tool" "${args[@]}" --set model.link_formation_rate=-1
grep -qF 'no complete run' broken.err || fail "failure not reported: $(cat broken.err)"

"$python" - <<'PY' || fail "the half-distance fit is wrong"
import math
import numpy as np
from clustersim.analysis import pole_periphery as pp
rng = np.random.default_rng(3)
d = np.linspace(100, 2000, 14)
gains = 20 * 2 ** (-d / 600) + rng.normal(0, 0.5, (10, 14))
fit = pp.fit_half_distance(d, gains, n_boot=200)
lo, hi = fit.h_interval()
assert 500 < fit.h < 720 and lo < 600 < hi, fit
flat = 5 + rng.normal(0, 0.5, (10, 14))
fit = pp.fit_half_distance(d, flat, n_boot=200)
assert math.isinf(fit.h_interval()[1]) or "NO HALF DISTANCE" in fit.text() or "FAILED" in fit.text(), fit.text()
rising = 1 + d / 200 + rng.normal(0, 0.5, (10, 14))
assert "NO HALF DISTANCE" in pp.fit_half_distance(d, rising, n_boot=200).text()
near = pp.fit_half_distance(d + 1000, 20 * 2 ** (-(d + 1000) / 300) + rng.normal(0, 0.01, (10, 14)), n_boot=50)
assert "extrapolated" in near.text() and not near.bounded, near.text()  # h far below the nearest data
print("fit ok")
PY
echo ok
