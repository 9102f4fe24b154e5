# shellcheck shell=bash disable=SC2034  # the variables here are used by the scripts that source this
# Shared by the CLI tests (sourced, not run). Each test script is run by ctest as
#   bash tests/cli/<test>.sh PATH/TO/clustersim SOURCE_DIR [ARGS...]
# and works in a fresh scratch directory that is removed when it passes.
set -euo pipefail

bin=$(realpath "$1")
src=$(realpath "$2")
shift 2
demo="$src/scenarios/demo.yaml"
python=/usr/bin/python3  # Debian's python3, which has h5py (tools/setup installs it)
# The project's Python package (clustersim.runfile, ...), for the checks below.
export PYTHONPATH="$src/tools/python${PYTHONPATH:+:$PYTHONPATH}"

work=$(mktemp -d "${TMPDIR:-/tmp}/clustersim-cli.XXXXXX")
cleanup() {
  local rc=$?
  if [ "$rc" -eq 0 ]; then rm -rf "$work"; else echo "(scratch directory kept: $work)" >&2; fi
}
trap cleanup EXIT
cd "$work"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# expect_status CODE NAME CMD...: runs CMD with stdout in NAME.out and stderr in
# NAME.err, and fails (showing both) unless it exits with CODE.
expect_status() {
  local want="$1" name="$2" got=0
  shift 2
  "$@" >"$name.out" 2>"$name.err" </dev/null || got=$?
  if [ "$got" -ne "$want" ]; then
    echo "--- stdout of: $*" >&2; tail -n 40 "$name.out" >&2
    echo "--- stderr of: $*" >&2; tail -n 40 "$name.err" >&2
    fail "'$*' exited with $got, expected $want"
  fi
}

# run_status FILE: the status a run file records ("complete", "interrupted", ...),
# read with h5py through the project's own loader (clustersim.runfile).
run_status() {
  "$python" -c 'import sys, clustersim; print(clustersim.load_run(sys.argv[1]).status)' "$1"
}

# must_not_exist PATH...: fails if any of the paths exists.
must_not_exist() {
  local p
  for p in "$@"; do
    [ ! -e "$p" ] || fail "$p exists but should not"
  done
}
