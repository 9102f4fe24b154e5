#!/usr/bin/python3
"""The network-density experiment: a launcher of clustersim.analysis.density
(tools/python), which documents the measures and statistics."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "python"))
from clustersim.analysis.density import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
