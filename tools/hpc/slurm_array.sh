#!/usr/bin/env bash
# A clustersim sweep as a Slurm job array: every array task runs a contiguous
# share of the plan's runs (clustersim reads SLURM_ARRAY_TASK_ID, _MIN and
# _COUNT), several at a time on the task's CPUs. Plan first, on a login node:
#
#   build/bin/clustersim sweep plan my_sweep.yaml -o /scratch/$USER/my_sweep
#   jid=$(sbatch --parsable tools/hpc/slurm_array.sh /scratch/$USER/my_sweep)
#   sbatch --dependency=afterany:$jid --wrap "build/bin/clustersim sweep collect /scratch/$USER/my_sweep"
#
# Resubmitting the same array resumes: complete runs are skipped, failed and
# interrupted ones run again. A task exits non-zero when one of its runs
# failed (see DIR/failures.csv). Set CLUSTERSIM to the program if it is not
# build/bin/clustersim. Adjust the #SBATCH lines to the sweep and the site.
#
#SBATCH --job-name=clustersim-sweep
#SBATCH --array=0-15
#SBATCH --nodes=1
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=16
#SBATCH --time=02:00:00
#SBATCH --signal=B:TERM@120
set -euo pipefail
plan="${1:?usage: sbatch slurm_array.sh PLAN_DIR}"
clustersim="${CLUSTERSIM:-build/bin/clustersim}"

# One thread per run and as many runs as CPUs: many small runs keep every core
# busy without the synchronisation cost of threads inside a run. For large
# runs, give each run several threads (--threads T) and fewer jobs.
# --signal above sends SIGTERM two minutes before the time limit: the sweep
# stops its runs cleanly and the next submission resumes them.
exec "$clustersim" sweep run "$plan" --jobs "${SLURM_CPUS_PER_TASK:-1}" --threads 1
