#!/usr/bin/env bash
# `clustersim bench` runs a small benchmark and reports a rate.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

expect_status 0 bench "$bin" bench --agents 10000 --ticks 3 --threads 1
cat bench.out
[ -s bench.out ] || fail "bench printed nothing"
grep -Eq '[0-9]' bench.out || fail "bench printed no figure"
