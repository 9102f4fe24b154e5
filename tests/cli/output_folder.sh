#!/usr/bin/env bash
# `clustersim run SCENARIO -o out/demo.h5` in a fresh checkout: the one missing
# folder of -o inside the working directory is created; a deeper missing tree,
# or a missing folder outside the working directory, is refused with a message
# that says so and nothing is created. The run's summary prints region names whole.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

expect_status 0 created "$bin" run "$demo" -o out/demo.h5 --ticks 2 --progress never
[ -f out/demo.h5 ] || fail "out/demo.h5 was not written"
[ "$(run_status out/demo.h5)" = complete ] || fail "out/demo.h5 is not complete"
# The demo's third region is "Karaganda region": its name is printed whole.
grep -q "^Karaganda region " created.out || { cat created.out >&2; fail "the summary cuts 'Karaganda region'"; }

# An absolute path inside the working directory too.
expect_status 0 absolute "$bin" run "$demo" -o "$work/abs/run.h5" --ticks 2 --progress never
[ -f abs/run.h5 ] || fail "abs/run.h5 was not written"

# Deeper than one new folder: refused, exit 1, nothing created.
expect_status 1 deep "$bin" run "$demo" -o new/sub/run.h5 --ticks 2 --progress never
grep -q "folder new/sub does not exist (clustersim creates the folder of -o only when it is a single new folder inside the working directory" deep.err ||
  fail "no clear message for a deep missing folder: $(cat deep.err)"
must_not_exist new

# Outside the working directory: refused.
mkdir inner
(cd inner && expect_status 1 outside "$bin" run "$demo" -o ../elsewhere/run.h5 --ticks 2 --progress never)
grep -q "does not exist" inner/outside.err || fail "no clear message outside the working directory: $(cat inner/outside.err)"
must_not_exist elsewhere

# Invalid input is refused before anything is created.
printf 'name: bad\nticks: many\n' >bad.yaml
expect_status 2 invalid "$bin" run bad.yaml -o fresh/run.h5 --progress never
must_not_exist fresh
echo "the folder of -o: created when one new folder inside the working directory, refused otherwise"
