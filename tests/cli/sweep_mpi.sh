#!/usr/bin/env bash
# `sweep run --mpi` under mpirun with 3 ranks (rank 0 hands out runs to ranks 1
# and 2) gives the same summary as the same plan run locally.
# shellcheck source=tests/cli/lib.sh
source "$(dirname "$0")/lib.sh"
small="$src/tests/sweep/data/small.yaml"

expect_status 0 plan-local "$bin" sweep plan "$small" -o local
expect_status 0 run-local "$bin" sweep run local --jobs 2
expect_status 0 collect-local "$bin" sweep collect local

expect_status 0 plan-mpi "$bin" sweep plan "$small" -o mpi
# --oversubscribe: 3 ranks on a 2-core machine; --allow-run-as-root: CI containers.
expect_status 0 run-mpi mpirun -n 3 --oversubscribe --allow-run-as-root "$bin" sweep run mpi --mpi
grep -q "8 runs over 3 MPI ranks" run-mpi.err || fail "$(cat run-mpi.err)"
grep -q "^rank 1: run" run-mpi.err && grep -q "^rank 2: run" run-mpi.err ||
  fail "rank 0 did not hand runs to both other ranks: $(cat run-mpi.err)"
expect_status 0 collect-mpi "$bin" sweep collect mpi
cmp local/manifest.csv mpi/manifest.csv || fail "manifests differ"
cmp local/summary.csv mpi/summary.csv || fail "the MPI sweep's summary differs from the local one"
h5diff local/summary.h5 mpi/summary.h5 || fail "summary.h5 differs"
# Resume under MPI through the batch script: everything is complete, nothing
# runs, and the script collects the same summary again.
rm mpi/summary.csv
expect_status 0 rerun-mpi env SLURM_NTASKS=3 CLUSTERSIM="$bin" \
  MPIRUN="mpirun --oversubscribe --allow-run-as-root" bash "$src/tools/hpc/mpi_batch.sh" mpi
grep -q "0 ran, 8 already complete" rerun-mpi.err || fail "$(tail -n 2 rerun-mpi.err)"
cmp local/summary.csv mpi/summary.csv || fail "the batch script's summary differs"
echo "MPI sweep over 3 ranks matches the local sweep"
