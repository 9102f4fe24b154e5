#!/usr/bin/env bash
# tools/analysis/pole_spillover.py on a short growth_poles run: at least one
# pole, every non-pole region once per pole, distances equal to a haversine
# computed here, weights 2^(-d/1200) (the default half distance), and a clear
# refusal (exit 2) of a file without a growth_pole series.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

tool="$src/tools/analysis/pole_spillover.py"
expect_status 0 run "$bin" run "$src/scenarios/growth_poles.yaml" -o g.h5 --ticks 12 --progress never
expect_status 0 report "$python" "$tool" g.h5 --csv poles.csv
[ -s poles.csv ] || fail "no CSV written"
grep -qF '#### Multiplier on the periphery' report.out || fail "no multiplier table"
grep -qF '#### Periphery growth by distance from the pole' report.out || fail "no distance-band table"

# Independent check with h5py: the poles (growth_pole 1 in more than half of the
# rows in which some region is a pole), the periphery rows, distances, weights.
"$python" - g.h5 poles.csv <<'PY' || fail "CSV check failed"
import csv, math, sys
import h5py, numpy as np
f = h5py.File(sys.argv[1], "r")
names = [n.decode() if isinstance(n, bytes) else str(n) for n in f["regions/name"][()]]
lat, lon = f["regions/lat"][()], f["regions/lon"][()]
flags = f["observables/growth_pole/value"][()] > 0.5
share = flags[flags.any(axis=1)].mean(axis=0)
poles = {names[i] for i in range(len(names)) if share[i] > 0.5}
rows = list(csv.DictReader(open(sys.argv[2])))
def die(msg):
    print("FAIL:", msg, file=sys.stderr); sys.exit(1)
if not poles:
    die("the run has no pole")
if {r["pole"] for r in rows} != poles:
    die(f"poles in the CSV {sorted({r['pole'] for r in rows})} != {sorted(poles)}")
others = sorted(set(names) - poles)
for p in poles:
    got = sorted(r["region"] for r in rows if r["pole"] == p)
    if got != others:
        die(f"pole {p}: periphery {got} != {others}")
def haversine(a, b):
    r = 6371.0088
    p1, p2 = math.radians(lat[a]), math.radians(lat[b])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon[b] - lon[a]) / 2) ** 2
    return 2 * r * math.asin(math.sqrt(h))
for r in rows:
    d = haversine(names.index(r["pole"]), names.index(r["region"]))
    if abs(float(r["distance_km"]) - d) > 1e-6 * max(1.0, d):
        die(f"{r['pole']}-{r['region']}: distance {r['distance_km']} != {d}")
    if abs(float(r["weight"]) - 2 ** (-d / 1200)) > 1e-12:
        die(f"{r['pole']}-{r['region']}: weight {r['weight']} != 2^(-{d}/1200)")
    if float(r["half_distance_km"]) != 1200:
        die(f"half distance {r['half_distance_km']} != 1200")
    for key in ("knowledge_growth", "value_added_growth"):
        if r[key] and not math.isfinite(float(r[key])):
            die(f"{key} = {r[key]}")
print(len(poles), "poles,", len(rows), "rows")
PY

# A run file without a growth_pole series is refused with a clear message.
"$python" -c 'import shutil, sys, h5py
shutil.copy(sys.argv[1], sys.argv[2])
with h5py.File(sys.argv[2], "r+") as f:
    del f["observables/growth_pole"]' g.h5 nopole.h5 || fail "could not make nopole.h5"
expect_status 2 refuse "$python" "$tool" nopole.h5
grep -qF 'no growth_pole series' refuse.err || fail "unclear refusal: $(cat refuse.err)"
expect_status 2 missing "$python" "$tool" does-not-exist.h5
echo ok
