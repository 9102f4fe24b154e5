#!/usr/bin/env bash
# kazakhstan_2010 starts at the data's 2010 level (scenarios/data/kz_2010_levels.csv,
# tools/data/kazakhstan_2010.py): over seeds 1-10, the mean first-tick national IT
# value added (an annual rate, million tenge per year) lies within 15% of the 2010
# volume of IT production (16,555 million tenge; output taken as value added), and
# the regions' mean first-tick value added ranks like the data (Spearman rho of
# at least 0.8 over the 16 regions; Almaty city's share within 0.1 of its 0.68).
# One seed's total varies by about 15% (a few dozen firms of log-uniform size),
# so ten seeds put the mean within about 5%; the floor of one firm in regions
# with little output adds about 8% (see the script's header).
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

for s in 1 2 3 4 5 6 7 8 9 10; do
  expect_status 0 "run-$s" "$bin" run "$src/scenarios/kazakhstan_2010.yaml" --seed "$s" --ticks 1 \
    --threads 1 -o "kz-$s.h5" --progress never
done
"$python" - "$src/scenarios/data/kz_it_output_2010_2016.csv" kz-*.h5 <<'PY' || fail "levels differ from the data"
import csv, sys
import numpy as np
from scipy import stats
import clustersim
with open(sys.argv[1], encoding="utf-8") as f:
    data = {r["region"]: float(r["2010"] or 0) for r in csv.DictReader(l for l in f if not l.startswith("#"))}
total = sum(data.values())
runs = [clustersim.load_run(p) for p in sys.argv[2:]]
regions = runs[0].regions
va = np.array([r.series["value_added"].value[1] for r in runs])  # [seed][region], tick 1
national = va.sum(axis=1)
ratio = national.mean() / total
observed = np.array([data[n] for n in regions])
mean_region = va.mean(axis=0)
rho = stats.spearmanr(observed, mean_region).correlation
almaty = mean_region[regions.index("Almaty city")] / mean_region.sum()
print(f"data {total:.0f}; model tick 1: mean {national.mean():.0f} (ratio {ratio:.3f}), "
      f"seeds {national.min():.0f}..{national.max():.0f}; rho {rho:.3f}; Almaty city share {almaty:.3f}")
ok = abs(ratio - 1) <= 0.15 and rho >= 0.8 and abs(almaty - data["Almaty city"] / total) <= 0.1
sys.exit(0 if ok else 1)
PY
echo ok
