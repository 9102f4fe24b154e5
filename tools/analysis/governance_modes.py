#!/usr/bin/python3
"""The governance-modes experiment: a launcher of clustersim.analysis.governance_modes
(tools/python), which documents the measures and statistics."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "python"))
from clustersim.analysis.governance_modes import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
