#!/usr/bin/env bash
# An existing file is never replaced without --force, and stays byte-identical;
# with --force it is replaced by the new run.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

# A file that is not a run file, and a finished run file, are both protected.
printf 'precious data\n' >precious.h5
expect_status 0 first "$bin" run "$demo" -o run.h5 --ticks 2 --progress never
cp run.h5 run.h5.orig
for f in precious.h5 run.h5; do
  sum=$(sha256sum "$f")
  # Refused as invalid input (exit 2) before anything runs.
  expect_status 2 refuse "$bin" run "$demo" -o "$f" --ticks 2 --progress never
  [ "$(sha256sum "$f")" = "$sum" ] || fail "$f was changed by a refused run"
  grep -q -- "--force" refuse.err || { cat refuse.err >&2; fail "the refusal does not mention --force"; }
  must_not_exist "$f.partial"
done
cmp -s run.h5 run.h5.orig || fail "run.h5 changed"

expect_status 0 forced "$bin" run "$demo" -o precious.h5 --ticks 2 --force --progress never
h5dump -H precious.h5 >/dev/null || fail "precious.h5 is not an HDF5 file after --force"
[ "$(run_status precious.h5)" = complete ] || fail "forced run's status is not complete"
must_not_exist precious.h5.partial
echo "refused without --force (file unchanged), replaced with --force"
