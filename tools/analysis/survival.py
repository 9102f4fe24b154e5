#!/usr/bin/python3
"""Firm survival and the firm-size distribution, measured from runs: a launcher
of clustersim.analysis.survival (tools/python)."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "python"))
from clustersim.analysis.survival import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
