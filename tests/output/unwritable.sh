#!/usr/bin/env bash
# A run that cannot write its output fails with a clear message and exit
# status 1: a directory that does not exist, a directory the user may not write
# to (checked before the run starts: nothing is written), and a disk that fills
# up during the run (a file-size limit makes writes fail as a full disk does).
# Called as: bash unwritable.sh PATH/TO/clustersim SOURCE_DIR
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/../cli/lib.sh"

expect_status 1 nodir "$bin" run "$demo" -o no/such/dir/run.h5 --ticks 2 --progress never
grep -q "does not exist" nodir.err || { cat nodir.err >&2; fail "no clear message for a missing directory"; }
must_not_exist no

# A directory the user may not write to. root may write anywhere, so as root
# the program runs as nobody, from copies nobody can reach wherever the
# checkout lives (see unprivileged_setup in lib.sh).
readonly_case() {
  local dir="$1"
  shift
  mkdir "$dir/ro"
  chmod 555 "$dir/ro"
  (cd "$dir" && expect_status 1 ro "$@" run "$udemo" -o "$dir/ro/run.h5" --ticks 2 --progress never)
  grep -q "not writable" "$dir/ro.err" || { cat "$dir/ro.err" >&2; fail "no clear message for a read-only directory"; }
  [ -z "$(ls -A "$dir/ro")" ] || fail "a refused run left files in ro/"
}
if [ "$(id -u)" -ne 0 ]; then
  udemo="$demo"
  readonly_case "$work" "$bin"
elif unprivileged_setup; then
  readonly_case "$uwork" "${as_user[@]}" "$ubin"
else
  echo "skipping the read-only case: running as root, and $skip_reason"
fi

# Full disk: with SIGXFSZ ignored, writes past the limit fail with EFBIG.
rc=0
(
  trap '' XFSZ
  ulimit -f 200
  exec "$bin" run "$demo" -o full.h5 --ticks 2000 --snapshot-every 1 --progress never
) >full.out 2>full.err </dev/null || rc=$?
[ "$rc" -eq 1 ] || { cat full.err >&2; fail "exit status $rc when the disk filled up, expected 1"; }
grep -q "cannot write .*full.h5.partial.*File too large" full.err ||
  { cat full.err >&2; fail "no clear message when the disk filled up"; }
must_not_exist full.h5
echo "missing directory, read-only directory and full disk: exit 1 with a clear message"
