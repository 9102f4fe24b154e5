#!/usr/bin/env bash
# tools/bench_sweep runs and prints its table (2 runs: a check that the script
# works, not a measurement).
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"
expect_status 0 bench "$src/tools/bench_sweep" --runs 2 --ticks 4 --program "$bin"
grep -q "sweep run --jobs" bench.out || fail "no sweep row: $(cat bench.out)"
grep -q "overhead of the sweep machinery" bench.out || fail "no overhead line: $(cat bench.out)"
cat bench.out
