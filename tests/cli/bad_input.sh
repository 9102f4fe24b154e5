#!/usr/bin/env bash
# One case per kind of bad scenario input, run as a user runs it: `clustersim
# run FILE -o out.h5` must exit 2, print FILE:LINE:COLUMN: key.path: message
# (exactly the position and key of the mistake), and write nothing; `validate`
# must say the same.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

base='name: bad
ticks: 2
regions:
  - name: A
    lat: 43.2
    lon: 76.9
    agents: {smes: 5}
'

# case NAME EXPECTED_PREFIX: NAME.yaml must be refused with a first line that
# starts with EXPECTED_PREFIX (a fixed string).
case_() {
  local name="$1" want="$2"
  expect_status 2 "$name-run" "$bin" run "$name.yaml" -o out.h5 --progress never
  local got
  got=$(head -n 1 "$name-run.err")
  [[ "$got" == "$want"* ]] || fail "$name: expected a message starting with '$want', got '$got'"
  must_not_exist out.h5 out.h5.partial out
  expect_status 2 "$name-validate" "$bin" validate "$name.yaml"
  [[ "$(head -n 1 "$name-validate.err")" == "$want"* ]] || fail "validate $name: '$(head -n 1 "$name-validate.err")'"
}

printf 'name: bad\nregions: [\n  {name: A, lat: 1, lon: 2}\n' >broken.yaml
case_ broken "broken.yaml:4:1: "

printf '%s' "${base/ticks: 2/tiks: 2}" >unknown_key.yaml
case_ unknown_key "unknown_key.yaml:2:1: tiks: unknown key; did you mean 'ticks'?"

printf '%sticks: 3\n' "$base" >duplicate.yaml
case_ duplicate "duplicate.yaml:8:1: ticks: duplicate key (first given at line 2)"

printf '%s' "${base/ticks: 2/ticks: many}" >wrong_type.yaml
case_ wrong_type "wrong_type.yaml:2:8: ticks: expected a number, got 'many'"

printf '%s' "${base/lat: 43.2/lat: 143.2}" >out_of_range.yaml
case_ out_of_range "out_of_range.yaml:5:10: regions[0].lat: value 143.2 is out of range [-90, 90]"

printf '%stick_length: 1e400\n' "$base" >overflow.yaml
case_ overflow "overflow.yaml:8:14: tick_length: '1e400' is not a finite number in range"

printf '%s' "${base/smes: 5/smes: 5, startups: 2}" >nested_unknown.yaml
case_ nested_unknown "nested_unknown.yaml:7:23: regions[0].agents.startups: unknown key"

printf '%sgovernance: quadruple\n' "$base" >unknown_choice.yaml
case_ unknown_choice "unknown_choice.yaml:8:13: governance: "

printf '%spolicy:\n  national_budget: 10\n  regions: [Astna]\n  instruments: {business_receptivity: {share: 1}}\n' "$base" >unknown_region.yaml
case_ unknown_region "unknown_region.yaml:10:13: policy.regions[0]: no region named 'Astna'"

printf 'include: nowhere.yaml\n%s' "$base" >missing_include.yaml
case_ missing_include "missing_include.yaml:1:10: include: cannot include 'nowhere.yaml': no such file"

printf 'include: cycle_b.yaml\n%s' "$base" >cycle_a.yaml
printf 'include: cycle_a.yaml\n' >cycle_b.yaml
case_ cycle_a "cycle_b.yaml:1:10: include: include cycle: cycle_a.yaml -> cycle_b.yaml -> cycle_a.yaml"

: >empty.yaml
case_ empty "empty.yaml:1:1: file is empty"

printf 'name: bad\n\x00\x01\x02' >binary.yaml
case_ binary "binary.yaml:2:1: file is not UTF-8 text"

{ printf 'name: bad\nregions: '; printf '[%.0s' $(seq 100); printf ']%.0s' $(seq 100); printf '\n'; } >deep.yaml
case_ deep "deep.yaml:2:"

printf 'name: bad\nregions:\n  - {name: A, lat: 1, lon: 2}\n  - {name: A, lat: 3, lon: 4}\n' >same_region.yaml
case_ same_region "same_region.yaml:4:12: regions[1].name: region 'A' is already defined at regions[0]"

# Text that would cut or garble names: a NUL written as a YAML escape, a
# control character, bytes that are not UTF-8.
printf 'name: "x\\0y"\nregions:\n  - {name: A, lat: 1, lon: 2}\n' >nul_name.yaml
case_ nul_name "nul_name.yaml:1:7: name: the text contains a NUL character at byte 2"
printf 'name: bad\nregions:\n  - {name: "A\\x07", lat: 1, lon: 2}\n' >control_name.yaml
case_ control_name "control_name.yaml:3:12: regions[0].name: the text contains the control character 0x07"
printf 'name: bad\nregions:\n  - {name: "A\\0", lat: 1, lon: 2}\n  - {name: "A\\0B", lat: 3, lon: 4}\n' >nul_regions.yaml
case_ nul_regions "nul_regions.yaml:3:12: regions[0].name: the text contains a NUL character at byte 2"

# Regions CSV files as spreadsheets write them, and files that are not files.
printf 'region,lat,lon,smes\nAlmaty,43.2,76.9,5\n' >plain.csv
printf '\xEF\xBB\xBFregion,lat,lon,smes\nAlmaty,43.2,76.9,5\n' >bom.csv
printf 'region;lat;lon;smes\nAlmaty;43.2;76.9;5\n' >semicolons.csv
printf 'region,lat,lon,smes\nAlmaty,43.2,76.9,5\nKaragand\xe9,49.8,73.1,5\n' >latin1.csv
mkfifo fifo.csv
for f in plain bom semicolons latin1 fifo; do
  printf 'name: csv_%s\nticks: 2\nregions: {csv: %s.csv}\n' "$f" "$f" >"csv_$f.yaml"
done
expect_status 0 csv_plain "$bin" validate csv_plain.yaml
expect_status 0 csv_bom "$bin" validate csv_bom.yaml  # the byte-order mark is skipped
case_ csv_semicolons "csv_semicolons.yaml:3:16: regions.csv: semicolons.csv:1:1: the header is one cell with ';' in it"
case_ csv_latin1 "csv_latin1.yaml:3:16: regions.csv: latin1.csv:3:1: the cell is not valid UTF-8 at byte 9"
timeout 20 "$bin" validate csv_fifo.yaml >csv_fifo.out 2>csv_fifo.err && fail "a FIFO was read as a CSV"
grep -q "not a regular file" csv_fifo.err || fail "FIFO: $(cat csv_fifo.err)"
printf 'name: csv_zero\nticks: 2\nregions: {csv: /dev/zero}\n' >csv_zero.yaml
case_ csv_zero "csv_zero.yaml:3:16: regions.csv: /dev/zero: not a regular file"

# A name is text, not a path: the default output stays a file inside out/.
mkdir names && cd names
printf 'name: ../../escape\nticks: 2\nregions:\n  - {name: A, lat: 1, lon: 2, agents: {smes: 3}}\n' >climb.yaml
expect_status 0 climb "$bin" run climb.yaml --progress never
[ -f "out/_._.._escape.h5" ] || { ls -R . >&2; fail "the default output of name ../../escape is not out/_._.._escape.h5"; }
[ ! -e ../escape.h5 ] && [ ! -e ../../escape.h5 ] || fail "the run wrote outside out/"
cd ..

# An override is validated like the file, and the message names the command line.
printf '%s' "$base" >good.yaml
expect_status 2 set "$bin" run good.yaml -o out.h5 --set model.link_cost=-1
grep -q '^<command line>:1:[0-9]*: model.link_cost: value -1 is out of range' set.err || fail "--set: $(cat set.err)"
must_not_exist out.h5 out.h5.partial
expect_status 2 set_typo "$bin" validate good.yaml --set model.link_cots=1
grep -q "did you mean 'link_cost'" set_typo.err || fail "--set typo: $(cat set_typo.err)"

# Command-line values go through the scenario's ranges; --set cannot include.
expect_status 2 seed_negative "$bin" run good.yaml -o out.h5 --seed -1
grep -qi "seed" seed_negative.err || fail "--seed -1: $(cat seed_negative.err)"
expect_status 2 ticks_huge "$bin" run good.yaml -o out.h5 --ticks 4294967295
grep -q "ticks" ticks_huge.err || fail "--ticks 4294967295: $(cat ticks_huge.err)"
expect_status 2 set_include "$bin" run good.yaml -o out.h5 --set include=other.yaml
grep -q "^<command line>:.*include: --set cannot add an include" set_include.err || fail "--set include: $(cat set_include.err)"
must_not_exist out.h5 out.h5.partial

# A world larger than the memory allowed is refused before any of it is built.
expect_status 2 too_big "$bin" run good.yaml -o out.h5 --set 'regions[0].agents.smes=200000' --max-memory 0.01
grep -q "needs at least .* GiB (2e+05 agents x [0-9]* bytes.*--max-memory allows (nothing was run)" too_big.err ||
  fail "too big: $(cat too_big.err)"
must_not_exist out.h5 out.h5.partial

# The new user's mistake: a misspelt key in the shipped demo.
sed 's/^tick_length:/tick_lenght:/' "$demo" >demo_typo.yaml
line=$(grep -n '^tick_lenght:' demo_typo.yaml | cut -d: -f1)
case_ demo_typo "demo_typo.yaml:$line:1: tick_lenght: unknown key; did you mean 'tick_length'?"
echo "every kind of bad input refused with its position and key, exit 2, nothing written"
