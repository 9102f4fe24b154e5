#!/usr/bin/python3
"""What each growth pole passes to the periphery: a launcher of
clustersim.analysis.pole_spillover (tools/python), which documents the rules."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "python"))
from clustersim.analysis.pole_spillover import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
