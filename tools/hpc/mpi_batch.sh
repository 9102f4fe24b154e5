#!/usr/bin/env bash
# A clustersim sweep as one MPI job across nodes: rank 0 hands runs out one at
# a time to the other ranks (so fast and slow runs even out), then the summary
# is collected. Plan first, on a login node:
#
#   build/bin/clustersim sweep plan my_sweep.yaml -o /scratch/$USER/my_sweep
#   sbatch tools/hpc/mpi_batch.sh /scratch/$USER/my_sweep
#
# Rank 0 only dispatches, so ask for one rank more than the runs you want at
# once. Each rank runs one run at a time with THREADS threads (default 1; set
# cpus-per-task to match). Running the job again resumes the sweep. Set
# CLUSTERSIM to the program if it is not build/bin/clustersim, and MPIRUN to
# the launcher with its options (default: mpirun).
#
#SBATCH --job-name=clustersim-sweep-mpi
#SBATCH --nodes=4
#SBATCH --ntasks-per-node=16
#SBATCH --cpus-per-task=1
#SBATCH --time=04:00:00
#SBATCH --signal=TERM@120
set -euo pipefail
plan="${1:?usage: sbatch mpi_batch.sh PLAN_DIR}"
clustersim="${CLUSTERSIM:-build/bin/clustersim}"
threads="${THREADS:-${SLURM_CPUS_PER_TASK:-1}}"
read -r -a mpirun <<<"${MPIRUN:-mpirun}"

status=0
"${mpirun[@]}" -n "${SLURM_NTASKS:?run under sbatch, or set SLURM_NTASKS}" \
  "$clustersim" sweep run "$plan" --mpi --threads "$threads" || status=$?
# Collect even when some runs failed: their rows say so.
"$clustersim" sweep collect "$plan"
exit "$status"
