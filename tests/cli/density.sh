#!/usr/bin/env bash
# tools/analysis/density.py, the documented command of the network-density
# experiment (docs/EXPERIMENTS.md), on 2 seeds x 2 rates (0.25 and 16) for every
# setting: it prints the tables, writes the figure, finds density far higher at
# rate 16 than at 0.25 in every setting (the sweep moves density at all), a
# second call reuses every run file, and an impossible override fails every run
# and says so.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

tool="$src/tools/analysis/density.py"
args=(--bin "$bin" --seeds 2 --rates 0.25 16 --work runs --jobs 2)
expect_status 0 first "$python" "$tool" "${args[@]}" --figure fig.png
[ -s fig.png ] || fail "no figure written"
grep -qF '| rate [1/yr] | runs | density |' first.out || fail "no table: $(cat first.out)"
[ "$(grep -c '^#### ' first.out)" -eq 5 ] || fail "expected 5 settings: $(cat first.out)"
grep -qF '20 run now, 0 reused' first.err || fail "expected 20 runs: $(cat first.err)"

"$python" - first.out <<'PY' || fail "density does not rise with link_formation_rate"
import sys
dens = {}
setting = None
for line in open(sys.argv[1]):
    if line.startswith("#### "):
        setting = line.split(":")[0][5:]
    elif setting and (line.startswith("| 0.25 |") or line.startswith("| 16 |")):
        cells = line.split("|")
        dens.setdefault(setting, {})[cells[1].strip()] = float(cells[3].split()[0])
print(dens)
ok = len(dens) == 5 and all(d["16"] > 3 * d["0.25"] > 0 for d in dens.values())
sys.exit(0 if ok else 1)
PY

expect_status 0 again "$python" "$tool" "${args[@]}"
grep -qF '0 run now, 20 reused' again.err || fail "complete runs were rerun: $(cat again.err)"
cmp -s <(grep '^|' first.out) <(grep '^|' again.out) || fail "the cached runs gave other tables"

# An override the scenario refuses: every run fails, the tool says so and exits 1.
expect_status 1 broken "$python" "$tool" "${args[@]}" --only defaults --set model.link_formation_rate=-1
grep -qF 'no complete run' broken.err || fail "failure not reported: $(cat broken.err)"
echo ok
