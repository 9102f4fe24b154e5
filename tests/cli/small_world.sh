#!/usr/bin/env bash
# tools/analysis/small_world.py, the documented command of the small-world
# experiment (docs/EXPERIMENTS.md), on a short run: 2 seeds, p = 0 and 1, 4 ticks.
# It prints the table, writes the figure, finds the network fixed, and computes
# the ring lattice's clustering and path length as the closed forms give them
# (p = 0: C = 3(k-2)/(4(k-1)), L = mean of ceil(ring distance / (k/2))); a second
# call reuses every run file; an impossible override fails every run and says so.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

tool="$src/tools/analysis/small_world.py"
args=(--bin "$bin" --seeds 2 --p 0 1 --ticks 4 --work runs --jobs 2)
expect_status 0 first "$python" "$tool" "${args[@]}" --figure fig.png
[ -s fig.png ] || fail "no figure written"
grep -qF '| p | runs | C | L |' first.out || fail "no table: $(cat first.out)"
grep -qF 'Network fixed in all 4 runs' first.out || fail "network not reported fixed: $(cat first.out)"
grep -qF '4 run now, 0 reused' first.err || fail "expected 4 runs: $(cat first.err)"

"$python" - first.out <<'PY' || fail "lattice measures wrong"
import math, sys
n, k = 404, 10  # scenarios/small_world.yaml: 4 large firms + 400 SMEs, degree 10
row = next(l for l in open(sys.argv[1]) if l.startswith("| 0 |")).split("|")
c, length = float(row[3]), float(row[4])
c_ring = 3 * (k - 2) / (4 * (k - 1))
l_ring = sum(math.ceil(min(j, n - j) / (k // 2)) for j in range(1, n)) / (n - 1)
print(f"C {c} (ring {c_ring:.4f}), L {length} (ring {l_ring:.4f})")
sys.exit(0 if abs(c - c_ring) < 6e-4 and abs(length - l_ring) < 6e-3 else 1)
PY

expect_status 0 again "$python" "$tool" "${args[@]}"
grep -qF '0 run now, 4 reused' again.err || fail "complete runs were rerun: $(cat again.err)"
cmp -s <(grep '^|' first.out) <(grep '^|' again.out) || fail "the cached runs gave other tables"

# An override the scenario refuses: every run fails, the tool says so and exits 1.
expect_status 1 broken "$python" "$tool" "${args[@]}" --set network.initial.degree=3
grep -qF 'no complete run' broken.err || fail "failure not reported: $(cat broken.err)"
echo ok
