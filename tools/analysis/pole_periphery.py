#!/usr/bin/python3
"""What a growth-pole budget does to the periphery, by distance from the poles: a
launcher of clustersim.analysis.pole_periphery (tools/python)."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "python"))
from clustersim.analysis.pole_periphery import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
