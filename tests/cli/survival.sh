#!/usr/bin/env bash
# The survival experiment of docs/EXPERIMENTS.md runs as documented (two seeds,
# 12 years, the defaults and fixed_cost 0 only): both tables, a figure, and
# rates that are shares; a firm-size tail whose estimators agree with an
# independent Pareto check; a clear refusal of a run without snapshots.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

tool="$src/tools/analysis/survival.py"
expect_status 0 experiment "$python" "$tool" --bin "$bin" --replicates 2 --ticks 48 --quick \
  --figure survival.png
grep -qF '#### Survival of new firms (2 seeds' experiment.out || fail "no survival table"
grep -qF '#### Tail of the firm-size distribution' experiment.out || fail "no tail table"
grep -qE '^\| defaults \| 0\.[0-9]+ ± 0\.[0-9]+ \| 0\.[0-9]+ ± 0\.[0-9]+ \| 0\.[0-9]+' experiment.out ||
  fail "no 1-, 2- and 4-year survival for the defaults"
grep -qE '^\| fixed_cost 0 \|' experiment.out || fail "no fixed_cost 0 row"
[ -s survival.png ] || fail "no figure written"

# The estimators recover the exponent of a known Pareto sample, and the curve
# counts a constructed history right.
"$python" - <<'PY' || fail "estimator check failed"
import numpy as np
from clustersim.analysis import survival as sv
rng = np.random.default_rng(5)
x = (1.0 - rng.random(20000)) ** (-1.0 / 1.5)  # Pareto, tail exponent 1.5, x_min 1
k = sv.hill_k(len(x))
assert abs(sv.hill(x, k) - 1.5) < 0.25, sv.hill(x, k)
exponent, xmin, n, ks = sv.csn_power_law(x)
assert abs(exponent - 1.5) < 0.1 and ks < 0.05, (exponent, xmin, n, ks)
h = sv.Histories(np.array([0, 0, 4, 10]), np.array([3, 20, 4, 20]), 20, 0.25, x[:10], 0.0)
curve, cohort = sv.survival_curve(h, 12)
assert cohort[0] == 4 and curve[0] == 1.0, (cohort, curve)
assert cohort[4] == 4 and abs(curve[4] - 0.5) < 1e-12, (cohort[4], curve[4])  # two of four gone
assert cohort[12] == 3 and abs(curve[12] - 1 / 3) < 1e-12, (cohort[12], curve[12])  # born at 10: too late
print("estimators ok")
PY

# A run without agent snapshots is refused with a clear message.
expect_status 0 nosnap "$bin" run "$demo" -o nosnap.h5 --ticks 4 --progress never
expect_status 1 refuse "$python" -c 'import sys; from clustersim.analysis import survival as sv
sv.firm_histories(sys.argv[1])' nosnap.h5
grep -qF 'snapshot' refuse.err || fail "unclear refusal: $(cat refuse.err)"
echo ok
