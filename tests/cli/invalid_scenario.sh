#!/usr/bin/env bash
# Invalid scenarios are refused before the run starts: exit 2, a message with
# FILE:LINE:COLUMN, and no output file. Checked for `run` and `validate`.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

# check NAME LINE: the scenario NAME.yaml must be refused with a message naming
# NAME.yaml:LINE:COLUMN (LINE may be a regex).
check() {
  local name="$1" line="$2"
  expect_status 2 "$name-run" "$bin" run "$name.yaml" -o "$name.h5" --progress never
  grep -Eq "$name\.yaml:$line:[0-9]+" "$name-run.err" ||
    { cat "$name-run.err" >&2; fail "$name: message lacks $name.yaml:$line:COLUMN"; }
  must_not_exist "$name.h5" "$name.h5.partial" out
  expect_status 2 "$name-validate" "$bin" validate "$name.yaml"
  grep -Eq "$name\.yaml:$line:[0-9]+" "$name-validate.err" ||
    { cat "$name-validate.err" >&2; fail "validate $name: message lacks $name.yaml:$line:COLUMN"; }
  # Without -o the default output path must not appear either.
  expect_status 2 "$name-default" "$bin" run "$name.yaml" --progress never
  must_not_exist out
}

# An unknown top-level key, on a line of its own at the end.
cp "$demo" unknown_key.yaml
printf '\nno_such_key_xyz: 1\n' >>unknown_key.yaml
check unknown_key "$(wc -l <unknown_key.yaml)"
grep -q "no_such_key_xyz" unknown_key-run.err || fail "the message does not name the unknown key"

# Broken YAML: an unterminated flow sequence.
cp "$demo" broken.yaml
printf '\nbroken: [1, 2\n' >>broken.yaml
check broken '[0-9]+'

# A scenario file that does not exist.
expect_status 2 missing "$bin" run does_not_exist.yaml --progress never
must_not_exist out
echo "unknown key and broken YAML refused with exit 2 and FILE:LINE:COLUMN; nothing written"
