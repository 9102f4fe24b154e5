#!/usr/bin/env bash
# An existing file is never replaced without --force, and stays byte-identical;
# with --force only a clustersim run file is replaced, never an input of the
# run (the scenario, an include, a CSV), a file of another kind, a FIFO, a
# device or a folder: those are refused with exit 2 before anything runs.
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

# --force replaces a run file.
expect_status 0 forced "$bin" run "$demo" -o run.h5 --ticks 3 --force --progress never
[ "$(run_status run.h5)" = complete ] || fail "forced run's status is not complete"
cmp -s run.h5 run.h5.orig && fail "run.h5 was not replaced by the forced run"
must_not_exist run.h5.partial

# --force refuses what is not a run file, and says why: exit 2, nothing run or written.
refused_with_force() {  # PATH WHY-PATTERN SCENARIO
  local target="$1" why="$2" scenario="$3" before
  before=$(stat -c '%F %s %Y' "$target")
  expect_status 2 force_refused "$bin" run "$scenario" -o "$target" --ticks 2 --force --progress never
  grep -q -- "$why" force_refused.err || { cat force_refused.err >&2; fail "refusal for $target does not say '$why'"; }
  grep -q "nothing was run" force_refused.err || fail "refusal for $target does not say nothing was run"
  [ "$(stat -c '%F %s %Y' "$target")" = "$before" ] || fail "$target was changed by a refused --force run"
  must_not_exist "$target.partial"
}
sum=$(sha256sum precious.h5)
refused_with_force precious.h5 "not a clustersim run file" "$demo"
[ "$(sha256sum precious.h5)" = "$sum" ] || fail "precious.h5 changed"

# The scenario itself, its include and its CSV (copies, in the scratch folder).
cp "$demo" scenario.yaml
refused_with_force scenario.yaml "is an input of this run" scenario.yaml
cmp -s scenario.yaml "$demo" || fail "the scenario was changed"
mkdir data
cp "$src/scenarios/data/kz_2010_levels.csv" data/
cp "$src/scenarios/kazakhstan_2010.yaml" kz.yaml
printf 'include: kz.yaml\nname: kz_included\n' >with_include.yaml
refused_with_force kz.yaml "is an input of this run" with_include.yaml
refused_with_force data/kz_2010_levels.csv "is an input of this run" with_include.yaml
cmp -s data/kz_2010_levels.csv "$src/scenarios/data/kz_2010_levels.csv" || fail "the CSV was changed"
# Another spelling and a hard link of an input are the same file.
refused_with_force ./data/../scenario.yaml "is an input of this run" scenario.yaml
ln scenario.yaml hardlink.yaml
refused_with_force hardlink.yaml "is an input of this run" scenario.yaml

# Not regular files: a folder, a FIFO, a symbolic link, a device.
mkdir folder.h5
refused_with_force folder.h5 "is a directory" "$demo"
mkfifo pipe.h5
refused_with_force pipe.h5 "FIFO" "$demo"
ln -s run.h5 link.h5
refused_with_force link.h5 "symbolic link" "$demo"
expect_status 2 device "$bin" run "$demo" -o /dev/null --ticks 2 --force --progress never
grep -q "character device" device.err || { cat device.err >&2; fail "/dev/null refusal does not say it is a device"; }
[ -c /dev/null ] || fail "/dev/null is no longer a character device"

# A .partial that is not a run file is protected like the output itself.
printf 'notes\n' >notes.h5.partial
expect_status 2 partial_refused "$bin" run "$demo" -o notes.h5 --ticks 2 --progress never
expect_status 2 partial_forced "$bin" run "$demo" -o notes.h5 --ticks 2 --force --progress never
grep -q "not a clustersim run file" partial_forced.err || { cat partial_forced.err >&2; fail "the .partial refusal does not say why"; }
[ "$(cat notes.h5.partial)" = notes ] || fail "notes.h5.partial was changed"
must_not_exist notes.h5
# One run at a time per path, even where HDF5 cannot lock files: a lock held
# by a live run (this shell) is refused, one left by a dead run on this host
# is taken over, one from another host is refused; a finished run removes its own.
export HDF5_USE_FILE_LOCKING=FALSE
printf '%s %s\n' "$(hostname)" "$$" >locked.h5.lock
expect_status 2 locked "$bin" run "$demo" -o locked.h5 --ticks 2 --progress never
grep -q "another run (pid $$ on" locked.err || fail "live lock: $(cat locked.err)"
must_not_exist locked.h5 locked.h5.partial
true & dead=$!; wait "$dead"
printf '%s %s\n' "$(hostname)" "$dead" >locked.h5.lock
expect_status 0 stale "$bin" run "$demo" -o locked.h5 --ticks 2 --progress never
must_not_exist locked.h5.lock
printf 'some-other-node 1\n' >remote.h5.lock
expect_status 2 remote "$bin" run "$demo" -o remote.h5 --ticks 2 --progress never
grep -q "on some-other-node" remote.err || fail "remote lock: $(cat remote.err)"
unset HDF5_USE_FILE_LOCKING

echo "refused without --force (file unchanged); with --force a run file is replaced and inputs, other files, folders, FIFOs, links and devices are refused"
