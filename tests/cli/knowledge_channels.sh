#!/usr/bin/env bash
# tools/analysis/knowledge_channels.py, the documented command of "Knowledge flows
# and innovation" (docs/EXPERIMENTS.md), on a short run: 2 seeds, 8 ticks. It
# prints the table with every arm, writes the figure, and finds that switching off
# learning over ties lowers innovations (a behaviour of the model, not of the tool).
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

tool="$src/tools/analysis/knowledge_channels.py"
expect_status 0 first "$python" "$tool" --bin "$bin" --seeds 2 --ticks 8 --work runs --jobs 2 \
  --figure fig.png
[ -s fig.png ] || fail "no figure written"
for arm in "as shipped" "no university research" "no learning over ties" "fast learning"; do
  grep -qF "| $arm" first.out || fail "arm '$arm' missing: $(cat first.out)"
done
"$python" - first.out <<'PY' || fail "no learning over ties should lower innovations"
import sys
rows = {l.split("|")[1].strip().split(" (")[0]: l.split("|") for l in open(sys.argv[1]) if l.startswith("| ")}
shipped = float(rows["as shipped"][5].split("[")[0])
none = float(rows["no learning over ties"][5].split("[")[0])
print(f"innovations per firm-year: shipped {shipped}, no learning {none}")
sys.exit(0 if none < shipped else 1)
PY
echo ok
