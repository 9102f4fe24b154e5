#!/usr/bin/python3
"""The small-world experiment (Cowan & Jonard 2004): a launcher of
clustersim.analysis.small_world (tools/python), which documents the measures."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "python"))
from clustersim.analysis.small_world import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
