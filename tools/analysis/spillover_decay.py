#!/usr/bin/python3
"""The spillover-decay experiment: a launcher of
clustersim.analysis.spillover_decay (tools/python), which documents the measures."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "python"))
from clustersim.analysis.spillover_decay import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
