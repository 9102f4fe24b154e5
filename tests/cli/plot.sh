#!/usr/bin/env bash
# tools/plot on a run file writes the indicator figures, and --summary prints a
# row per region.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

expect_status 0 run "$bin" run "$demo" -o run.h5 --ticks 8 --progress never
expect_status 0 plot "$src/tools/plot" run.h5 -o plots --summary
cat plot.out
is_png() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; }
is_png plots/indicators.png || fail "plots/indicators.png is missing or not a PNG"
n=$(find plots -name '*.png' | wc -l)
series=$(h5ls run.h5/observables | wc -l)
[ "$n" -eq $((series + 1)) ] || fail "expected $((series + 1)) PNGs (grid + one per series), found $n"
# The summary names every region of the file.
"$python" -c 'import h5py,sys; [print(n.decode() if isinstance(n, bytes) else n) for n in h5py.File(sys.argv[1])["regions/name"][()]]' run.h5 >regions.txt
while IFS= read -r region; do
  grep -qF -- "$region" plot.out || fail "summary lacks region '$region'"
done <regions.txt

expect_status 0 plot-one "$src/tools/plot" run.h5 -o one.png
is_png one.png || fail "-o one.png wrote no PNG"
