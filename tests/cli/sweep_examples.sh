#!/usr/bin/env bash
# Every example sweep in scenarios/sweeps/ plans, runs and collects (with the
# SALib files), and the plotting snippet of docs/SWEEPS.md runs on the worked
# example's summary with /usr/bin/python3 and writes its figure.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

shopt -s nullglob
files=("$src"/scenarios/sweeps/*.yaml)
[ ${#files[@]} -gt 0 ] || fail "no sweep in $src/scenarios/sweeps"
for f in "${files[@]}"; do
  name=$(basename "$f" .yaml)
  expect_status 0 "plan-$name" "$bin" sweep plan "$f" -o "out/$name"
  expect_status 0 "run-$name" "$bin" sweep run "out/$name"
  expect_status 0 "collect-$name" "$bin" sweep collect "out/$name" --salib
  grep -q "0 failed, 0 not run" "collect-$name.out" || fail "$name: $(cat "collect-$name.out")"
  echo "ok: $name"
done

# The snippet is the first ```python block after the marker in docs/SWEEPS.md.
awk '/<!-- plot-snippet/ {found=1} found && /^```python/ {inside=1; next}
     inside && /^```/ {exit} inside {print}' "$src/docs/SWEEPS.md" >plot.py
[ -s plot.py ] || fail "no plotting snippet found in docs/SWEEPS.md"
MPLBACKEND=Agg "$python" plot.py || fail "the plotting snippet of docs/SWEEPS.md failed"
[ -s out/link_cost/value_added.png ] || fail "the snippet wrote no out/link_cost/value_added.png"
echo "${#files[@]} example sweeps ran; the documentation's plot snippet works"
