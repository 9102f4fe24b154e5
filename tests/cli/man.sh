#!/usr/bin/env bash
# The man page the build writes to share/man/man1 is `clustersim help --man`,
# renders without warnings, and describes every command with its options,
# examples and exit statuses.
# Called with the build tree's share/ folder as the argument after SOURCE_DIR.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"
page="$(realpath "$1")/man/man1/clustersim.1"

expect_status 0 man "$bin" help --man
cmp man.out "$page" || fail "$page is not what 'clustersim help --man' prints"

if ! command -v groff >/dev/null; then
  echo "SKIP: groff is not installed (tools/setup installs man-db, which brings it)"
  exit 77
fi
# -ww: every warning; -z: no output, only the diagnostics.
# -ww: every warning; -z: no output, only the diagnostics.
groff -man -ww -z -Tascii "$page" 2>groff.err || fail "groff fails on the man page: $(cat groff.err)"
[ ! -s groff.err ] || fail "groff warns about the man page: $(cat groff.err)"
# ASCII text without bold or underlining, so the checks below read plain words.
groff -man -Tascii -P-cbou "$page" >page.txt 2>/dev/null
if command -v man >/dev/null; then
  LC_ALL=C MANWIDTH=100 MANPAGER=cat PAGER=cat man -l "$page" >man-l.txt 2>man.err ||
    fail "man -l fails: $(cat man.err)"
  sed 's/.\x08//g' man-l.txt >page.txt
else
  echo "man is not installed (man-db): checked the page with groff only"
fi
for want in "clustersim - agent-based simulation of regional innovation clusters" SYNOPSIS \
  "clustersim run [OPTIONS] SCENARIO" "clustersim sweep plan [OPTIONS] SWEEP" \
  "--progress auto|always|never" "--snapshot-every K" "clustersim inspect [OPTIONS] FILE" \
  "clustersim completion [OPTIONS] SHELL" "Exit status:" "Examples:" "clustersim run scenarios/demo.yaml -o out/demo.h5" \
  "130  interrupted"; do
  grep -qF -- "$want" page.txt || { cat page.txt >&2; fail "the rendered man page lacks '$want'"; }
done
echo "man page: matches the program's help and renders cleanly ($(wc -l <page.txt) lines)"
