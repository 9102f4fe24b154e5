#!/usr/bin/env bash
# The golden-run check (tools/golden) must fail when a result differs, so that
# golden.threads_1 and golden.threads_2 cannot pass without comparing anything:
#   - a golden summary changed by one ulp in one value: exit 1, the diff names it;
#   - the runs made with another seed: exit 1, the digests differ;
#   - a golden summary missing: exit 1;
#   - a program that does not run: exit 2 (an error, not a difference).
# The same check against an untouched copy of tests/golden passes, so the only
# thing that makes it fail is the change made here.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

golden=("$python" "$src/tools/golden")
cp -r "$src/tests/golden" copy
[ -f copy/quintuple_helix.txt ] || fail "tests/golden/quintuple_helix.txt is missing"

expect_status 0 same "${golden[@]}" --golden-dir copy --only quintuple_helix "$bin"

# One ulp in the last region's value added at the last tick.
line='/observables/value_added/value  tick 40: '
grep -q "^$line" copy/quintuple_helix.txt || fail "no '$line' line in quintuple_helix.txt"
"$python" - copy/quintuple_helix.txt "$line" <<'EOF'
import math, sys
path, prefix = sys.argv[1], sys.argv[2]
lines = open(path, encoding="utf-8").read().split("\n")
i = next(i for i, ln in enumerate(lines) if ln.startswith(prefix))
values = lines[i][len(prefix) + 1:-1].split(", ")
values[-1] = repr(math.nextafter(float(values[-1]), math.inf))
lines[i] = prefix + "[" + ", ".join(values) + "]"
open(path, "w", encoding="utf-8").write("\n".join(lines))
EOF
expect_status 1 ulp "${golden[@]}" --golden-dir copy --only quintuple_helix "$bin"
grep -q "^-$line" ulp.out || { cat ulp.out >&2; fail "the diff does not show the golden line"; }
grep -q "^+$line" ulp.out || { cat ulp.out >&2; fail "the diff does not show the new line"; }
grep -q "DIFFERS" ulp.out || { cat ulp.out >&2; fail "the check does not say the run differs"; }
echo "ok: a one-ulp change in one value is detected"

# Another seed: the program's results differ from the golden ones.
expect_status 1 seed "${golden[@]}" --seed 1 --only demo "$bin"
grep -q '^-/observables/value_added/value  float64\[41,3\]  sum=' seed.out ||
  { cat seed.out >&2; fail "the diff does not show value_added's digest"; }
grep -q '^+/observables/value_added/value  float64\[41,3\]  sum=' seed.out ||
  { cat seed.out >&2; fail "the diff does not show value_added's new digest"; }
echo "ok: the runs made with another seed are detected ($(grep -c '^[-+]/' seed.out) lines differ)"

rm copy/demo.txt
expect_status 1 missing "${golden[@]}" --golden-dir copy --only demo "$bin"
echo "ok: a missing golden summary is detected"

expect_status 2 noprogram "${golden[@]}" --only demo "$work/no-such-program"
echo "ok: a missing program is an error (exit 2), not a difference"
