#!/usr/bin/env bash
# `clustersim indices` on Kazakhstan's IT output (the shipped table), as a user
# runs it: shares of the national total and the HHI for 2010, checked against
# values computed here from the table's own numbers with awk, independently of
# the program; then the errors a user can make.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

data="$src/scenarios/data/kz_it_output_2010_2016.csv"
expect_status 0 indices "$bin" indices "$data" --year 2010
head -n 1 indices.out | grep -qx 'region,year,value,share,hhi' || fail "unexpected header: $(head -n 1 indices.out)"
[ "$(tail -n +2 indices.out | wc -l)" -eq 16 ] || fail "expected 16 regions"

# Independent computation from the 2010 column of the table.
expected=$(awk -F, '!/^#/ && $1 != "region" && $2 != "" { v[$1] = $2; t += $2 }
  END { for (r in v) { s = v[r] / t; h += s * s }; printf "%.6f %.6f\n", v["Almaty city"] / t, h }' "$data")
actual=$(awk -F, '$1 == "Almaty city" { printf "%.6f %.6f\n", $4, $5 }' indices.out)
[ "$expected" = "$actual" ] || fail "Almaty city share and HHI: expected '$expected', got '$actual'"
grep -q '^Atyrau region,2010,,0,' indices.out || fail "a dash in the source must stay an empty value with share 0"

# Every year when --year is left out.
expect_status 0 all_years "$bin" indices "$data"
[ "$(tail -n +2 all_years.out | wc -l)" -eq $((16 * 7)) ] || fail "expected 16 regions x 7 years"

# Mistakes: a year the table lacks, a missing file, a malformed table.
expect_status 2 bad_year "$bin" indices "$data" --year 2030
grep -q 'no data for 2030' bad_year.err || fail "no message for a missing year"
expect_status 2 missing "$bin" indices nonexistent.csv
printf 'region,2010\nA,12\nB,x\n' >bad.csv
expect_status 2 bad "$bin" indices bad.csv
grep -q '^bad.csv:3:3: ' bad.err || fail "error not located: $(cat bad.err)"
# A negative total is refused where it stands; totals near the largest double
# still give shares (no overflow to infinity).
printf 'region,2010\nA,12\nB,-1\n' >negative.csv
expect_status 2 negative "$bin" indices negative.csv
grep -q '^negative.csv:3:3: .*must not be negative' negative.err || fail "negative: $(cat negative.err)"
printf 'region,2010\nA,1e308\nB,1e308\n' >huge.csv
expect_status 0 huge "$bin" indices huge.csv
[ "$(grep -c ',0.5,' huge.out)" -eq 2 ] || fail "shares of two equal huge totals: $(cat huge.out)"
echo "indices match the hand computation"
