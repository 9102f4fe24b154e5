#!/usr/bin/env bash
# A sweep whose base scenario reads other files (a regions CSV) plans a
# self-contained folder: the files are copied beside its scenario.yaml, so
# the plan runs after it is moved elsewhere (a cluster's scratch); the copy
# is part of the plan (re-planning over an edited copy is refused).
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

expect_status 0 plan "$bin" sweep plan "$src/tests/sweep/data/kazakhstan.yaml" -o planned
[ -f planned/data/kz_2010_levels.csv ] || fail "the CSV was not copied into the plan"
cmp -s planned/data/kz_2010_levels.csv "$src/scenarios/data/kz_2010_levels.csv" || fail "the copy differs"
mkdir elsewhere && mv planned elsewhere/moved
expect_status 0 run "$bin" sweep run elsewhere/moved --jobs 2
expect_status 0 collect "$bin" sweep collect elsewhere/moved
[ "$(grep -c ',complete,' elsewhere/moved/summary.csv)" -eq 2 ] || fail "not both runs complete: $(cat elsewhere/moved/summary.csv)"

# The copy belongs to the plan: planning again into it after an edit is refused.
expect_status 0 plan2 "$bin" sweep plan "$src/tests/sweep/data/kazakhstan.yaml" -o again
printf '# edited\n' >>again/data/kz_2010_levels.csv
expect_status 2 replan "$bin" sweep plan "$src/tests/sweep/data/kazakhstan.yaml" -o again
grep -q "already holds a different plan" replan.err || fail "replan: $(cat replan.err)"
echo "a sweep over a scenario with a CSV plans a self-contained folder that runs where it is moved"
