#!/usr/bin/python3
"""Stage-aware against stage-skipping policy, each against no policy, with paired seeds:
a launcher of clustersim.analysis.stage_policy (tools/python)."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "python"))
from clustersim.analysis.stage_policy import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
