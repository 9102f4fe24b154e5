#!/usr/bin/env bash
# Bad sweep input is refused before anything runs, with FILE:LINE:COLUMN,
# the key path and a suggestion, and exit status 2.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

# check NAME 'EXPECTED STDERR TEXT' <<YAML: plans the sweep and wants exit 2 with that text.
check() {
  local name="$1" want="$2"
  cat >"$name.yaml"
  expect_status 2 "$name" "$bin" sweep plan "$name.yaml" -o "plan-$name"
  grep -qF -- "$want" "$name.err" || fail "$name: expected '$want', got: $(cat "$name.err")"
  must_not_exist "plan-$name/manifest.csv"
}

check typo "typo.yaml:3:1: replicate: unknown key; did you mean 'replicates'?" <<YAML
base: $demo
parameters: {model.link_cost: [0.1]}
replicate: 2
YAML
check bad_path "bad_path.yaml:3:3: parameters.model.lnk_cost: unknown key; did you mean 'link_cost'?" <<YAML
base: $demo
parameters:
  model.lnk_cost: [0.1, 0.2]
YAML
check huge_integer "an integer range must lie within +-2^53" <<YAML
base: $demo
design: lhs
points: 4
parameters:
  ticks: {min: 0, max: 1e19, integer: true}
YAML
check summary_column "'seed' is a column of the summary already" <<YAML
base: $demo
parameters: {model.link_cost: [0.1]}
indicators:
  - {series: value_added, name: seed}
YAML
check bad_series "bad_series.yaml:4:5: indicators[0].series: the runs record no series 'value_add'; did you mean 'value_added'?" <<YAML
base: $demo
parameters: {model.link_cost: [0.1]}
indicators:
  - {series: value_add}
YAML
check bad_region "indicators[0].region: the base scenario has no region 'Almati'" <<YAML
base: $demo
parameters: {model.link_cost: [0.1]}
indicators: [{series: smes, region: Almati}]
YAML
check all_rejected "all_rejected.yaml:2:14: parameters.model.link_cost: value -1 is out of range" <<YAML
base: $demo
parameters: {model.link_cost: [-1]}
YAML
check no_base "no_such.yaml: no such file" <<YAML
base: no_such.yaml
parameters: {model.link_cost: [0.1]}
YAML
check broken "broken.yaml:3:" <<YAML
base: $demo
parameters: [
YAML

expect_status 2 not-a-plan "$bin" sweep run .
grep -q "manifest.csv: no such file" not-a-plan.err || fail "$(cat not-a-plan.err)"
cat >ok.yaml <<YAML
base: $demo
parameters: {model.link_cost: [0.1]}
YAML
expect_status 0 plan-ok "$bin" sweep plan ok.yaml -o ok
expect_status 2 bad-task "$bin" sweep run ok --task 3 --tasks 2
expect_status 2 task-alone env -u SLURM_ARRAY_TASK_COUNT "$bin" sweep run ok --task 0
sed -i 's/0\.1$/0.2/' ok/manifest.csv
expect_status 2 edited "$bin" sweep status ok
grep -q "does not match sweep.yaml" edited.err || fail "$(cat edited.err)"
must_not_exist ok/runs
echo "invalid sweeps refused with located errors"
