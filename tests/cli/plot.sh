#!/usr/bin/env bash
# tools/plot on a run file writes the indicator figures (one per series, a
# grid of all) and every figure whose data the file holds — stage timeline,
# spending and waste, network, innovation against density — as non-empty PNGs;
# --summary prints a row per region.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

expect_status 0 run "$bin" run "$demo" -o run.h5 --ticks 8 --snapshot-every 4 --progress never
expect_status 0 plot "$src/tools/plot" run.h5 -o plots --summary --dpi 50
cat plot.out
is_png() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] && [ "$(stat -c %s "$1")" -gt 1000 ]; }
is_png plots/indicators.png || fail "plots/indicators.png is missing or not a PNG"
n=$(find plots/series -name '*.png' | wc -l)
series=$(h5ls run.h5/observables | wc -l)
[ "$n" -eq "$series" ] || fail "expected $series PNGs in plots/series (one per series), found $n"
# The figures whose data this file holds: network snapshots always (asked for
# above), the others when the model records their series.
has() { h5ls "run.h5/observables/$1" >/dev/null 2>&1; }
expected=(network.png)
if has stage; then expected+=(stages.png); fi
if h5ls run.h5/observables | grep -qE '^(spending|waste)_'; then expected+=(policy.png); fi
if has density && { has innovations || has mean_knowledge; }; then expected+=(innovation_density.png); fi
for png in "${expected[@]}"; do
  is_png "plots/$png" || fail "plots/$png is missing, empty or not a PNG"
done

# Without snapshots there is no network figure (and no error).
expect_status 0 plain "$bin" run "$demo" -o plain.h5 --ticks 2 --progress never
expect_status 0 plot-plain "$src/tools/plot" plain.h5 -o plain-plots --no-series
must_not_exist plain-plots/network.png
# The summary names every region of the file.
"$python" -c 'import h5py,sys; [print(n.decode() if isinstance(n, bytes) else n) for n in h5py.File(sys.argv[1])["regions/name"][()]]' run.h5 >regions.txt
while IFS= read -r region; do
  grep -qF -- "$region" plot.out || fail "summary lacks region '$region'"
done <regions.txt

expect_status 0 plot-one "$src/tools/plot" run.h5 -o one.png
is_png one.png || fail "-o one.png wrote no PNG"
