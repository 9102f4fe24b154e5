#!/usr/bin/env bash
# `clustersim inspect` on a finished run, on the .partial of an interrupted run,
# and on files that are not run files (exit 2) or do not exist (exit 1).
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"

expect_status 0 run "$bin" run "$demo" -o run.h5 --ticks 6 --snapshot-every 3 --progress never
expect_status 0 inspect "$bin" inspect run.h5
for want in "status: complete" "scenario_name: demo" "scenario_sha256: " "seed: " "git_hash: " \
  "host: " "start_time: " "observables (" "smes" "(7, 3)" "agent snapshots (/particles/agents): 3" \
  "network snapshots (/network): 3" "final values" "Almaty" "Astana" "Karaganda region"; do
  grep -qF -- "$want" inspect.out || { cat inspect.out >&2; fail "inspect output lacks '$want'"; }
done
# The digest is the SHA-256 of the scenario text the file holds.
digest=$("$python" -c 'import h5py,hashlib,sys; print(hashlib.sha256(h5py.File(sys.argv[1])["parameters/scenario_text"][()]).hexdigest())' run.h5)
grep -qF "scenario_sha256: $digest" inspect.out || fail "scenario_sha256 is not the SHA-256 of scenario_text"

# A .partial left by an interrupted run.
cp run.h5 left.h5.partial
"$python" -c 'import h5py,sys; f=h5py.File(sys.argv[1],"r+"); f["parameters"].attrs["status"]="interrupted"' left.h5.partial
expect_status 0 partial "$bin" inspect left.h5.partial
grep -qF "status: interrupted" partial.out || fail "inspect does not show the interrupted status"

printf 'not hdf5\n' >notes.h5
expect_status 2 text "$bin" inspect notes.h5
grep -q "not a clustersim run file" text.err || { cat text.err >&2; fail "no clear message for a non-HDF5 file"; }
"$python" -c 'import h5py; h5py.File("other.h5", "w").create_dataset("x", data=[1])'
expect_status 2 other "$bin" inspect other.h5
grep -q "not a clustersim run file" other.err || { cat other.err >&2; fail "no clear message for a foreign HDF5 file"; }
expect_status 1 missing "$bin" inspect missing.h5
grep -q "no such file" missing.err || { cat missing.err >&2; fail "no clear message for a missing file"; }
echo "inspect: run file, partial file, refusals"
