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
extra_scratch=()  # scratch folders outside $work (unprivileged_setup), removed with it
cleanup() {
  local rc=$?
  if [ "$rc" -eq 0 ]; then
    rm -rf "$work" "${extra_scratch[@]}"
  else
    echo "(scratch directory kept: $work ${extra_scratch[*]})" >&2
  fi
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

# unprivileged_setup: prepares a run of the program as user nobody, for a test
# run as root that needs an unprivileged user. The checkout and the build tree
# may be where nobody cannot reach them (a clone under /root, mode 700), so the
# program, the libraries it loads from outside the system folders, the demo
# scenario and the sanitizers' suppression files are copied to a scratch folder
# that nobody can enter. Sets as_user (the command prefix), ubin, udemo and
# uwork (a folder for the test's files, owned by root, mode 755; run the
# unprivileged command from there, as the working directory may be unreachable).
# Returns 1 with skip_reason set when no such run is possible.
unprivileged_setup() {
  skip_reason=""
  if ! command -v setpriv >/dev/null; then
    skip_reason="setpriv (util-linux) is not installed"
    return 1
  fi
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  local base dir=""
  for base in "${TMPDIR:-/tmp}" /tmp /var/tmp /dev/shm; do
    [ -d "$base" ] || continue
    dir=$(mktemp -d "$base/clustersim-unprivileged.XXXXXX" 2>/dev/null) || { dir=""; continue; }
    chmod 755 "$dir"
    if "${as_user[@]}" test -x "$dir" 2>/dev/null; then break; fi
    rm -rf "$dir"
    dir=""
  done
  if [ -z "$dir" ]; then
    skip_reason="no scratch folder that user nobody can enter (tried ${TMPDIR:-/tmp}, /tmp, /var/tmp, /dev/shm)"
    return 1
  fi
  extra_scratch+=("$dir")
  uwork="$dir"
  mkdir "$dir/bin" "$dir/lib"
  ubin="$dir/bin/$(basename "$bin")"
  cp "$bin" "$ubin"
  udemo="$dir/demo.yaml"
  cp "$demo" "$udemo"
  local lib copied=0
  while read -r lib; do
    case "$lib" in
      /lib/* | /lib64/* | /usr/*) ;;
      *) cp -L "$lib" "$dir/lib/" && copied=1 ;;
    esac
  done < <(ldd "$bin" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}')
  local var value file
  for var in ASAN_OPTIONS LSAN_OPTIONS TSAN_OPTIONS UBSAN_OPTIONS; do
    value=${!var:-}
    if [[ "$value" =~ suppressions=([^:]+) ]]; then
      file=${BASH_REMATCH[1]}
      cp "$file" "$dir/$var.supp"
      export "$var=${value/suppressions=$file/suppressions=$dir/$var.supp}"
    fi
  done
  chmod -R a+rX "$dir"
  if [ "$copied" = 1 ]; then
    as_user=(env "LD_LIBRARY_PATH=$dir/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "${as_user[@]}")
  fi
  if ! (cd "$uwork" && "${as_user[@]}" "$ubin" --version) >"$dir/probe.out" 2>&1; then
    skip_reason="the program does not start as user nobody: $(head -n 1 "$dir/probe.out")"
    return 1
  fi
}

# signal_and_reap SIG PID: sends SIG to a run started in the background, waits
# at most 60 s for it to end (killing it and failing after that), and sets
# $reaped to its exit status.
signal_and_reap() {
  local sig="$1" pid="$2"
  kill -s "$sig" "$pid"
  for _ in $(seq 1 600); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"
    fail "still running 60 s after SIG$sig"
  fi
  reaped=0
  wait "$pid" || reaped=$?
}

# start_long_run PARTIAL ARGS...: starts `clustersim run ARGS...` in the
# background (stdout run.out, stderr run.err), sets $pid, and waits at most
# 60 s (sanitizer builds start slowly) until the run has created PARTIAL.
start_long_run() {
  local partial="$1"
  shift
  "$bin" run "$@" >run.out 2>run.err </dev/null &
  pid=$!
  for _ in $(seq 1 600); do
    [ -e "$partial" ] && return 0
    kill -0 "$pid" 2>/dev/null || { cat run.err >&2; fail "the run ended before it created $partial"; }
    sleep 0.1
  done
  kill -KILL "$pid"
  fail "no $partial after 60 s"
}
