#!/usr/bin/python3
"""Policy comparisons with replicates: a launcher of
clustersim.analysis.policy_experiment (tools/python)."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "python"))
from clustersim.analysis.policy_experiment import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
