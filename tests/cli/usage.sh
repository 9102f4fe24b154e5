#!/usr/bin/env bash
# The program guides a newcomer: a bare `clustersim` prints the usage with every
# command and exits 2; a misspelt command is named with the nearest one; every
# command's --help reads as words and ends with examples and exit statuses.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

commands=(run validate bench sweep inspect indices help completion)
sweep_commands=(plan run status collect)

# A bare clustersim: usage and one line per command, on stderr, exit 2.
expect_status 2 bare "$bin"
grep -q "^Usage: clustersim " bare.err || { cat bare.err >&2; fail "no usage line"; }
for c in "${commands[@]}"; do
  grep -Eq "^  $c +[A-Z]" bare.err || { cat bare.err >&2; fail "the usage does not list '$c' with a line on it"; }
done
grep -q "A subcommand is required" bare.err && fail "CLI11's bare message instead of the usage"
# `clustersim sweep` alone: the sweep commands.
expect_status 2 bare-sweep "$bin" sweep
for c in "${sweep_commands[@]}"; do
  grep -Eq "^  $c +[A-Z]" bare-sweep.err || { cat bare-sweep.err >&2; fail "'clustersim sweep' does not list '$c'"; }
done

# Misspelt commands, exit 2, with the nearest command.
misspelt() {
  local want="$1"
  shift
  expect_status 2 misspelt "$bin" "$@"
  grep -qF -- "$want" misspelt.err || fail "'clustersim $*': expected '$want', got '$(cat misspelt.err)'"
}
misspelt "clustersim: unknown command 'runn'; did you mean 'run'?" runn x
misspelt "unknown command 'inspcet'; did you mean 'inspect'?" inspcet out.h5
misspelt "unknown command 'valid'; did you mean 'validate'?" valid x.yaml
misspelt "unknown command 'sweep plna'; did you mean 'sweep plan'?" sweep plna x -o y
misspelt "unknown command 'frobnicate'; the commands are: run, validate, bench, sweep" frobnicate
misspelt "unknown command 'demo.yaml'" demo.yaml
misspelt "unknown command 'runn'; did you mean 'run'?" help runn

# --help of every command: exit 0, words not CLI11 types, examples and exit statuses.
help_words() {
  local name="$1"
  shift
  expect_status 0 "$name" "$bin" "$@" --help
  local bad
  for bad in ENUM TEXT UINT INT FLOAT BOOLEAN 'value in' '->' ' in [' 'REQUIRED' 'Excludes:' 'Needs:'; do
    if grep -qF -- "$bad" "$name.out"; then
      cat "$name.out" >&2
      fail "'clustersim $* --help' shows '$bad' instead of words"
    fi
  done
  grep -q "^Examples:" "$name.out" || { cat "$name.out" >&2; fail "'clustersim $* --help' has no examples"; }
  grep -A1 "^Examples:" "$name.out" | grep -q "^  clustersim \|^  source\|^  mpirun" ||
    fail "'clustersim $* --help': the examples do not start with a command"
  grep -q "^Exit status:" "$name.out" || { cat "$name.out" >&2; fail "'clustersim $* --help' has no exit statuses"; }
  grep -A1 "^Exit status:" "$name.out" | grep -Eq "^  0 +[a-z]" || fail "'clustersim $* --help': exit status 0 is not explained"
}
help_words top
for c in "${commands[@]}"; do help_words "$c" "$c"; done
for c in "${sweep_commands[@]}"; do help_words "sweep-$c" sweep "$c"; done

grep -qE -- "--progress auto\|always\|never( |$)" run.out || { cat run.out >&2; fail "run --help: --progress is not shown as auto|always|never"; }
grep -q -- "--threads N " run.out || fail "run --help: --threads is not shown as N"
grep -q "^Usage: clustersim run \[OPTIONS\] SCENARIO" run.out || fail "run --help: usage line is '$(grep Usage run.out)'"
for s in 0 1 2 130; do
  grep -Eq "^  $s +[a-z]" run.out || fail "run --help does not explain exit status $s"
done

# `clustersim help COMMAND` is the same as `clustersim COMMAND --help`.
expect_status 0 help-run "$bin" help run
cmp run.out help-run.out || fail "'clustersim help run' differs from 'clustersim run --help'"
expect_status 0 help-plan "$bin" help sweep plan
cmp sweep-plan.out help-plan.out || fail "'clustersim help sweep plan' differs from 'clustersim sweep plan --help'"

# A bad --progress value names the choices in words.
expect_status 2 bad-progress "$bin" run "$demo" --progress sometimes
grep -q "auto" bad-progress.err || fail "bad --progress: $(cat bad-progress.err)"
echo "usage: bare program, misspelt commands, --help of ${#commands[@]} commands and ${#sweep_commands[@]} sweep commands"
