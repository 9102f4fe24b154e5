#!/usr/bin/env bash
# Every scenario shipped in scenarios/ opens with a comment, validates and runs,
# shortened to 2 ticks.
# The directory is read when the test runs, so new scenarios are covered.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

shopt -s nullglob
files=("$src"/scenarios/*.yaml "$src"/scenarios/*.yml)
[ ${#files[@]} -gt 0 ] || fail "no scenario in $src/scenarios"
for f in "${files[@]}"; do
  name=$(basename "$f")
  # Each scenario opens with a comment saying which question it answers.
  head -n 1 "$f" | grep -q '^# ' || fail "$name does not open with a comment"
  expect_status 0 "validate-$name" "$bin" validate "$f"
  expect_status 0 "run-$name" "$bin" run "$f" -o "$name.h5" --ticks 2 --progress never
  [ "$(run_status "$name.h5")" = complete ] || fail "$name: the run file's status is not complete"
  echo "ok: $name"
done
echo "${#files[@]} scenarios validated and ran"
