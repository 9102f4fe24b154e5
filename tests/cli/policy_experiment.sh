#!/usr/bin/env bash
# The policy comparison of docs/EXPERIMENTS.md runs as documented (two
# replicates instead of ten) and prints both tables with every measure.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

expect_status 0 experiment "$python" "$src/tools/analysis/policy_experiment.py" \
  --bin "$bin" --replicates 2
for heading in "stage_aware versus stage_skipping" "growth_poles versus uniform"; do
  grep -qF "### $heading (2 replicates" experiment.out || fail "no table '$heading'"
done
[ "$(grep -c '^| wasted share of spending |' experiment.out)" -eq 2 ] ||
  fail "expected the wasted share in both tables"
grep -qF '| VA growth %/yr, poles |' experiment.out || fail "no periphery rows"
echo ok
