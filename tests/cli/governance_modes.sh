#!/usr/bin/env bash
# tools/analysis/governance_modes.py, the documented command of the
# governance-modes experiment (docs/EXPERIMENTS.md), on 2 seeds and 16 ticks:
# it prints the level and paired-difference tables for the four modes, writes
# the figure, finds civil participation only with civil society and emissions
# only in the quintuple helix, and a second call reuses every run file with
# the same tables.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

tool="$src/tools/analysis/governance_modes.py"
args=(--bin "$bin" --seeds 2 --ticks 16 --work runs --jobs 2)
expect_status 0 first "$python" "$tool" "${args[@]}" --figure fig.png
[ -s fig.png ] || fail "no figure written"
grep -qF '#### End values by mode' first.out || fail "no level table: $(cat first.out)"
grep -qF '#### Paired differences' first.out || fail "no difference table: $(cat first.out)"
for contrast in 'triple − cluster' 'quadruple − cluster' 'quintuple − cluster' \
                'quadruple − triple' 'quintuple − quadruple'; do
  grep -qF "| $contrast |" first.out || fail "no row for $contrast: $(cat first.out)"
done
grep -qF '8 run now, 0 reused' first.err || fail "expected 8 runs: $(cat first.err)"

"$python" - first.out <<'PY' || fail "the modes' channels do not show in the table"
import sys
rows = {}
for line in open(sys.argv[1]):
    cells = [c.strip() for c in line.split("|")[1:-1]]
    if len(cells) > 2 and cells[0] in ("cluster", "triple", "quadruple", "quintuple"):
        rows[cells[0]] = [float(c.split()[0]) for c in cells[2:]]
print(rows)
# columns: value added, innovations, firms, knowledge, births, civil participation, emissions, ...
ok = (len(rows) == 4
      and all(rows[m][6] == 0 for m in ("cluster", "triple", "quadruple")) and rows["quintuple"][6] > 0
      and rows["cluster"][5] == rows["triple"][5] == 0
      and rows["quadruple"][5] > 0 and rows["quintuple"][5] > 0
      and all(rows[m][0] > 0 for m in rows))
sys.exit(0 if ok else 1)
PY

expect_status 0 again "$python" "$tool" "${args[@]}"
grep -qF '0 run now, 8 reused' again.err || fail "complete runs were rerun: $(cat again.err)"
cmp -s <(grep '^|' first.out) <(grep '^|' again.out) || fail "the cached runs gave other tables"
echo ok
